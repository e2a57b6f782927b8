import { randomBytes } from 'node:crypto';
import { Partitioners, type IHeaders } from 'kafkajs';
import { testKafka } from './kafka-client';

export interface ReadMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export interface ReadTopicOptions {
  fromBeginning?: boolean;
  /** Stop as soon as this many messages arrived; without it, read until the timeout. */
  count?: number;
  timeoutMs?: number;
}

export interface TopicSpec {
  partitions?: number;
  compacted?: boolean;
}

export interface ProducedMessage {
  key?: string | null;
  value: string | Buffer | null;
  headers?: Record<string, string>;
}

/** A topic prefix unique to one suite, e.g. `t-dispatcher-3fa9c1.`. */
export function uniqueTopicPrefix(label: string): string {
  const safeLabel = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `t-${safeLabel}-${randomBytes(3).toString('hex')}.`;
}

export async function createTopics(brokers: string[], names: string[], spec: TopicSpec = {}): Promise<void> {
  const admin = testKafka(brokers).admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: names.map((topic) => ({
        topic,
        numPartitions: spec.partitions ?? 1,
        configEntries: spec.compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : [],
      })),
    });
  } finally {
    await admin.disconnect();
  }
}

/** Removes a suite's topics (dead-letter topics included) from the shared broker. */
export async function deleteTopicsWithPrefix(brokers: string[], prefix: string): Promise<void> {
  const admin = testKafka(brokers).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((name) => name.startsWith(prefix));
    if (topics.length > 0) {
      await admin.deleteTopics({ topics });
    }
  } finally {
    await admin.disconnect();
  }
}

export async function produceMessages(
  brokers: string[],
  topic: string,
  messages: ProducedMessage[],
): Promise<void> {
  const producer = testKafka(brokers).producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    await producer.send({ topic, messages });
  } finally {
    await producer.disconnect();
  }
}

/** Reads a topic with a throw-away consumer group; resolves with what arrived by `count` or the timeout. */
export async function readTopic(
  brokers: string[],
  topic: string,
  options: ReadTopicOptions = {},
): Promise<ReadMessage[]> {
  const { fromBeginning = true, count, timeoutMs = 15_000 } = options;
  const consumer = testKafka(brokers).consumer({ groupId: `t-read-${randomBytes(6).toString('hex')}` });
  const received: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, timeoutMs);
      consumer
        .run({
          eachMessage: ({ topic: from, partition, message }) => {
            received.push({
              topic: from,
              partition,
              offset: message.offset,
              key: message.key?.toString('utf8') ?? null,
              value: message.value,
              headers: headerStrings(message.headers),
            });
            if (count !== undefined && received.length >= count) {
              clearTimeout(timer);
              resolve();
            }
            return Promise.resolve();
          },
        })
        .catch((error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        });
    });
  } finally {
    await consumer.disconnect();
  }
  return received;
}

function headerStrings(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) {
      result[name] = first.toString();
    }
  }
  return result;
}
