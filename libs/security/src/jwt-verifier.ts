import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { AuthOptions } from './auth-options';
import { principalFromClaims, type Principal } from './principal';

/** Absorbs small clock drift between the token issuer and the replicas, no more. */
const CLOCK_TOLERANCE_SECONDS = 30;

/** Raised for any token that cannot be trusted; the reason is for logs, never for the caller. */
export class InvalidTokenError extends Error {
  constructor(readonly reason: string) {
    super(`Invalid token: ${reason}`);
    this.name = 'InvalidTokenError';
  }
}

/**
 * Verifies bearer JWTs: HS256 with the shared secret, RS256 through a JWKS endpoint, or both.
 * Each algorithm is bound to its own key source, so an HS256 token can never be checked against a public key.
 */
export class JwtVerifier {
  private readonly secret?: Uint8Array;
  private readonly jwks?: JWTVerifyGetKey;
  private readonly algorithms: string[] = [];

  constructor(private readonly options: AuthOptions) {
    if (!options.jwtSecret && !options.jwksUrl) {
      throw new Error('Authentication needs a JWT secret or a JWKS URL');
    }
    if (options.jwtSecret) {
      this.secret = new TextEncoder().encode(options.jwtSecret);
      this.algorithms.push('HS256');
    }
    if (options.jwksUrl) {
      this.jwks = createRemoteJWKSet(new URL(options.jwksUrl));
      this.algorithms.push('RS256');
    }
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keyFor, {
        algorithms: this.algorithms,
        issuer: this.options.issuer,
        audience: this.options.audience,
        requiredClaims: ['exp'],
        maxTokenAge: this.options.maxTokenAgeSeconds,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (error) {
      if (error instanceof InvalidTokenError) {
        throw error;
      }
      throw new InvalidTokenError(error instanceof Error ? error.message : String(error));
    }
    return principalFromPayload(payload);
  }

  private readonly keyFor: JWTVerifyGetKey = async (header, token) => {
    if (header.alg === 'HS256' && this.secret) {
      return this.secret;
    }
    if (header.alg === 'RS256' && this.jwks) {
      return this.jwks(header, token);
    }
    throw new InvalidTokenError(`unsupported algorithm ${header.alg ?? 'none'}`);
  };
}

function principalFromPayload(payload: JWTPayload): Principal {
  if (typeof payload.sub !== 'string' || payload.sub.length === 0) {
    throw new InvalidTokenError('missing sub claim');
  }
  const roles: unknown = payload['roles'] ?? [];
  if (!Array.isArray(roles) || !roles.every((role): role is string => typeof role === 'string')) {
    throw new InvalidTokenError('roles claim must be an array of strings');
  }
  return principalFromClaims(payload.sub, roles);
}
