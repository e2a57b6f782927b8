import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ITopicConfig, Kafka } from 'kafkajs';
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

  /** Creates the missing topics and their `.dlq`; existing topics are left as they are. */
  async ensureTopics(specs: TopicSpec[], defaults: Partial<TopicDefaults> = {}): Promise<void> {
    const configs = topicConfigs(specs, this.namer, { ...this.options.topicDefaults, ...defaults });
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = configs.filter((config) => !existing.has(config.topic));
      if (missing.length > 0) {
        await admin.createTopics({ topics: missing, waitForLeaders: true });
        this.logger.log({
          msg: 'created topics',
          clientId: this.options.clientId,
          topics: missing.map((t) => t.topic),
        });
      }
    } finally {
      await admin.disconnect();
    }
  }
}
