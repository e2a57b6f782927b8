export { AuthModule } from './auth.module';
export {
  AUTH_OPTIONS,
  type AuthAsyncOptions,
  type AuthOptions,
  type ServiceTokenOptions,
} from './auth-options';
export type { AuthenticatedRequest } from './authenticated-request';
export { CurrentPrincipal } from './current-principal.decorator';
export { InvalidLinkError, type InvalidLinkReason } from './invalid-link.error';
export { JwtAuthGuard } from './jwt-auth.guard';
export { InvalidTokenError, JwtVerifier } from './jwt-verifier';
export { LinkSigner, type LinkClaims, type LinkSigningKey } from './link-signer';
export {
  assertActsFor,
  mayPerformPlatformActions,
  principalFromClaims,
  PLATFORM_ADMIN_ROLE,
  SERVICE_ROLE,
  type Principal,
  type PrincipalKind,
} from './principal';
export { IS_PUBLIC_KEY, Public } from './public.decorator';
export { ServiceOnlyGuard } from './service-only.guard';
export { UNSUBSCRIBE_PURPOSE, UnsubscribeTokens, type UnsubscribeClaims } from './unsubscribe-tokens';
