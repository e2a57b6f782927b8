import type { Kafka } from 'kafkajs';
import type { DeadLetterEntry } from './dead-letter-entry';
import { replayHeaders, type ReplayMark } from './dead-letter-selection';

const SEND_BATCH = 100;

/**
 * Puts dead letters back on their original topic with their key, value and headers, plus the replay mark.
 * Consumers deduplicate on (source, id) in their inbox, and a dead-lettered event never got an inbox row, so
 * a replayed event is handled once more and only once. `onReplayed` runs after each batch is acknowledged.
 */
export async function replayDeadLetters(
  kafka: Kafka,
  topic: string,
  entries: readonly DeadLetterEntry[],
  mark: ReplayMark,
  onReplayed: (entry: DeadLetterEntry) => void,
): Promise<void> {
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  try {
    for (let start = 0; start < entries.length; start += SEND_BATCH) {
      const batch = entries.slice(start, start + SEND_BATCH);
      await producer.send({
        topic,
        acks: -1,
        messages: batch.map((entry) => ({
          key: entry.key,
          value: entry.value,
          headers: replayHeaders(entry, mark),
        })),
      });
      batch.forEach(onReplayed);
    }
  } finally {
    await producer.disconnect();
  }
}
