import type { Kafka } from 'kafkajs';
import { toDeadLetterEntry, type DeadLetterEntry } from './dead-letter-entry';

export interface ReadProgress {
  read: number;
  total: number;
}

export interface DeadLetterReadOptions {
  /** A throw-away consumer group: nothing is committed, so it leaves no offsets behind. */
  groupId: string;
  onProgress?: (progress: ReadProgress) => void;
  /** Give up when no record arrives for this long although some are still expected. */
  idleTimeoutMs?: number;
}

/**
 * Reads a dead-letter topic from its earliest offsets up to the high-water marks taken at the start, then stops:
 * records dead-lettered meanwhile are left for the next run.
 */
export async function readDeadLetters(
  kafka: Kafka,
  topic: string,
  { groupId, onProgress, idleTimeoutMs = 30_000 }: DeadLetterReadOptions,
): Promise<DeadLetterEntry[]> {
  const ends = await highWaterMarks(kafka, topic);
  const total = [...ends.values()].reduce((sum, { low, high }) => sum + Number(high - low), 0);
  const pending = new Map(
    [...ends].filter(([, { low, high }]) => high > low).map(([p, { high }]) => [p, high]),
  );
  const entries: DeadLetterEntry[] = [];
  if (pending.size === 0) {
    return entries;
  }
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 500 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      let idle = setTimeout(stalled, idleTimeoutMs);
      function stalled(): void {
        reject(
          new Error(
            `no dead letter of ${topic} arrived for ${idleTimeoutMs} ms; read ${entries.length}/${total}`,
          ),
        );
      }
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            const end = pending.get(batch.partition);
            if (end === undefined) {
              return;
            }
            clearTimeout(idle);
            idle = setTimeout(stalled, idleTimeoutMs);
            for (const message of batch.messages) {
              if (BigInt(message.offset) < end) {
                entries.push(toDeadLetterEntry({ ...message, partition: batch.partition }));
              }
            }
            onProgress?.({ read: entries.length, total });
            if (BigInt(batch.lastOffset()) + 1n >= end) {
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
    });
  } finally {
    await consumer.disconnect();
  }
  return entries;
}

async function highWaterMarks(
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
