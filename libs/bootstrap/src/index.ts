export { bootstrapService, configureApp } from './bootstrap-service';
export type { ServiceDescriptor } from './bootstrap-service';
export { createValidationPipe, ValidationFailedBody, FieldError } from './validation-pipe';
