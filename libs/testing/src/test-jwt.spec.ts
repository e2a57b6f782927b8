import { JwtVerifier } from '@notify/security';
import { signTestJwt } from './test-jwt';

const SECRET = 'test-jwt-spec-secret-0123456789abcdefgh';

describe('signTestJwt', () => {
  const verifier = new JwtVerifier({ jwtSecret: SECRET });

  it('signs tokens the services accept', async () => {
    const token = await signTestJwt({ sub: 'portal', roles: ['service'] }, SECRET);

    await expect(verifier.verify(token)).resolves.toEqual({
      userId: 'portal',
      isService: true,
      roles: ['service'],
    });
  });

  it('can sign an already expired token', async () => {
    const token = await signTestJwt({ sub: 'user-1', expiresIn: -60 }, SECRET);

    await expect(verifier.verify(token)).rejects.toThrow('"exp" claim timestamp check failed');
  });
});
