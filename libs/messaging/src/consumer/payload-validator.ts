// Validator: owns checking an event's payload against the contract's class before any handler sees it.
import { Injectable, ValidationPipe, type ValidationError } from '@nestjs/common';
import {
  EVENT_CATALOG,
  PayloadValidationError,
  readValidPayload,
  type EventDataMap,
  type EventType,
  type FieldViolation,
} from '@notify/contracts';

class PayloadViolations extends Error {
  constructor(readonly violations: FieldViolation[]) {
    super('payload violates its contract');
  }
}

function violationsOf(errors: ValidationError[], parentPath = ''): FieldViolation[] {
  return errors.flatMap((error) => {
    const field = parentPath ? `${parentPath}.${error.property}` : error.property;
    const missing = error.value === undefined || error.value === null;
    const problems = missing ? [`${error.property} is required`] : Object.values(error.constraints ?? {});
    const own = error.constraints ? [{ field, problems }] : [];
    return [...own, ...violationsOf(error.children ?? [], field)];
  });
}

function describeNonObject(data: unknown): string | undefined {
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
    return undefined;
  }
  const kind = Array.isArray(data) ? 'an array' : data === null ? 'null' : typeof data;
  return `data must be a JSON object, got ${kind}`;
}

/**
 * Nest's `ValidationPipe` over the contract's payload class of an event type. Fields the class does not know are
 * dropped, not rejected, so producers may add fields first. Failures are `PayloadValidationError`s naming fields.
 * A valid payload is read by the contract's `readValidPayload`, which applies the same rules at a fraction of the
 * pipe's cost (every consumed event passes here); the pipe decides, and names the fields, for the others.
 */
@Injectable()
export class PayloadValidator {
  private readonly pipe = new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: false,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => new PayloadViolations(violationsOf(errors)),
  });

  async validate<T extends EventType>(type: T, data: unknown): Promise<EventDataMap[T]> {
    const notAnObject = describeNonObject(data);
    if (notAnObject) {
      throw new PayloadValidationError(type, [], notAnObject);
    }
    const payloadClass = EVENT_CATALOG[type].payload;
    const read = readValidPayload(payloadClass as new () => EventDataMap[T], data);
    if (read !== undefined) {
      return read;
    }
    try {
      return (await this.pipe.transform(data, { type: 'body', metatype: payloadClass })) as EventDataMap[T];
    } catch (error) {
      throw error instanceof PayloadViolations ? new PayloadValidationError(type, error.violations) : error;
    }
  }
}
