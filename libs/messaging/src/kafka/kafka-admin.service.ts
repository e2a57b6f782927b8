import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Admin, ITopicConfig, Kafka } from 'kafkajs';
import { MESSAGING_OPTIONS, KAFKA_CLIENT } from '../messaging.constants';
import type { ResolvedMessagingOptions } from '../messaging.options';
import { TopicNamer } from './topic-namer';

export interface TopicSpec {
  /** Logical name; the deployment's prefix is applied. */
  name: string;
  partitions?: number;
  /** `cleanup.policy=compact` for topics holding the latest state per key; never applied to the dead-letter topic. */
  compacted?: boolean;
}

export interface TopicDefaults {
  partitions: number;
  replicationFactor: number;
}

/** Physical topic configurations for a list of logical topics, each followed by its dead-letter topic. */
export function topicConfigs(specs: TopicSpec[], namer: TopicNamer, defaults: TopicDefaults): ITopicConfig[] {
  return specs.flatMap((spec) => {
    const partitions = spec.partitions ?? defaults.partitions;
    const main: ITopicConfig = {
      topic: namer.physical(spec.name),
      numPartitions: partitions,
      replicationFactor: defaults.replicationFactor,
      configEntries: spec.compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : [],
    };
    const deadLetters: ITopicConfig = {
      topic: namer.deadLetter(spec.name),
      numPartitions: partitions,
      replicationFactor: defaults.replicationFactor,
    };
    return [main, deadLetters];
  });
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
   * Creates the missing topics and their `.dlq`; existing topics are left as they are. Services starting together
   * may race to create the same topic: losing that race is a quiet no-op, any other failure is logged and thrown.
   */
  async ensureTopics(specs: TopicSpec[], defaults: Partial<TopicDefaults> = {}): Promise<void> {
    const configs = topicConfigs(specs, this.namer, { ...this.options.topicDefaults, ...defaults });
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = configs.filter((config) => !existing.has(config.topic));
      if (missing.length > 0) {
        await this.create(admin, missing);
      }
    } finally {
      await admin.disconnect();
    }
  }

  private async create(admin: Admin, topics: ITopicConfig[]): Promise<void> {
    const names = topics.map((topic) => topic.topic);
    let createdAll: boolean;
    try {
      // Resolves false when the broker answered that some of them exist already.
      createdAll = await admin.createTopics({ topics, waitForLeaders: true });
    } catch (error) {
      this.logger.error({
        msg: 'could not create topics',
        clientId: this.options.clientId,
        topics: names,
        errors: topicCreationErrors(error),
      });
      throw error;
    }
    this.logger.log({
      msg: createdAll ? 'created topics' : 'created topics, some of them concurrently by another client',
      clientId: this.options.clientId,
      topics: names,
    });
  }
}

interface TopicCreationError {
  topic?: string;
  type?: string;
  message: string;
}

/** The per-topic reasons kafkajs gathers in an aggregate error, or the error itself. */
export function topicCreationErrors(error: unknown): TopicCreationError[] {
  const errors =
    typeof error === 'object' && error !== null ? (error as { errors?: unknown }).errors : undefined;
  const causes: unknown[] = Array.isArray(errors) ? errors : [error];
  return causes.map((cause) => {
    const { topic, type } = cause as { topic?: unknown; type?: unknown };
    return {
      topic: typeof topic === 'string' ? topic : undefined,
      type: typeof type === 'string' ? type : undefined,
      message: cause instanceof Error ? cause.message : String(cause),
    };
  });
}
