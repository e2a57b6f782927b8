import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { EVENT_CATALOG, EventDataMap } from './event-catalog';
import { EventType, isEventType } from './event-types';
import { readValidPayload } from './validation/payload-reader';

export interface FieldViolation {
  /** Dotted path into `data`, e.g. `actor.userId` or `moderators.0.contactEmail`. */
  field: string;
  problems: string[];
}

export class UnknownEventTypeError extends Error {
  override readonly name = 'UnknownEventTypeError';

  constructor(readonly eventType: string) {
    super(`event type ${eventType} is not part of the contract`);
  }
}

export class PayloadValidationError extends Error {
  override readonly name = 'PayloadValidationError';
  /** Dotted paths of the invalid fields; empty when `data` is not an object at all. */
  readonly fields: string[];

  constructor(
    readonly eventType: string,
    readonly violations: FieldViolation[],
    summary = violations.map(({ field, problems }) => `${field} (${problems.join('; ')})`).join(', '),
  ) {
    super(`invalid data for ${eventType}: ${summary}`);
    this.fields = violations.map(({ field }) => field);
  }
}

function collectViolations(errors: ValidationError[], parentPath = ''): FieldViolation[] {
  return errors.flatMap((error) => {
    const field = parentPath ? `${parentPath}.${error.property}` : error.property;
    const missing = error.value === undefined || error.value === null;
    const problems = missing ? [`${error.property} is required`] : Object.values(error.constraints ?? {});
    const own = error.constraints ? [{ field, problems }] : [];
    return [...own, ...collectViolations(error.children ?? [], field)];
  });
}

function isJsonObject(data: unknown): data is Record<string, unknown> {
  return typeof data === 'object' && data !== null && !Array.isArray(data);
}

/**
 * Validates an event's `data` against its type's payload class and returns the class instance.
 * Fields the class does not know are dropped, not rejected, so producers may add fields first. A valid payload is read
 * by `readValidPayload`; the class-transformer + class-validator pass runs for the others, to name what is wrong.
 */
export async function validatePayload<T extends EventType>(type: T, data: unknown): Promise<EventDataMap[T]>;
export async function validatePayload(type: string, data: unknown): Promise<EventDataMap[EventType]>;
export async function validatePayload(type: string, data: unknown): Promise<object> {
  if (!isEventType(type)) {
    throw new UnknownEventTypeError(type);
  }
  if (!isJsonObject(data)) {
    const kind = Array.isArray(data) ? 'an array' : data === null ? 'null' : typeof data;
    throw new PayloadValidationError(type, [], `data must be a JSON object, got ${kind}`);
  }
  const payloadClass = EVENT_CATALOG[type].payload as new () => object;
  const read = readValidPayload(payloadClass, data);
  if (read !== undefined) {
    return read;
  }
  const instance: object = plainToInstance(payloadClass, data);
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: false,
    forbidUnknownValues: true,
  });
  if (errors.length > 0) {
    throw new PayloadValidationError(type, collectViolations(errors));
  }
  return instance;
}
