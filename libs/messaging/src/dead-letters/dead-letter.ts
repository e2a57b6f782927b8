import { DeadLetterHeaders, deadLetterTopic, type DeadLetterReason } from '@notify/contracts';
import type { IHeaders, KafkaMessage } from 'kafkajs';

export const MAX_DEAD_LETTER_ERROR_LENGTH = 1000;

export interface DeadLetterInfo {
  reason: DeadLetterReason;
  error: string;
  /** Physical topic the record was consumed from. */
  topic: string;
  partition: number;
  offset: string;
  groupId: string;
  failedAt: Date;
}

export function truncateError(error: string, max = MAX_DEAD_LETTER_ERROR_LENGTH): string {
  const singleLine = error.replace(/\s+/g, ' ').trim();
  return singleLine.length <= max ? singleLine : `${singleLine.slice(0, max - 1)}…`;
}

/**
 * Headers of the dead-letter copy: the original headers (so the event can be decoded and replayed as it was)
 * plus why and where it failed. Earlier `dlq-*` headers of a replayed record are replaced, not repeated.
 */
export function buildDeadLetterHeaders(original: IHeaders | undefined, info: DeadLetterInfo): IHeaders {
  const ours = new Set<string>(Object.values(DeadLetterHeaders));
  const kept = Object.entries(original ?? {}).filter(([name]) => !ours.has(name.toLowerCase()));
  return {
    ...Object.fromEntries(kept),
    [DeadLetterHeaders.Reason]: info.reason,
    [DeadLetterHeaders.Error]: truncateError(info.error),
    [DeadLetterHeaders.OriginalTopic]: info.topic,
    [DeadLetterHeaders.OriginalPartition]: String(info.partition),
    [DeadLetterHeaders.OriginalOffset]: info.offset,
    [DeadLetterHeaders.ConsumerGroup]: info.groupId,
    [DeadLetterHeaders.FailedAt]: info.failedAt.toISOString(),
  };
}

/** A record as sent to a dead-letter topic: key and value as consumed, header values as text. */
export interface DeadLetterCopy {
  /** Physical topic. */
  topic: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/** The copy of `message` that goes to `<physical topic>.dlq`, unchanged but for the `dlq-*` headers. */
export function deadLetterCopy(message: KafkaMessage, info: DeadLetterInfo): DeadLetterCopy {
  const headers = Object.entries(buildDeadLetterHeaders(message.headers, info)).flatMap(([name, value]) => {
    const last = Array.isArray(value) ? value.at(-1) : value;
    return last === undefined ? [] : [[name, last.toString()] as const];
  });
  return {
    topic: deadLetterTopic(info.topic),
    key: message.key ?? null,
    value: message.value ?? null,
    headers: Object.fromEntries(headers),
  };
}
