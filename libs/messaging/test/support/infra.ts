import { randomBytes } from 'node:crypto';
import * as harness from '@notify/testing';
import type { Kafka, Message } from 'kafkajs';
import { Client } from 'pg';

/** The local broker and database (`npm run infra -- up`), overridable like the rest of the test harness. */
export function testInfra() {
  return {
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    postgres: {
      host: process.env.PGHOST ?? '127.0.0.1',
      port: Number(process.env.PGPORT ?? 5432),
      user: process.env.PGUSER ?? 'postgres',
      password: process.env.PGPASSWORD ?? '',
      database: process.env.PGDATABASE ?? 'test',
    },
  };
}

/** Library tests exercise the backbone itself, on topics and groups of their own: they connect as the super user. */
export function adminSecurity() {
  return harness.currentKafkaAccess().clientSecurity(harness.ADMIN_PRINCIPAL);
}

export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}

export function kafkaClient(brokers = testInfra().brokers): Kafka {
  return harness.testKafka(brokers, 'messaging-tests');
}

/** Runs SQL as the test superuser, outside any service schema. */
export async function sql<R = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<R[]> {
  const client = new Client(testInfra().postgres);
  await client.connect();
  try {
    return (await client.query(text, params)).rows as R[];
  } finally {
    await client.end();
  }
}

export async function dropSchema(schema: string): Promise<void> {
  await sql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}

/** Creates each topic with its dead-letter topic. */
export async function createTopics(names: string[], partitions: number): Promise<void> {
  const topics = names.flatMap((topic) => [topic, `${topic}.dlq`]);
  await harness.createTopics(testInfra().brokers, topics, { partitions });
}

export async function deleteTopicsWithPrefix(prefix: string): Promise<void> {
  await harness.deleteTopicsWithPrefix(testInfra().brokers, prefix);
}

export async function produce(topic: string, messages: Message[]): Promise<void> {
  const producer = kafkaClient().producer();
  await producer.connect();
  try {
    await producer.send({ topic, messages, acks: -1 });
  } finally {
    await producer.disconnect();
  }
}

/** Number of records ever written to a topic (sum of its partitions' high watermarks). */
export async function recordCount(topic: string): Promise<number> {
  const admin = kafkaClient().admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
  } finally {
    await admin.disconnect();
  }
}

/** The group's committed offset of each partition of the topic (-1 when nothing was committed). */
export async function committedOffsets(groupId: string, topic: string): Promise<Map<number, number>> {
  const admin = kafkaClient().admin();
  await admin.connect();
  try {
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return new Map(committed.partitions.map(({ partition, offset }) => [partition, Number(offset)]));
  } finally {
    await admin.disconnect();
  }
}

/** True when the group's committed offsets reached the end of every partition of the topic. */
export async function groupCaughtUp(groupId: string, topic: string): Promise<boolean> {
  const admin = kafkaClient().admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return ends.every(
      (end) =>
        committed.partitions.find((partition) => partition.partition === end.partition)?.offset === end.high,
    );
  } finally {
    await admin.disconnect();
  }
}

export interface ReadRecord {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/** Reads a topic from the beginning with a throw-away group until `count` records arrived or the timeout. */
export async function readTopic(topic: string, count: number, timeoutMs = 20_000): Promise<ReadRecord[]> {
  const messages = await harness.readTopic(testInfra().brokers, topic, { count, timeoutMs });
  return messages.map(({ partition, offset, key, value, headers }) => ({
    partition,
    offset,
    key,
    value: value?.toString() ?? null,
    headers,
  }));
}

export function waitFor<T>(
  probe: () => Promise<T>,
  what: string,
  timeoutMs = 30_000,
): Promise<NonNullable<T>> {
  return harness.waitFor(probe, { description: what, timeoutMs });
}
