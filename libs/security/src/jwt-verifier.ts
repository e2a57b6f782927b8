import {
  createRemoteJWKSet,
  decodeJwt,
  errors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
} from 'jose';
import type { AuthOptions } from './auth-options';
import { principalFromClaims, SERVICE_ROLE, type Principal, type PrincipalKind } from './principal';

/** Absorbs small clock drift between the token issuer and the replicas, no more. */
const CLOCK_TOLERANCE_SECONDS = 30;

/** Raised for any token that cannot be trusted; the reason is for logs, never for the caller. */
export class InvalidTokenError extends Error {
  constructor(readonly reason: string) {
    super(`Invalid token: ${reason}`);
    this.name = 'InvalidTokenError';
  }
}

interface ServiceKeys {
  issuer: string;
  secrets: Uint8Array[];
}

/**
 * Verifies bearer JWTs of two kinds. User tokens: HS256 with the shared secret, RS256 through a JWKS endpoint, or
 * both; each algorithm bound to its own key source, so an HS256 token can never be checked against a public key.
 * Service tokens: HS256 with the service secrets and the service issuer only. A token is routed by its `iss`, and
 * only a token verified with a service key becomes a service principal. A deployment without service keys
 * (AUTH_SERVICE_JWT_*) keeps the contract's older form: the user secret with `roles: ["service"]`.
 */
export class JwtVerifier {
  private readonly secret?: Uint8Array;
  private readonly jwks?: JWTVerifyGetKey;
  private readonly algorithms: string[] = [];
  private readonly service?: ServiceKeys;

  constructor(private readonly options: AuthOptions) {
    if (!options.jwtSecret && !options.jwksUrl) {
      throw new Error('Authentication needs a JWT secret or a JWKS URL');
    }
    if (options.jwtSecret) {
      this.secret = encode(options.jwtSecret);
      this.algorithms.push('HS256');
    }
    if (options.jwksUrl) {
      this.jwks = createRemoteJWKSet(new URL(options.jwksUrl));
      this.algorithms.push('RS256');
    }
    if (options.serviceTokens) {
      const { issuer, secrets } = options.serviceTokens;
      if (!issuer || secrets.length === 0) {
        throw new Error('Service tokens need an issuer and at least one secret');
      }
      if (issuer === options.issuer) {
        throw new Error('Service tokens need an issuer of their own, not the user-token issuer');
      }
      if (options.jwtSecret !== undefined && secrets.includes(options.jwtSecret)) {
        throw new Error('Service tokens need a secret of their own, not the user-token secret');
      }
      this.service = { issuer, secrets: secrets.map(encode) };
    }
  }

  async verify(token: string): Promise<Principal> {
    return this.service && issuerOf(token) === this.service.issuer
      ? this.verifyService(token, this.service)
      : this.verifyUser(token);
  }

  private async verifyUser(token: string): Promise<Principal> {
    const payload = await verified(() =>
      jwtVerify(token, this.userKeyFor, this.checks(this.algorithms, this.options.issuer)),
    );
    const claimsService = principalFromPayload('user', payload).roles.includes(SERVICE_ROLE);
    if (!claimsService) {
      return principalFromPayload('user', payload);
    }
    // Without service keys of their own, the public contract applies: the shared secret and the `service` role.
    if (this.service) {
      throw new InvalidTokenError('a user token may not claim the service role');
    }
    return principalFromPayload('service', payload);
  }

  private async verifyService(token: string, service: ServiceKeys): Promise<Principal> {
    const checks = this.checks(['HS256'], service.issuer);
    for (const secret of service.secrets) {
      try {
        const { payload } = await jwtVerify(token, secret, checks);
        return principalFromPayload('service', payload);
      } catch (error) {
        // Another secret of the list may have signed it (rotation); any other failure is final.
        if (!(error instanceof errors.JWSSignatureVerificationFailed)) {
          throw invalidToken(error);
        }
      }
    }
    throw new InvalidTokenError('service token signature verification failed');
  }

  private checks(algorithms: string[], issuer: string | undefined): JWTVerifyOptions {
    return {
      algorithms,
      issuer,
      audience: this.options.audience,
      requiredClaims: ['exp'],
      maxTokenAge: this.options.maxTokenAgeSeconds,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    };
  }

  private readonly userKeyFor: JWTVerifyGetKey = async (header, token) => {
    if (header.alg === 'HS256' && this.secret) {
      return this.secret;
    }
    if (header.alg === 'RS256' && this.jwks) {
      return this.jwks(header, token);
    }
    throw new InvalidTokenError(`unsupported algorithm ${header.alg ?? 'none'}`);
  };
}

function encode(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** The unverified `iss`, only to pick the key that then verifies the token; undefined when unreadable. */
function issuerOf(token: string): string | undefined {
  try {
    return decodeJwt(token).iss;
  } catch {
    return undefined;
  }
}

async function verified(verify: () => Promise<{ payload: JWTPayload }>): Promise<JWTPayload> {
  try {
    return (await verify()).payload;
  } catch (error) {
    throw invalidToken(error);
  }
}

function invalidToken(error: unknown): InvalidTokenError {
  if (error instanceof InvalidTokenError) {
    return error;
  }
  return new InvalidTokenError(error instanceof Error ? error.message : String(error));
}

function principalFromPayload(kind: PrincipalKind, payload: JWTPayload): Principal {
  if (typeof payload.sub !== 'string' || payload.sub.length === 0) {
    throw new InvalidTokenError('missing sub claim');
  }
  const roles: unknown = payload['roles'] ?? [];
  if (!Array.isArray(roles) || !roles.every((role): role is string => typeof role === 'string')) {
    throw new InvalidTokenError('roles claim must be an array of strings');
  }
  return principalFromClaims(kind, payload.sub, roles);
}
