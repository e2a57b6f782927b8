import { createSuiteTopics, testKafka, type PostgresEndpoint, type TestInfra } from '@notify/testing';
import { Client } from 'pg';

/**
 * Creates the run's topics (and grants the declared ACLs on them) before any service subscribes, so no consumer
 * starts on a topic that does not exist yet and every service runs as its own principal.
 */
export async function createRunTopics(infra: TestInfra, prefix: string): Promise<void> {
  await createSuiteTopics(infra, prefix);
}

/** Best effort: a left-over topic is harmless, since every run has its own prefix. */
export async function deleteRunTopics(infra: TestInfra, prefix: string): Promise<void> {
  const admin = testKafka(infra.kafkaBrokers, 'notify-e2e').admin();
  try {
    await admin.connect();
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) {
      await admin.deleteTopics({ topics, timeout: 10_000 });
    }
    await infra.kafkaAccess.revokeSuite(prefix);
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
