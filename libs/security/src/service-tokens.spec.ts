import { SignJWT } from 'jose';
import { InvalidTokenError, JwtVerifier } from './jwt-verifier';
import type { AuthOptions } from './auth-options';

const USER_SECRET = 'user-token-spec-secret-0123456789abcdef';
const SERVICE_SECRET = 'service-token-spec-secret-0123456789abcd';
const PREVIOUS_SERVICE_SECRET = 'previous-service-secret-0123456789abcdef';
const USER_ISSUER = 'https://id.example.org/';
const SERVICE_ISSUER = 'urn:notify:platform-services';
const AUDIENCE = 'notifications';

const options: AuthOptions = {
  jwtSecret: USER_SECRET,
  issuer: USER_ISSUER,
  audience: AUDIENCE,
  serviceTokens: { issuer: SERVICE_ISSUER, secrets: [SERVICE_SECRET, PREVIOUS_SERVICE_SECRET] },
};

interface Minted {
  roles?: string[];
  secret: string;
  issuer?: string;
  audience?: string;
  alg?: string;
}

function token({ roles, secret, issuer, audience = AUDIENCE, alg = 'HS256' }: Minted): Promise<string> {
  const jwt = new SignJWT(roles ? { roles } : {})
    .setProtectedHeader({ alg })
    .setSubject('caller-1')
    .setAudience(audience)
    .setExpirationTime('5m');
  if (issuer) {
    jwt.setIssuer(issuer);
  }
  return jwt.sign(new TextEncoder().encode(secret));
}

const serviceToken = (overrides: Partial<Minted> = {}): Promise<string> =>
  token({ secret: SERVICE_SECRET, issuer: SERVICE_ISSUER, ...overrides });
const userToken = (overrides: Partial<Minted> = {}): Promise<string> =>
  token({ secret: USER_SECRET, issuer: USER_ISSUER, ...overrides });

async function reasonOf(verifying: Promise<unknown>): Promise<string> {
  const error: unknown = await verifying.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  if (!(error instanceof InvalidTokenError)) {
    throw new Error(`expected an InvalidTokenError, got ${String(error)}`);
  }
  return error.reason;
}

describe('JwtVerifier with service tokens', () => {
  const verifier = new JwtVerifier(options);

  it('makes a service principal of a token verified with the service secret and issuer', async () => {
    await expect(verifier.verify(await serviceToken())).resolves.toEqual({
      userId: 'caller-1',
      kind: 'service',
      isService: true,
      roles: ['service'],
    });
  });

  it('accepts a service token signed with a previous secret still listed (rotation)', async () => {
    await expect(
      verifier.verify(await serviceToken({ secret: PREVIOUS_SERVICE_SECRET })),
    ).resolves.toMatchObject({
      kind: 'service',
      isService: true,
    });
  });

  it('refuses a user token that claims the service role', async () => {
    const forged = await userToken({ roles: ['service'] });

    await expect(reasonOf(verifier.verify(forged))).resolves.toBe(
      'a user token may not claim the service role',
    );
  });

  it('takes the service role on the shared secret as a service when no service keys are configured', async () => {
    const withoutServiceKeys = new JwtVerifier({ jwtSecret: USER_SECRET });

    await expect(withoutServiceKeys.verify(await userToken({ roles: ['service'] }))).resolves.toMatchObject({
      kind: 'service',
      isService: true,
    });
    await expect(withoutServiceKeys.verify(await userToken({ roles: ['platform-admin'] }))).resolves.toMatchObject(
      { kind: 'user', isService: false },
    );
  });

  it('refuses a token naming the service issuer but signed with the user secret', async () => {
    await expect(reasonOf(verifier.verify(await serviceToken({ secret: USER_SECRET })))).resolves.toMatch(
      /signature/,
    );
  });

  it('refuses a token signed with the service secret under the user issuer', async () => {
    await expect(
      reasonOf(
        verifier.verify(await token({ secret: SERVICE_SECRET, issuer: USER_ISSUER, roles: ['service'] })),
      ),
    ).resolves.toMatch(/signature/);
  });

  it('checks the audience of service tokens too', async () => {
    await expect(reasonOf(verifier.verify(await serviceToken({ audience: 'elsewhere' })))).resolves.toMatch(
      /aud/,
    );
  });

  it('pins service tokens to HS256', async () => {
    await expect(reasonOf(verifier.verify(await serviceToken({ alg: 'HS512' })))).resolves.toMatch(/alg/);
  });

  it('keeps the roles of user tokens, platform-admin included', async () => {
    await expect(verifier.verify(await userToken({ roles: ['platform-admin'] }))).resolves.toEqual({
      userId: 'caller-1',
      kind: 'user',
      isService: false,
      roles: ['platform-admin'],
    });
  });

  it('refuses a user token from another issuer', async () => {
    await expect(
      reasonOf(verifier.verify(await userToken({ issuer: 'https://evil.example.org/' }))),
    ).resolves.toMatch(/iss/);
  });

  it.each<[string, AuthOptions['serviceTokens'], string]>([
    ['no secret', { issuer: SERVICE_ISSUER, secrets: [] }, 'an issuer and at least one secret'],
    ['no issuer', { issuer: '', secrets: [SERVICE_SECRET] }, 'an issuer and at least one secret'],
    ['the user issuer', { issuer: USER_ISSUER, secrets: [SERVICE_SECRET] }, 'an issuer of their own'],
    ['the user secret', { issuer: SERVICE_ISSUER, secrets: [USER_SECRET] }, 'a secret of their own'],
  ])('refuses service-token settings with %s', (_case, serviceTokens, message) => {
    expect(() => new JwtVerifier({ ...options, serviceTokens })).toThrow(message);
  });
});
