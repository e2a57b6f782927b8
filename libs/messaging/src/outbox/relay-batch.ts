import type { Message, TopicMessages } from 'kafkajs';
import type { TopicNamer } from '../kafka/topic-namer';
import { recordBytes } from '../parking/parking-rules';
import type { OutboxRow } from './outbox-entry';

/**
 * Groups outbox rows (already in id order) by physical topic for one `sendBatch`. Order within a topic is kept,
 * so with an idempotent producer and one request in flight every key's events reach its partition in id order.
 */
export function toTopicMessages(rows: OutboxRow[], namer: TopicNamer): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const row of rows) {
    const topic = namer.physical(row.topic);
    const messages = byTopic.get(topic) ?? [];
    // A null payload is a tombstone: a null value with no headers ends its key on a compacted topic.
    messages.push(
      row.payload === null
        ? { key: row.messageKey, value: null }
        : { key: row.messageKey, value: JSON.stringify(row.payload), headers: row.headers },
    );
    byTopic.set(topic, messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

/** Number of rows per logical topic, for the `published` metric. */
export function countByTopic(rows: OutboxRow[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    counts.set(row.topic, (counts.get(row.topic) ?? 0) + 1);
  }
  return counts;
}

/** Seconds the oldest pending row has waited. */
export function relayLagSeconds(rows: OutboxRow[], now: Date): number {
  const oldest = rows[0];
  return oldest ? Math.max(0, (now.getTime() - oldest.createdAt.getTime()) / 1000) : 0;
}

/** Bytes the row takes as a Kafka record (see `toTopicMessages`). */
export function rowBytes(row: OutboxRow): number {
  return row.payload === null
    ? recordBytes({ key: row.messageKey, value: null, headers: {} })
    : recordBytes({ key: row.messageKey, value: JSON.stringify(row.payload), headers: row.headers });
}
