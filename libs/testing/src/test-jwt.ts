import { SignJWT } from 'jose';

export interface TestJwtClaims {
  sub: string;
  roles?: string[];
  /** Seconds from now, or a jose time span such as `1h`; negative numbers give an expired token. */
  expiresIn?: number | string;
  issuer?: string;
  audience?: string;
}

/** Signs an HS256 bearer token the services accept with the same secret. */
export function signTestJwt(claims: TestJwtClaims, secret: string): Promise<string> {
  const { sub, roles, expiresIn = '1h', issuer, audience } = claims;
  const nowSeconds = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT(roles ? { roles } : {})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt(typeof expiresIn === 'number' && expiresIn < 0 ? nowSeconds + expiresIn - 60 : nowSeconds)
    .setExpirationTime(typeof expiresIn === 'number' ? nowSeconds + expiresIn : expiresIn);
  if (issuer) {
    jwt.setIssuer(issuer);
  }
  if (audience) {
    jwt.setAudience(audience);
  }
  return jwt.sign(new TextEncoder().encode(secret));
}
