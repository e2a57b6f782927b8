import {
  Module,
  type DynamicModule,
  type INestApplication,
  type NestApplicationOptions,
  type Provider,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createDataSource, typeOrmOptions } from '@notify/persistence';
import type { DataSourceOptions } from 'typeorm';
import {
  EventTransport,
  MessagingModule,
  MessagingTables1764000000000,
  OutboxParking1796511428716,
  type MessagingOptions,
} from '../../src';
import { CreateHandledEvents1764000000100 } from './1764000000100-CreateHandledEvents';
import { adminSecurity, testInfra } from './infra';

export interface TestAppOptions {
  schema: string;
  topicPrefix: string;
  groupId?: string;
  providers?: Provider[];
  /** `@EventConsumer` controllers. */
  consumers?: Type[];
  messaging?: Partial<MessagingOptions>;
}

/** Fast settings for the local broker: short sessions, quick retries. */
export const FAST_MESSAGING: Partial<MessagingOptions> = {
  retry: { attempts: 3, initialMs: 20, maxMs: 100 },
  relay: { pollMs: 200, standbyRetryMs: 300, backoff: { initialMs: 100, maxMs: 1000 } },
  consumer: {
    sessionTimeoutMs: 6000,
    heartbeatIntervalMs: 1000,
    maxWaitTimeMs: 100,
    shutdownTimeoutMs: 10_000,
  },
};

/** A service-shaped Nest application: its own schema (with the messaging tables) and the messaging backbone. */
export function messagingAppModule(options: TestAppOptions): DynamicModule {
  const { brokers, postgres } = testInfra();
  @Module({})
  class MessagingTestAppModule {}
  return {
    module: MessagingTestAppModule,
    imports: [
      TypeOrmModule.forRootAsync({
        useFactory: () =>
          typeOrmOptions({
            ...postgres,
            schema: options.schema,
            migrations: [
              MessagingTables1764000000000,
              CreateHandledEvents1764000000100,
              OutboxParking1796511428716,
            ],
            poolSize: 5,
          }),
        dataSourceFactory: (dataSourceOptions?: DataSourceOptions) => createDataSource(dataSourceOptions!),
      }),
      MessagingModule.forRootAsync({
        useFactory: (): MessagingOptions => ({
          clientId: `test-${options.schema}`,
          brokers,
          kafka: adminSecurity(),
          source: 'urn:notify:messaging-tests',
          topicPrefix: options.topicPrefix,
          groupId: options.groupId,
          ...FAST_MESSAGING,
          ...options.messaging,
        }),
      }),
    ],
    controllers: options.consumers ?? [],
    providers: options.providers ?? [],
  };
}

/**
 * Starts an app the way services do (without listening on a port): event transport connected, then init (migrations,
 * topics, relay), then the transport (consumer).
 */
export async function startApp(
  module: Type | DynamicModule,
  configure: (app: INestApplication) => void = () => undefined,
  options: NestApplicationOptions = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(module, { abortOnError: false, ...options });
  configure(app);
  app.connectMicroservice({ strategy: app.get(EventTransport) });
  await app.init();
  await app.startAllMicroservices();
  return app;
}

/** Creates and starts the app: migrations ran, topics exist, relay and consumer started. */
export function startMessagingApp(options: TestAppOptions): Promise<INestApplication> {
  return startApp(messagingAppModule(options));
}
