import { ALL_TOPICS, COMPACTED_TOPICS, deadLetterTopic } from '@notify/contracts';
import { createTopics } from './kafka-topics';
import type { TestInfra } from './test-infra.types';

/** Fewer than production's partitions: a suite's groups join and settle faster on one small broker. */
const SUITE_PARTITIONS = 3;

/**
 * Every contract topic and dead-letter topic under a suite's prefix, created as the super user, and the declared
 * ACLs granted on them: services then run as their own principals with exactly their production rights.
 */
export async function createSuiteTopics(
  infra: TestInfra,
  prefix: string,
  partitions = SUITE_PARTITIONS,
): Promise<void> {
  const named = (topics: readonly string[]) => topics.map((topic) => `${prefix}${topic}`);
  const compacted = ALL_TOPICS.filter((topic) => COMPACTED_TOPICS.includes(topic));
  const regular = ALL_TOPICS.filter((topic) => !COMPACTED_TOPICS.includes(topic));
  await createTopics(infra.kafkaBrokers, named(compacted), { partitions, compacted: true });
  await createTopics(infra.kafkaBrokers, named([...regular, ...ALL_TOPICS.map(deadLetterTopic)]), {
    partitions,
  });
  await infra.kafkaAccess.grantSuite(prefix);
}
