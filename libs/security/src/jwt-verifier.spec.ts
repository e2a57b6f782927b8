import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { InvalidTokenError, JwtVerifier } from './jwt-verifier';

const SECRET = 'verifier-spec-secret-0123456789abcdefg';

describe('JwtVerifier', () => {
  it('needs a secret or a key set', () => {
    expect(() => new JwtVerifier({})).toThrow('JWT secret or a JWKS URL');
  });

  it('checks issuer and audience when configured', async () => {
    const verifier = new JwtVerifier({
      jwtSecret: SECRET,
      issuer: 'https://id.example.org',
      audience: 'notify',
    });
    const sign = (issuer: string): Promise<string> =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('user-1')
        .setIssuer(issuer)
        .setAudience('notify')
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(SECRET));

    await expect(verifier.verify(await sign('https://id.example.org'))).resolves.toMatchObject({
      userId: 'user-1',
    });
    await expect(verifier.verify(await sign('https://evil.example.org'))).rejects.toBeInstanceOf(
      InvalidTokenError,
    );
  });

  it('rejects unsigned tokens', async () => {
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"user-1"}').toString('base64url')}.`;

    await expect(new JwtVerifier({ jwtSecret: SECRET }).verify(unsigned)).rejects.toBeInstanceOf(
      InvalidTokenError,
    );
  });

  describe('with a JWKS endpoint', () => {
    let server: Server;
    let privateKey: KeyLike;
    let jwksUrl: string;

    beforeAll(async () => {
      const pair = await generateKeyPair('RS256');
      privateKey = pair.privateKey;
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
      new SignJWT({ roles: ['service'] })
        .setProtectedHeader({ alg: 'RS256', kid })
        .setSubject('portal')
        .setExpirationTime('5m')
        .sign(key);

    it('accepts an RS256 token signed by a published key', async () => {
      const verifier = new JwtVerifier({ jwksUrl });

      await expect(verifier.verify(await rs256(privateKey))).resolves.toEqual({
        userId: 'portal',
        isService: true,
        roles: ['service'],
      });
    });

    it('rejects an RS256 token signed by an unpublished key', async () => {
      const stranger = await generateKeyPair('RS256');

      await expect(
        new JwtVerifier({ jwksUrl }).verify(await rs256(stranger.privateKey)),
      ).rejects.toBeInstanceOf(InvalidTokenError);
    });

    it('rejects HS256 tokens when only a key set is configured', async () => {
      const hs256 = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('user-1')
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(SECRET));

      await expect(new JwtVerifier({ jwksUrl }).verify(hs256)).rejects.toBeInstanceOf(InvalidTokenError);
    });
  });
});
