import type { InjectionToken, ModuleMetadata, OptionalFactoryDependency } from '@nestjs/common';

/** Tokens platform services mint for themselves, told apart from user tokens by their own issuer and key. */
export interface ServiceTokenOptions {
  /** HS256 secrets (AUTH_SERVICE_JWT_SECRET), current first; each one verifies, so rotation can overlap. */
  secrets: string[];
  /** The `iss` of every service token (AUTH_SERVICE_JWT_ISSUER); must differ from the user-token issuer. */
  issuer: string;
}

export interface AuthOptions {
  /** HS256 secret of user tokens (AUTH_JWT_SECRET). */
  jwtSecret?: string;
  /** RS256 key set URL of user tokens (AUTH_JWKS_URL), the production option. */
  jwksUrl?: string;
  /** `iss` of user tokens (AUTH_JWT_ISSUER); checked when set. */
  issuer?: string;
  /** `aud` of every token, user or service (AUTH_JWT_AUDIENCE); checked when set. */
  audience?: string;
  /** When set, tokens must carry `iat` and be at most this old (AUTH_JWT_MAX_AGE); unset accepts any age. */
  maxTokenAgeSeconds?: number;
  /** Without it no token is a service principal. */
  serviceTokens?: ServiceTokenOptions;
}

export interface AuthAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: (InjectionToken | OptionalFactoryDependency)[];
  useFactory: (...deps: never[]) => AuthOptions | Promise<AuthOptions>;
}

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');
