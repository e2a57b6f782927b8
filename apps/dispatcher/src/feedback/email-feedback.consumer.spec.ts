import { Logger, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventTypes, Topics, encodeBinary } from '@notify/contracts';
import { EventTransport, MessagingModule } from '@notify/messaging';
import { MetricsService, ObservabilityModule } from '@notify/observability';
import { createDataSource, typeOrmOptions } from '@notify/persistence';
import {
  cloudEventFactory,
  ADMIN_PRINCIPAL,
  createTestSchema,
  getTestInfra,
  produceMessages,
  readTopic,
  uniqueEmail,
  uniqueTopicPrefix,
  waitFor,
  type TestInfra,
  type TestSchema,
} from '@notify/testing';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { EmailModule } from '../email/email.module';
import { SuppressionService } from '../email/suppression.service';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from '../migrations';
import { DeliveryStatusRepository } from './delivery-status.repository';
import { EmailFeedbackConsumer } from './email-feedback.consumer';
import { EmailFeedbackService } from './email-feedback.service';

// The feedback path end to end on the real broker and database: event in, suppression row out.
describe('email feedback consumer', () => {
  const topicPrefix = uniqueTopicPrefix('email-feedback');
  const topic = `${topicPrefix}${Topics.EmailFeedback}`;
  let infra: TestInfra;
  let schema: TestSchema;
  let app: INestApplication;
  let suppressions: SuppressionService;

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    infra = await getTestInfra();
    schema = await createTestSchema('email_feedback');

    @Module({
      controllers: [EmailFeedbackConsumer],
      providers: [EmailFeedbackService, DeliveryStatusRepository],
    })
    class FeedbackTestModule {}
    app = await NestFactory.create(
      {
        module: FeedbackTestModule,
        imports: [
          ObservabilityModule.forRoot({ service: 'dispatcher' }),
          TypeOrmModule.forRootAsync({
            useFactory: () =>
              typeOrmOptions({
                ...infra.postgres,
                schema: schema.schema,
                entities: ENTITIES,
                migrations: MIGRATIONS,
                poolSize: 4,
              }),
            dataSourceFactory: (options?: DataSourceOptions) =>
              createDataSource(options as DataSourceOptions),
          }),
          MessagingModule.forRootAsync({
            useFactory: () => ({
              clientId: 'dispatcher-email-feedback-spec',
              brokers: infra.kafkaBrokers,
              kafka: infra.kafkaAccess.clientSecurity(ADMIN_PRINCIPAL),
              source: 'urn:notify:dispatcher',
              topicPrefix,
              groupId: `${topicPrefix}dispatcher`,
              topics: [{ name: Topics.EmailFeedback, partitions: 1 }],
              retry: { attempts: 2, initialMs: 20, maxMs: 50 },
              consumer: { sessionTimeoutMs: 6_000, heartbeatIntervalMs: 1_000, maxWaitTimeMs: 100 },
            }),
          }),
          EmailModule.registerAsync({
            useFactory: () => ({
              fromAddress: 'no-reply@buyers.example.eu',
              region: 'eu-west-1',
              endpoint: infra.sesEndpoint,
              maxSendRate: 100,
              maxConcurrency: 4,
              bulkSize: 10,
              maxAttempts: 3,
              retryBaseDelayMs: 50,
              retryMaxDelayMs: 500,
              pauseCooldownMs: 10_000,
              requestTimeoutMs: 5_000,
              connectTimeoutMs: 1_000,
            }),
          }),
        ],
      },
      { abortOnError: false },
    );
    app.connectMicroservice({ strategy: app.get(EventTransport) });
    await app.init();
    await app.startAllMicroservices();
    suppressions = app.get(SuppressionService);
  });

  afterAll(async () => {
    await app?.close();
    await schema?.drop();
  });

  async function publish(...events: ReturnType<typeof cloudEventFactory.build>[]): Promise<void> {
    const records = events.map((event) => encodeBinary(event, (event.data as { email: string }).email));
    await produceMessages(infra.kafkaBrokers, topic, records);
  }

  it('suppresses an address after a permanent bounce or a complaint, and not after a transient bounce', async () => {
    const bounced = uniqueEmail('bounced');
    const complained = uniqueEmail('complained');
    const softBounced = uniqueEmail('soft');
    const lastOfBatch = uniqueEmail('last');

    await publish(
      cloudEventFactory.build(EventTypes.EmailBounced, { email: softBounced, bounceType: 'transient' }),
      cloudEventFactory.build(EventTypes.EmailBounced, {
        email: bounced.toUpperCase(),
        bounceType: 'permanent',
      }),
      cloudEventFactory.build(EventTypes.EmailComplained, { email: complained }),
      cloudEventFactory.build(EventTypes.EmailComplained, { email: lastOfBatch }),
    );
    await waitFor(() => suppressions.isSuppressed(lastOfBatch), { timeoutMs: 30_000, intervalMs: 200 });

    await expect(suppressions.isSuppressed(bounced)).resolves.toBe(true);
    await expect(suppressions.isSuppressed(complained)).resolves.toBe(true);
    await expect(suppressions.isSuppressed(softBounced)).resolves.toBe(false);
  });

  it('handles a redelivered feedback event once and keeps the first reason', async () => {
    const address = uniqueEmail('twice');
    const bounce = cloudEventFactory.build(EventTypes.EmailBounced, {
      email: address,
      bounceType: 'permanent',
    });
    const marker = uniqueEmail('marker');

    await publish(bounce, bounce, cloudEventFactory.build(EventTypes.EmailComplained, { email: address }));
    await publish(cloudEventFactory.build(EventTypes.EmailComplained, { email: marker }));
    await waitFor(() => suppressions.isSuppressed(marker), { timeoutMs: 30_000, intervalMs: 200 });

    const rows: unknown = await app
      .get(DataSource)
      .query('SELECT reason FROM email_suppressions WHERE email = $1', [address]);
    expect(rows).toEqual([{ reason: 'bounce' }]);
    // Two bounces and three complaints were new across both tests; the repeated address was not.
    const added = await app
      .get(MetricsService)
      .counter('dispatcher_suppressions_added_total', '', ['reason'])
      .get();
    expect(Object.fromEntries(added.values.map((sample) => [sample.labels.reason, sample.value]))).toEqual({
      bounce: 2,
      complaint: 3,
    });
  });

  it('dead-letters feedback whose payload is invalid instead of suppressing anything', async () => {
    const invalid = cloudEventFactory.build(EventTypes.EmailBounced, { bounceType: 'permanent' });
    await produceMessages(infra.kafkaBrokers, topic, [
      encodeBinary({ ...invalid, data: { ...invalid.data, email: 'not an address' } }, 'not an address'),
    ]);

    const [deadLetter] = await readTopic(infra.kafkaBrokers, `${topic}.dlq`, { count: 1, timeoutMs: 30_000 });

    expect(deadLetter?.headers['dlq-reason']).toBe('invalid-payload');
  });
});
