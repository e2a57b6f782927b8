import type { Kafka } from 'kafkajs';
import { toDeadLetterEntry, type DeadLetterEntry } from './dead-letter-entry';
import type { OffsetRange } from './dead-letter-page';

export interface RangeReadOptions {
  /** A throw-away consumer group: nothing is committed, so it leaves no offsets behind. */
  groupId: string;
  /** Give up when no record arrives for this long although some are still expected. */
  idleTimeoutMs?: number;
}

/** Low and high watermarks of each partition of a topic. */
export async function partitionWatermarks(
  kafka: Kafka,
  topic: string,
): Promise<Map<number, { low: bigint; high: bigint }>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(
      offsets.map(({ partition, low, high }) => [partition, { low: BigInt(low), high: BigInt(high) }]),
    );
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reads the given offset range of each partition, seeking to its start, and stops once every range is read:
 * the cost is the ranges' size, not the topic's. Each partition's records come back in offset order.
 */
export async function readDeadLetterRanges(
  kafka: Kafka,
  topic: string,
  ranges: ReadonlyMap<number, OffsetRange>,
  { groupId, idleTimeoutMs = 30_000 }: RangeReadOptions,
): Promise<Map<number, DeadLetterEntry[]>> {
  const read = new Map<number, DeadLetterEntry[]>([...ranges.keys()].map((partition) => [partition, []]));
  const pending = new Map([...ranges].filter(([, { from, to }]) => to > from));
  if (pending.size === 0) {
    return read;
  }
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 500 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      let idle = setTimeout(stalled, idleTimeoutMs);
      function stalled(): void {
        reject(new Error(`no dead letter of ${topic} arrived for ${idleTimeoutMs} ms while reading a page`));
      }
      consumer
        .run({
          autoCommit: false,
          eachBatch: ({ batch }) => {
            const range = pending.get(batch.partition);
            if (range === undefined) {
              return Promise.resolve();
            }
            clearTimeout(idle);
            idle = setTimeout(stalled, idleTimeoutMs);
            for (const message of batch.messages) {
              const offset = BigInt(message.offset);
              if (offset >= range.from && offset < range.to) {
                read
                  .get(batch.partition)!
                  .push(toDeadLetterEntry({ ...message, partition: batch.partition }));
              }
            }
            if (BigInt(batch.lastOffset()) + 1n >= range.to) {
              pending.delete(batch.partition);
            }
            if (pending.size === 0) {
              clearTimeout(idle);
              resolve();
            }
            return Promise.resolve();
          },
        })
        .catch(reject);
      // Applied as each partition is assigned: reading starts at the range, not at the beginning of the topic.
      for (const [partition, { from }] of pending) {
        consumer.seek({ topic, partition, offset: from.toString() });
      }
    });
  } finally {
    await consumer.disconnect();
  }
  for (const entries of read.values()) {
    entries.sort((a, b) => (BigInt(a.offset) < BigInt(b.offset) ? -1 : 1));
  }
  return read;
}
