import { Inject, Injectable, Logger } from '@nestjs/common';
import { DEAD_LETTER_RETENTION_MS, isTopic, TOPIC_DECLARATIONS } from '@notify/contracts';
import type { Admin, ITopicConfig, Kafka } from 'kafkajs';
import { KAFKA_CLIENT, MESSAGING_OPTIONS } from '../messaging.constants';
import type { ResolvedMessagingOptions, TopicDefaults, TopicSpec } from '../messaging.options';
import { jitteredBackoffDelay } from '@notify/config';
import { sleep } from '../shared/timing';
import { isRetriableKafkaError, kafkaErrorReasons } from './kafka-errors';
import { TopicNamer } from './topic-namer';

/** Topics a service needs could not be created or found in time; the message says which and why. */
export class KafkaTopicsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KafkaTopicsError';
  }
}

/** Physical topic configurations for a list of logical topics, each followed by its dead-letter topic if wanted. */
export function topicConfigs(specs: TopicSpec[], namer: TopicNamer, defaults: TopicDefaults): ITopicConfig[] {
  const replication = replicationEntries(defaults.replicationFactor);
  return specs.flatMap((spec) => {
    const declared = isTopic(spec.name) ? TOPIC_DECLARATIONS[spec.name] : undefined;
    const partitions = spec.partitions ?? declared?.partitions ?? defaults.partitions;
    const compacted = spec.compacted ?? declared?.compacted ?? false;
    const main: ITopicConfig = {
      topic: namer.physical(spec.name),
      numPartitions: partitions,
      replicationFactor: defaults.replicationFactor,
      configEntries: [...(compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : []), ...replication],
    };
    const deadLetters: ITopicConfig = {
      topic: namer.deadLetter(spec.name),
      numPartitions: partitions,
      replicationFactor: defaults.replicationFactor,
      configEntries: [{ name: 'retention.ms', value: String(DEAD_LETTER_RETENTION_MS) }, ...replication],
    };
    return spec.deadLetters === false ? [main] : [main, deadLetters];
  });
}

/** One replica may be down while writes with `acks=all` still succeed. */
function replicationEntries(replicationFactor: number): { name: string; value: string }[] {
  return replicationFactor > 1
    ? [{ name: 'min.insync.replicas', value: String(Math.min(2, replicationFactor - 1)) }]
    : [];
}

@Injectable()
export class KafkaAdminService {
  private readonly logger = new Logger(KafkaAdminService.name);

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions,
    private readonly namer: TopicNamer,
  ) {}

  /**
   * Makes sure every topic and its `.dlq` exists with a leader for each partition: creates the missing ones when
   * the service may (`topicSetup.create`), otherwise waits for an operator to. Services starting together race to
   * create the same topics, and a new topic's metadata takes a moment to reach every broker: both are retried
   * until `topicSetup.timeoutMs`. Refusals (authorisation, invalid settings) fail at once with the broker's reason.
   */
  async ensureTopics(specs: TopicSpec[], defaults: Partial<TopicDefaults> = {}): Promise<void> {
    const configs = topicConfigs(specs, this.namer, { ...this.options.topicDefaults, ...defaults });
    const { create, timeoutMs, backoff } = this.options.topicSetup;
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 1; ; attempt += 1) {
      let reason: string;
      try {
        const missing = await this.withAdmin((admin) => this.settle(admin, configs, create));
        if (missing.length === 0) {
          return;
        }
        reason = `missing: ${missing.join(', ')}`;
      } catch (error) {
        if (!isRetriableKafkaError(error)) {
          throw this.failure(configs, 'the broker refused', error);
        }
        reason = kafkaErrorReasons(error).join(', ');
      }
      const delayMs = jitteredBackoffDelay(attempt, backoff);
      if (Date.now() + delayMs > deadline) {
        throw this.failure(configs, `not ready after ${Math.round(timeoutMs / 1000)} s (${reason})`);
      }
      this.logger.warn({
        msg: 'topics not ready yet; retrying',
        clientId: this.options.clientId,
        attempt,
        reason,
      });
      await sleep(delayMs);
    }
  }

  /** One pass: creates what is missing (when allowed), then returns the topics still missing or leaderless. */
  private async settle(admin: Admin, configs: ITopicConfig[], create: boolean): Promise<string[]> {
    const existing = new Set(await admin.listTopics());
    const absent = configs.filter((config) => !existing.has(config.topic));
    if (absent.length > 0 && !create) {
      return absent.map((config) => config.topic);
    }
    if (absent.length > 0) {
      // Resolves false when the broker answered that some exist already: another service won the race.
      const createdAll = await admin.createTopics({ topics: absent, waitForLeaders: false });
      this.logger.log({
        msg: createdAll ? 'created topics' : 'created topics, some of them concurrently by another client',
        clientId: this.options.clientId,
        topics: absent.map((config) => config.topic),
      });
    }
    const metadata = await admin.fetchTopicMetadata({ topics: configs.map((config) => config.topic) });
    return metadata.topics
      .filter(
        (topic) =>
          topic.partitions.length === 0 || topic.partitions.some((partition) => partition.leader < 0),
      )
      .map((topic) => topic.name);
  }

  private async withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = this.kafka.admin({ retry: { retries: 2 } });
    try {
      await admin.connect();
      return await work(admin);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  private failure(configs: ITopicConfig[], what: string, cause?: unknown): KafkaTopicsError {
    const topics = configs.map((config) => config.topic);
    const reasons = cause === undefined ? [] : kafkaErrorReasons(cause);
    const hint = reasons.some((reason) => reason.endsWith('AUTHORIZATION_FAILED'))
      ? `; principal ${this.options.principal ?? '(anonymous)'} lacks an ACL: create the topics with the operator ` +
        '(deploy/k8s/kafka) or check deploy/k8s/kafka/kafka-users.yaml'
      : '';
    const error = new KafkaTopicsError(
      `Kafka topics for ${this.options.clientId} ${what}${reasons.length > 0 ? `: ${reasons.join(', ')}` : ''}${hint}` +
        ` (topics: ${topics.join(', ')})`,
    );
    this.logger.error({ msg: error.message, clientId: this.options.clientId });
    return error;
  }
}
