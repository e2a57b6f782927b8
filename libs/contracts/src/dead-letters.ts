// Persisted API: dead-letter headers are read by operators' tooling and by replay scripts.
// Changing a value needs a new version and a migration path.

/** Headers added to a record copied to `<topic>.dlq`; the original headers are kept beside them. */
export const DeadLetterHeaders = {
  Reason: 'dlq-reason',
  Error: 'dlq-error',
  OriginalTopic: 'dlq-original-topic',
  OriginalPartition: 'dlq-original-partition',
  OriginalOffset: 'dlq-original-offset',
  ConsumerGroup: 'dlq-consumer-group',
  FailedAt: 'dlq-failed-at',
} as const;

/** Headers a replayed record carries beside its original ones: who put it back on its topic, when, and from where. */
export const ReplayHeaders = {
  ReplayedBy: 'dlq-replayed-by',
  ReplayedAt: 'dlq-replayed-at',
  /** `<dead-letter topic>:<partition>:<offset>` of the copy that was replayed. */
  ReplayedFrom: 'dlq-replayed-from',
} as const;

export type DeadLetterHeader = (typeof DeadLetterHeaders)[keyof typeof DeadLetterHeaders];

export const DEAD_LETTER_REASONS = [
  'invalid-envelope',
  'invalid-payload',
  'unknown-type',
  'no-handler',
  'handler-failed',
] as const;

export type DeadLetterReason = (typeof DEAD_LETTER_REASONS)[number];
