import {
  DynamicModule,
  Module,
  type InjectionToken,
  type ModuleMetadata,
  type OptionalFactoryDependency,
} from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { EventTransport } from './event-transport';
import { KafkaAdminService } from './kafka/kafka-admin.service';
import { TopicNamer } from './kafka/topic-namer';
import { MESSAGING_OPTIONS } from './messaging.constants';
import { resolveMessagingOptions, type MessagingOptions } from './messaging.options';
import { MESSAGING_PROVIDERS } from './messaging.providers';
import { MessagingMetrics } from './metrics/messaging-metrics';
import { OutboxRelay } from './outbox/outbox-relay.service';
import { OutboxWriter } from './outbox/outbox.writer';
import { OutboxParkingController } from './parking/outbox-parking.controller';

export interface MessagingModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  inject?: (InjectionToken | OptionalFactoryDependency)[];
  useFactory: (...deps: never[]) => MessagingOptions | Promise<MessagingOptions>;
}

/**
 * The Kafka backbone: `OutboxWriter` for producing, `EventTransport` (a Nest custom transport, connected with
 * `app.connectMicroservice`) running the `@EventPattern` methods of `@EventConsumer` controllers for consuming, `GET /ops/outbox/parked` and its retry for operators. Needs the app's TypeORM
 * `DataSource` (the outbox, inbox and parked rows live in its schema).
 */
@Module({})
export class MessagingModule {
  static forRootAsync(options: MessagingModuleAsyncOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: [DiscoveryModule, ...(options.imports ?? [])],
      // Every service with an outbox serves its parked rows (service tokens only).
      controllers: [OutboxParkingController],
      providers: [
        {
          provide: MESSAGING_OPTIONS,
          inject: options.inject ?? [],
          useFactory: async (...deps: never[]) => resolveMessagingOptions(await options.useFactory(...deps)),
        },
        ...MESSAGING_PROVIDERS,
      ],
      exports: [EventTransport, OutboxWriter, KafkaAdminService, TopicNamer, MessagingMetrics, OutboxRelay],
    };
  }
}
