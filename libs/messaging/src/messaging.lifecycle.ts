import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import { ReadinessRegistry } from '@notify/observability';
import { HandlerExplorer } from './consumer/handler-explorer.service';
import { KafkaConsumerRunner } from './consumer/kafka-consumer.runner';
import { HousekeepingService } from './housekeeping/housekeeping.service';
import { KafkaAdminService } from './kafka/kafka-admin.service';
import { MESSAGING_OPTIONS } from './messaging.constants';
import type { ResolvedMessagingOptions } from './messaging.options';
import { OutboxRelay } from './outbox/outbox-relay.service';

export class KafkaConsumerDownError extends Error {
  constructor() {
    super('Kafka consumer is not running');
    this.name = 'KafkaConsumerDownError';
  }
}

/**
 * Starts the backbone once every provider exists (topics, handler discovery, relay, consumer) and stops it before
 * the DataSource closes: consumer first (in-flight messages finish, offsets commit), then relay and housekeeping.
 */
@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions,
    private readonly admin: KafkaAdminService,
    private readonly explorer: HandlerExplorer,
    private readonly relay: OutboxRelay,
    private readonly housekeeping: HousekeepingService,
    private readonly consumer: KafkaConsumerRunner,
    @Optional() private readonly readiness?: ReadinessRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.topics.length > 0) {
      await this.admin.ensureTopics(this.options.topics);
    }
    const topics = this.explorer.explore().topics();
    this.relay.start();
    this.housekeeping.start();
    if (topics.length > 0) {
      await this.consumer.start(topics);
      this.readiness?.register('kafka-consumer', () =>
        this.consumer.healthy ? Promise.resolve() : Promise.reject(new KafkaConsumerDownError()),
      );
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
    await this.housekeeping.stop();
    await this.relay.stop(this.options.consumer.shutdownTimeoutMs);
  }
}
