export const ENVELOPE_ERROR_REASONS = [
  /** Neither a `ce_specversion` header (binary mode) nor a structured-mode `content-type`. */
  'unrecognized-mode',
  'unsupported-content-type',
  'malformed-json',
  /** Structured mode: the value is JSON but not an object. */
  'not-an-object',
  'missing-attribute',
  'invalid-attribute',
  'unsupported-specversion',
  'missing-data',
  /** A header repeated with different values. */
  'conflicting-header',
] as const;

export type EnvelopeErrorReason = (typeof ENVELOPE_ERROR_REASONS)[number];

/** A Kafka record that is not a usable CloudEvent. `reason` is for machines, `message` for people. */
export class EnvelopeError extends Error {
  override readonly name = 'EnvelopeError';

  constructor(
    readonly reason: EnvelopeErrorReason,
    message: string,
    /** The CloudEvents attribute or header at fault, when there is one. */
    readonly attribute?: string,
  ) {
    super(message);
  }
}
