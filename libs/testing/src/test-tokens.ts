import { randomBytes } from 'node:crypto';
import { signTestJwt } from './test-jwt';

/** Both kinds of bearer token a deployment accepts: user tokens (identity provider) and platform-service tokens. */
export interface TestTokenSettings {
  userSecret: string;
  userIssuer: string;
  serviceSecret: string;
  serviceIssuer: string;
  audience: string;
}

/** The service id that stands for a platform backend (the portal) in tests. */
export const TEST_SERVICE_ID = 'portal-backend';

/**
 * Mints test tokens the way production does: user tokens under the user issuer and secret, service tokens under
 * their own issuer and secret. `env()` gives the matching AUTH_* variables for the service under test.
 */
export class TestTokens {
  constructor(readonly settings: TestTokenSettings) {}

  /** Fresh secrets, so no suite accepts another's tokens. */
  static random(): TestTokens {
    return new TestTokens({
      userSecret: randomBytes(32).toString('hex'),
      userIssuer: 'https://id.example.test/',
      serviceSecret: randomBytes(32).toString('hex'),
      serviceIssuer: 'urn:example-test:platform-services',
      audience: 'notifications',
    });
  }

  env(): Record<string, string> {
    const { userSecret, userIssuer, serviceSecret, serviceIssuer, audience } = this.settings;
    return {
      AUTH_JWT_SECRET: userSecret,
      AUTH_JWT_ISSUER: userIssuer,
      AUTH_JWT_AUDIENCE: audience,
      AUTH_SERVICE_JWT_ISSUER: serviceIssuer,
      AUTH_SERVICE_JWT_SECRET: serviceSecret,
    };
  }

  /** A user token; `roles` as the identity provider would grant them, e.g. `platform-admin`. */
  user(userId: string, roles?: string[]): Promise<string> {
    const { userSecret, userIssuer, audience } = this.settings;
    return signTestJwt({ sub: userId, roles, issuer: userIssuer, audience }, userSecret);
  }

  /** A platform-service token, signed with the service secret under the service issuer. */
  service(serviceId: string = TEST_SERVICE_ID): Promise<string> {
    const { serviceSecret, serviceIssuer, audience } = this.settings;
    return signTestJwt(
      { sub: serviceId, roles: ['service'], issuer: serviceIssuer, audience },
      serviceSecret,
    );
  }
}
