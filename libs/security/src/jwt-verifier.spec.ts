import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { InvalidTokenError, JwtVerifier } from './jwt-verifier';

const SECRET = 'verifier-spec-secret-0123456789abcdefg';
const secretKey = new TextEncoder().encode(SECRET);
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function hs256(build: (jwt: SignJWT) => SignJWT = (jwt) => jwt, alg = 'HS256'): Promise<string> {
  return build(
    new SignJWT({})
      .setProtectedHeader({ alg })
      .setSubject('user-1')
      .setExpirationTime(nowSeconds() + 300),
  ).sign(secretKey);
}

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

describe('JwtVerifier', () => {
  const verifier = new JwtVerifier({ jwtSecret: SECRET });

  it('needs a secret or a key set', () => {
    expect(() => new JwtVerifier({})).toThrow('JWT secret or a JWKS URL');
  });

  it('accepts an HS256 token signed with the secret', async () => {
    await expect(verifier.verify(await hs256())).resolves.toEqual({
      userId: 'user-1',
      kind: 'user',
      isService: false,
      roles: [],
    });
  });

  it('checks issuer and audience when configured', async () => {
    const strict = new JwtVerifier({
      jwtSecret: SECRET,
      issuer: 'https://id.example.org',
      audience: 'notify',
    });
    const issuedBy = (issuer: string): Promise<string> =>
      hs256((jwt) => jwt.setIssuer(issuer).setAudience('notify'));

    await expect(strict.verify(await issuedBy('https://id.example.org'))).resolves.toMatchObject({
      userId: 'user-1',
    });
    await expect(reasonOf(strict.verify(await issuedBy('https://evil.example.org')))).resolves.toMatch(/iss/);
  });

  it('rejects unsigned tokens', async () => {
    const unsigned = `${base64url({ alg: 'none' })}.${base64url({ sub: 'user-1', exp: nowSeconds() + 300 })}.`;

    await expect(reasonOf(verifier.verify(unsigned))).resolves.toMatch(/alg/);
  });

  it.each(['HS384', 'HS512'])('pins the algorithm: rejects %s even with the right secret', async (alg) => {
    await expect(reasonOf(verifier.verify(await hs256(undefined, alg)))).resolves.toMatch(/alg/);
  });

  it('requires an expiry', async () => {
    const forever = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('user-1')
      .sign(secretKey);

    await expect(reasonOf(verifier.verify(forever))).resolves.toMatch(/exp/);
  });

  it('tolerates a few seconds of clock drift but not an expired token', async () => {
    const justExpired = await hs256((jwt) => jwt.setExpirationTime(nowSeconds() - 5));
    const expired = await hs256((jwt) => jwt.setExpirationTime(nowSeconds() - 60));

    await expect(verifier.verify(justExpired)).resolves.toMatchObject({ userId: 'user-1' });
    await expect(reasonOf(verifier.verify(expired))).resolves.toMatch(/exp/);
  });

  it('rejects a token that is not yet valid', async () => {
    const early = await hs256((jwt) => jwt.setNotBefore(nowSeconds() + 600));

    await expect(reasonOf(verifier.verify(early))).resolves.toMatch(/nbf/);
  });

  it('requires a subject', async () => {
    const anonymous = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(nowSeconds() + 300)
      .sign(secretKey);

    await expect(reasonOf(verifier.verify(anonymous))).resolves.toBe('missing sub claim');
  });

  describe('with a maximum token age', () => {
    const aged = new JwtVerifier({ jwtSecret: SECRET, maxTokenAgeSeconds: 3_600 });
    const issuedAgo = (seconds: number): Promise<string> =>
      hs256((jwt) => jwt.setIssuedAt(nowSeconds() - seconds).setExpirationTime(nowSeconds() + 300));

    it('accepts a token issued within the limit', async () => {
      await expect(aged.verify(await issuedAgo(3_000))).resolves.toMatchObject({ userId: 'user-1' });
    });

    it('rejects a long-lived token issued before the limit, though not yet expired', async () => {
      await expect(reasonOf(aged.verify(await issuedAgo(7_200)))).resolves.toMatch(/iat/);
    });

    it('requires an issue time', async () => {
      await expect(reasonOf(aged.verify(await hs256()))).resolves.toMatch(/iat/);
    });

    it('is not applied when unset: a token without an issue time still passes', async () => {
      await expect(verifier.verify(await hs256())).resolves.toMatchObject({ userId: 'user-1' });
      await expect(verifier.verify(await issuedAgo(7_200))).resolves.toMatchObject({ userId: 'user-1' });
    });
  });

  describe('with a JWKS endpoint', () => {
    let server: Server;
    let privateKey: KeyLike;
    let publicKeyPem: string;
    let jwksUrl: string;

    beforeAll(async () => {
      const pair = await generateKeyPair('RS256');
      privateKey = pair.privateKey;
      publicKeyPem = await exportSPKI(pair.publicKey);
      const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' };
      server = createServer((_request, response) => {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    });

    afterAll(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    const rs256 = (key: KeyLike, kid = 'rsa-1'): Promise<string> =>
      new SignJWT({ roles: ['member'] })
        .setProtectedHeader({ alg: 'RS256', kid })
        .setSubject('portal')
        .setExpirationTime('5m')
        .sign(key);

    it('accepts an RS256 token signed by a published key', async () => {
      await expect(new JwtVerifier({ jwksUrl }).verify(await rs256(privateKey))).resolves.toEqual({
        userId: 'portal',
        kind: 'user',
        isService: false,
        roles: ['member'],
      });
    });

    it('rejects an RS256 token signed by an unpublished key', async () => {
      const stranger = await generateKeyPair('RS256');

      await expect(
        reasonOf(new JwtVerifier({ jwksUrl }).verify(await rs256(stranger.privateKey))),
      ).resolves.toMatch(/signature/);
    });

    it('rejects HS256 tokens when only a key set is configured', async () => {
      await expect(reasonOf(new JwtVerifier({ jwksUrl }).verify(await hs256()))).resolves.toMatch(/alg/);
    });

    it('rejects RS256 tokens when only a secret is configured', async () => {
      await expect(reasonOf(verifier.verify(await rs256(privateKey)))).resolves.toMatch(/alg/);
    });

    it('accepts both kinds when both are configured, each checked with its own key', async () => {
      const both = new JwtVerifier({ jwtSecret: SECRET, jwksUrl });

      await expect(both.verify(await rs256(privateKey))).resolves.toMatchObject({ userId: 'portal' });
      await expect(both.verify(await hs256())).resolves.toMatchObject({ userId: 'user-1' });
    });

    it('rejects an HS256 token keyed with the published public key (algorithm confusion)', async () => {
      const forged = await new SignJWT({ roles: ['service'] })
        .setProtectedHeader({ alg: 'HS256', kid: 'rsa-1' })
        .setSubject('portal')
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(publicKeyPem));

      await expect(reasonOf(new JwtVerifier({ jwksUrl }).verify(forged))).resolves.toMatch(/alg/);
      await expect(reasonOf(new JwtVerifier({ jwtSecret: SECRET, jwksUrl }).verify(forged))).resolves.toMatch(
        /signature/,
      );
    });
  });
});
