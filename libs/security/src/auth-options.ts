import type { InjectionToken, ModuleMetadata, OptionalFactoryDependency } from '@nestjs/common';

export interface AuthOptions {
  /** HS256 shared secret (AUTH_JWT_SECRET). */
  jwtSecret?: string;
  /** RS256 key set URL (AUTH_JWKS_URL), the production option. */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /** When set, tokens must carry `iat` and be at most this old (AUTH_JWT_MAX_AGE); unset accepts any age. */
  maxTokenAgeSeconds?: number;
}

export interface AuthAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: (InjectionToken | OptionalFactoryDependency)[];
  useFactory: (...deps: never[]) => AuthOptions | Promise<AuthOptions>;
}

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');
