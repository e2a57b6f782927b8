import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import { LivenessRegistry, ReadinessRegistry } from '@notify/observability';
import { KafkaConsumerRunner } from './consumer/kafka-consumer.runner';
import { HousekeepingService } from './housekeeping/housekeeping.service';
import { KafkaAdminService } from './kafka/kafka-admin.service';
import { MESSAGING_OPTIONS } from './messaging.constants';
import type { ResolvedMessagingOptions } from './messaging.options';
import { OutboxRelay } from './outbox/outbox-relay.service';
import { ParkedRowsGauge } from './parking/parked-rows.gauge';
import { errorMessage } from './shared/errors';
import { jitteredBackoffDelay } from '@notify/config';
import { settlesWithin, sleep } from './shared/timing';

export class KafkaConsumerDownError extends Error {
  constructor() {
    super('Kafka consumer is not running');
    this.name = 'KafkaConsumerDownError';
  }
}

/**
 * Starts the backbone once every provider exists (topics, relay; the consumer when the event transport listens) and stops it before
 * the DataSource closes: consumer first (in-flight messages finish, offsets commit), then relay and housekeeping.
 *
 * The consumer joins its group in the background: after a crash the join waits up to a session timeout for the
 * dead member to expire, and the service should answer /health (and report not-ready) meanwhile.
 */
@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MessagingLifecycle.name);
  private readonly stopping = new AbortController();
  private consumerStart: Promise<void> = Promise.resolve();

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions,
    private readonly admin: KafkaAdminService,
    private readonly relay: OutboxRelay,
    private readonly housekeeping: HousekeepingService,
    private readonly consumer: KafkaConsumerRunner,
    private readonly parkedGauge: ParkedRowsGauge,
    @Optional() private readonly readiness?: ReadinessRegistry,
    @Optional() private readonly liveness?: LivenessRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.topics.length > 0) {
      await this.admin.ensureTopics(this.options.topics);
    }
    this.relay.start();
    this.housekeeping.start();
    this.parkedGauge.start();
  }

  /**
   * Joins the consumer group for `topics` in the background; called by the event transport once Nest registered
   * the handlers (`app.startAllMicroservices()`).
   */
  startConsumer(topics: string[]): void {
    if (topics.length === 0) {
      return;
    }
    this.readiness?.register('kafka-consumer', () =>
      this.consumer.healthy ? Promise.resolve() : Promise.reject(new KafkaConsumerDownError()),
    );
    this.liveness?.register('kafka-consumer', () =>
      this.consumer.crashedForGood ? Promise.reject(new KafkaConsumerDownError()) : Promise.resolve(),
    );
    this.consumerStart = this.runConsumer(topics);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    if (!(await settlesWithin(this.consumerStart, this.options.consumer.shutdownTimeoutMs))) {
      this.logger.warn({ msg: 'consumer was still joining its group at shutdown' });
    }
    await this.consumer.stop();
    await this.housekeeping.stop();
    this.parkedGauge.stop();
    await this.relay.stop(this.options.consumer.shutdownTimeoutMs);
  }

  /** Retries with back-off until the consumer runs or the service stops; readiness reports it down meanwhile. */
  private async runConsumer(topics: string[]): Promise<void> {
    for (let attempt = 1; !this.stopping.signal.aborted; attempt += 1) {
      try {
        await this.consumer.start(topics);
        if (this.stopping.signal.aborted) {
          // Shutdown began while the group join was pending: leave the group again at once.
          await this.consumer.stop();
        }
        return;
      } catch (error) {
        const delayMs = jitteredBackoffDelay(attempt, this.options.relay.backoff);
        this.logger.error({
          msg: 'consumer failed to start; retrying',
          attempt,
          delayMs,
          error: errorMessage(error),
        });
        await sleep(delayMs, this.stopping.signal);
      }
    }
  }
}
