import { BadRequestException, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';

export interface FieldError {
  field: string;
  messages: string[];
}

export interface ValidationFailedBody {
  statusCode: 400;
  message: string;
  errors: FieldError[];
}

/** Flattens nested class-validator errors into dotted field paths such as `moderators.0.contactEmail`. */
export function flattenValidationErrors(errors: ValidationError[], parentPath = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parentPath ? `${parentPath}.${error.property}` : error.property;
    const own: FieldError[] = error.constraints
      ? [{ field, messages: Object.values(error.constraints) }]
      : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors: ValidationError[]) => {
      const fieldErrors = flattenValidationErrors(errors);
      const body: ValidationFailedBody = {
        statusCode: 400,
        message: `Validation failed: ${fieldErrors.map((e) => e.field).join(', ')}`,
        errors: fieldErrors,
      };
      return new BadRequestException(body);
    },
  });
}
