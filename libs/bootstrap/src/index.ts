export { bootstrapService, configureApp } from './bootstrap-service';
export type { ServiceDescriptor } from './bootstrap-service';
export { createValidationPipe } from './validation-pipe';
export type { FieldError, ValidationFailedBody } from './validation-pipe';
export { runService, startupFailureMessage, type StartupFailureHandler } from './run-service';
export { DEFAULT_BODY_LIMIT } from './request-body';
export {
  applyHttpServerTimeouts,
  DEFAULT_HTTP_SERVER_TIMEOUTS,
  type HttpServerTimeouts,
} from './http-timeouts';
