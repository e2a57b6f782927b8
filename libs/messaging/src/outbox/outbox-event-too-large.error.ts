import { PayloadTooLargeException } from '@nestjs/common';

export interface LargestField {
  /** Dotted path from the event, e.g. `data.excerpt`. */
  field: string;
  bytes: number;
}

/** The top-level field of `data` that takes the most bytes serialised, to name in the refusal. */
export function largestField(data: unknown): LargestField | undefined {
  if (typeof data !== 'object' || data === null) {
    return undefined;
  }
  let largest: LargestField | undefined;
  for (const [name, value] of Object.entries(data)) {
    const bytes = Buffer.byteLength(JSON.stringify(value) ?? '');
    if (!largest || bytes > largest.bytes) {
      largest = { field: `data.${name}`, bytes };
    }
  }
  return largest;
}

/**
 * An event bigger than the broker takes, refused at write time so the request that caused it fails (HTTP 413
 * through Nest's exception layer) instead of leaving a row the relay can never publish.
 */
export class OutboxEventTooLargeError extends PayloadTooLargeException {
  constructor(
    readonly eventType: string,
    readonly bytes: number,
    readonly limit: number,
    readonly largest?: LargestField,
  ) {
    const culprit = largest ? `; its largest field is ${largest.field} (${largest.bytes} bytes)` : '';
    super({
      statusCode: 413,
      error: 'Payload Too Large',
      message: `Event ${eventType} would be ${bytes} bytes, above the ${limit}-byte limit of a Kafka record${culprit}`,
      ...(largest ? { field: largest.field } : {}),
    });
    this.name = 'OutboxEventTooLargeError';
  }
}
