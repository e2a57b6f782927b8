import type { Provider } from '@nestjs/common';
import { MetricsService } from '@notify/observability';
import { pgClientConfig } from '@notify/persistence';
import { DataSource } from 'typeorm';
import { ChunkTransaction } from './consumer/chunk-transaction';
import { ChunkProcessor } from './consumer/chunk-processor.service';
import { DeadLetterPublisher } from './dead-letters/dead-letter.publisher';
import { HandlerInvoker } from './consumer/handler-invoker';
import { EventTransport } from './event-transport';
import { HandlerRegistry } from './consumer/handler-registry';
import { KafkaConsumerRunner } from './consumer/kafka-consumer.runner';
import { MessageProcessor } from './consumer/message-processor.service';
import { MessageRouter } from './consumer/message-router';
import { PayloadValidator } from './consumer/payload-validator';
import { HousekeepingRepository } from './housekeeping/housekeeping.repository';
import { HousekeepingService } from './housekeeping/housekeeping.service';
import { InboxRepository } from './inbox/inbox.repository';
import { KafkaAdminService } from './kafka/kafka-admin.service';
import { createKafkaClient } from './kafka/kafka-client.factory';
import { TopicNamer } from './kafka/topic-namer';
import { KAFKA_CLIENT, MESSAGING_OPTIONS } from './messaging.constants';
import { MessagingLifecycle } from './messaging.lifecycle';
import { MessagingOptionsError, type ResolvedMessagingOptions } from './messaging.options';
import { MessagingMetrics, NoopMessagingMetrics } from './metrics/messaging-metrics';
import { PrometheusMessagingMetrics } from './metrics/prometheus-messaging-metrics';
import { OutboxPublisher } from './outbox/outbox-publisher';
import { OutboxRelay } from './outbox/outbox-relay.service';
import { OutboxRepository } from './outbox/outbox.repository';
import { OutboxWriter } from './outbox/outbox.writer';
import { RelayLeadership } from './outbox/relay-leadership';
import { ParkedRowsGauge } from './parking/parked-rows.gauge';
import { ParkedRowsRepository } from './parking/parked-rows.repository';
import { ParkedRowsService } from './parking/parked-rows.service';

function relayLeadership(dataSource: DataSource): RelayLeadership {
  if (dataSource.options.type !== 'postgres') {
    throw new MessagingOptionsError([
      `the outbox needs a postgres DataSource, not ${dataSource.options.type}`,
    ]);
  }
  return new RelayLeadership(pgClientConfig(dataSource.options));
}

function metrics(options: ResolvedMessagingOptions, registry?: MetricsService): MessagingMetrics {
  return (
    options.metrics ?? (registry ? new PrometheusMessagingMetrics(registry) : new NoopMessagingMetrics())
  );
}

/** Everything but the options provider, which `MessagingModule.forRootAsync` builds from the app's factory. */
export const MESSAGING_PROVIDERS: Provider[] = [
  { provide: KAFKA_CLIENT, inject: [MESSAGING_OPTIONS], useFactory: createKafkaClient },
  {
    provide: TopicNamer,
    inject: [MESSAGING_OPTIONS],
    useFactory: (options: ResolvedMessagingOptions) => new TopicNamer(options.topicPrefix),
  },
  {
    provide: MessagingMetrics,
    inject: [MESSAGING_OPTIONS, { token: MetricsService, optional: true }],
    useFactory: metrics,
  },
  { provide: RelayLeadership, inject: [DataSource], useFactory: relayLeadership },
  KafkaAdminService,
  OutboxRepository,
  OutboxWriter,
  OutboxPublisher,
  OutboxRelay,
  ParkedRowsRepository,
  ParkedRowsGauge,
  ParkedRowsService,
  HousekeepingRepository,
  HousekeepingService,
  InboxRepository,
  HandlerRegistry,
  PayloadValidator,
  MessageRouter,
  HandlerInvoker,
  DeadLetterPublisher,
  MessageProcessor,
  ChunkTransaction,
  ChunkProcessor,
  KafkaConsumerRunner,
  MessagingLifecycle,
  EventTransport,
];
