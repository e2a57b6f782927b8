import { ALL_TOPICS, COMPACTED_TOPICS, deadLetterTopic } from '@notify/contracts';
import { createTopics, type PostgresEndpoint } from '@notify/testing';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';

const PARTITIONS = 3;

/**
 * Creates the run's topics before any service subscribes, so no consumer starts on a topic that does not exist yet
 * (the services' own start-up creation then finds them in place).
 */
export async function createRunTopics(brokers: string[], prefix: string): Promise<void> {
  const compacted = ALL_TOPICS.filter((topic) => COMPACTED_TOPICS.includes(topic));
  const regular = ALL_TOPICS.filter((topic) => !COMPACTED_TOPICS.includes(topic));
  await createTopics(
    brokers,
    compacted.map((topic) => `${prefix}${topic}`),
    { partitions: PARTITIONS, compacted: true },
  );
  await createTopics(
    brokers,
    [...regular, ...ALL_TOPICS.map(deadLetterTopic)].map((topic) => `${prefix}${topic}`),
    { partitions: PARTITIONS },
  );
}

/** Best effort: a left-over topic is harmless, since every run has its own prefix. */
export async function deleteRunTopics(brokers: string[], prefix: string): Promise<void> {
  const admin = new Kafka({ clientId: 'notify-e2e', brokers, logLevel: logLevel.NOTHING }).admin();
  try {
    await admin.connect();
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) {
      await admin.deleteTopics({ topics, timeout: 10_000 });
    }
  } catch {
    // Deleting is only tidying up.
  } finally {
    await admin.disconnect();
  }
}

export async function dropSchemas(endpoint: PostgresEndpoint, schemas: string[]): Promise<void> {
  const client = new Client(endpoint);
  await client.connect();
  try {
    for (const schema of schemas) {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
  } finally {
    await client.end();
  }
}
