import type { PublishFailure } from '../kafka/publish-failure';

/** Why a record was parked. */
export type ParkReason = 'too-large' | 'rejected' | 'attempts-exhausted';

/** Where a parked record came from: the outbox relay or a consumer's dead-letter write. */
export type ParkedKind = 'outbox' | 'dead-letter';

export type Verdict = { park: false } | { park: true; reason: ParkReason };

const HOLD: Verdict = { park: false };

/** Bytes a record adds to a batch beyond its key, value and headers (lengths, attributes, offsets). */
export const RECORD_OVERHEAD_BYTES = 64;

export interface RecordParts {
  key: string | Buffer | null;
  /** The serialised value; `null` for a tombstone. */
  value: string | Buffer | null;
  headers: Record<string, string>;
}

/** Size of the record on the wire, as the broker counts it against `message.max.bytes` (uncompressed). */
export function recordBytes({ key, value, headers }: RecordParts): number {
  const headerBytes = Object.entries(headers).reduce(
    (sum, [name, text]) => sum + Buffer.byteLength(name) + Buffer.byteLength(text) + 2,
    0,
  );
  const valueBytes = value === null ? 0 : typeof value === 'string' ? Buffer.byteLength(value) : value.length;
  const keyBytes = key === null ? 0 : typeof key === 'string' ? Buffer.byteLength(key) : key.length;
  return RECORD_OVERHEAD_BYTES + keyBytes + valueBytes + headerBytes;
}

/**
 * The longest prefix of `sizes` (at most `maxCount` items) whose total stays within `maxBytes`, as a count; at
 * least one item, whose own size the caller has checked. One `sendBatch` puts a partition's records in one
 * record batch, and the broker limits the batch, so the relay's batch must fit the limit as a whole.
 */
export function fittingPrefix(sizes: readonly number[], maxBytes: number, maxCount: number): number {
  let total = 0;
  let count = 0;
  for (const size of sizes) {
    if (count >= maxCount || (count > 0 && total + size > maxBytes)) {
      break;
    }
    total += size;
    count += 1;
  }
  return count;
}

export interface RelayFailure {
  failure: PublishFailure;
  /** True when the failed send held this one row only, so the failure is the row's own. */
  isolated: boolean;
  /** Failed sends of this row alone, this one included. */
  isolatedFailures: number;
  maxAttempts: number;
}

/**
 * Whether the relay parks the row it sent alone. An outage or a refused principal stops every row alike, so the
 * relay holds (the lag alert tells); a batch failure blames no row (the relay halves the batch to find it).
 */
export function relayFailureVerdict(failure: RelayFailure): Verdict {
  if (!failure.isolated) {
    return HOLD;
  }
  switch (failure.failure) {
    case 'unreachable':
    case 'not-authorised':
      return HOLD;
    case 'record-rejected':
      return { park: true, reason: 'rejected' };
    case 'transient':
      return failure.isolatedFailures >= failure.maxAttempts
        ? { park: true, reason: 'attempts-exhausted' }
        : HOLD;
  }
}

/**
 * Whether a consumer parks a dead-letter copy Kafka refused. A final refusal (record or topic ACL) parks it, so
 * the partition goes on with the record kept in the table; an outage holds the offset until Kafka is back.
 */
export function deadLetterFailureVerdict(failure: PublishFailure): Verdict {
  switch (failure) {
    case 'record-rejected':
    case 'not-authorised':
      return { park: true, reason: 'rejected' };
    case 'unreachable':
    case 'transient':
      return HOLD;
  }
}
