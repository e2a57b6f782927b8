import { SignJWT } from 'jose';

export interface SignedClaims {
  sub: string;
  roles: string[];
  ttlMs: number;
}

/** HS256 tokens the services accept, signed with the shared AUTH_JWT_SECRET. */
export class JwtSigner {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly issuer?: string,
    private readonly audience?: string,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  sign({ sub, roles, ttlMs }: SignedClaims, now = new Date()): Promise<string> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const jwt = new SignJWT({ roles })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(sub)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + Math.ceil(ttlMs / 1000));
    if (this.issuer) {
      jwt.setIssuer(this.issuer);
    }
    if (this.audience) {
      jwt.setAudience(this.audience);
    }
    return jwt.sign(this.key);
  }
}
