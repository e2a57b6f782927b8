import { JwtVerifier } from '@notify/security';
import { signTestJwt } from './test-jwt';
import { TestTokens } from './test-tokens';

const SECRET = 'test-jwt-spec-secret-0123456789abcdefgh';

describe('signTestJwt', () => {
  const verifier = new JwtVerifier({ jwtSecret: SECRET });

  it('signs tokens the services accept', async () => {
    const token = await signTestJwt({ sub: 'user-1', roles: ['member'] }, SECRET);

    await expect(verifier.verify(token)).resolves.toEqual({
      userId: 'user-1',
      kind: 'user',
      isService: false,
      roles: ['member'],
    });
  });

  it('can sign an already expired token', async () => {
    const token = await signTestJwt({ sub: 'user-1', expiresIn: -60 }, SECRET);

    await expect(verifier.verify(token)).rejects.toThrow('"exp" claim timestamp check failed');
  });
});

describe('TestTokens', () => {
  const tokens = TestTokens.random();
  const { settings } = tokens;
  const verifier = new JwtVerifier({
    jwtSecret: settings.userSecret,
    issuer: settings.userIssuer,
    audience: settings.audience,
    serviceTokens: { issuer: settings.serviceIssuer, secrets: [settings.serviceSecret] },
  });

  it('mints service tokens the services take for a platform service', async () => {
    await expect(verifier.verify(await tokens.service())).resolves.toEqual({
      userId: 'portal-backend',
      kind: 'service',
      isService: true,
      roles: ['service'],
    });
  });

  it('mints user tokens with their roles, under the user issuer and audience', async () => {
    await expect(verifier.verify(await tokens.user('admin-1', ['platform-admin']))).resolves.toEqual({
      userId: 'admin-1',
      kind: 'user',
      isService: false,
      roles: ['platform-admin'],
    });
  });

  it('mints user tokens that cannot pose as a service', async () => {
    await expect(verifier.verify(await tokens.user('portal-backend', ['service']))).rejects.toThrow(
      'may not claim the service role',
    );
  });

  it('gives the variables that configure those keys', () => {
    expect(tokens.env()).toEqual({
      AUTH_JWT_SECRET: settings.userSecret,
      AUTH_JWT_ISSUER: settings.userIssuer,
      AUTH_JWT_AUDIENCE: settings.audience,
      AUTH_SERVICE_JWT_ISSUER: settings.serviceIssuer,
      AUTH_SERVICE_JWT_SECRET: settings.serviceSecret,
    });
  });
});
