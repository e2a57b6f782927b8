import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { configureApp } from '@notify/bootstrap';
import { loadConfig } from '@notify/config';
import {
  encodeBinary,
  eventKey,
  EVENT_CATALOG,
  type EventType,
  type TypedCloudEvent,
} from '@notify/contracts';
import {
  createTestSchema,
  getTestInfra,
  TestTokens,
  uniqueTopicPrefix,
  waitFor,
  type TestSchema,
  createSuiteTopics,
  deleteTopicsWithPrefix,
  testKafka,
} from '@notify/testing';
import { Partitioners, type Message, type Producer } from 'kafkajs';
import request from 'supertest';
import type { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { AppModule, SERVICE_NAME } from '../../src/app.module';
import { DispatcherConfig } from '../../src/config/dispatcher.config';

/** The user and service keys every dispatcher of this test process trusts (replicas share them). */
const TOKENS = TestTokens.random();
export const SIGNING_KEYS = 'k1:dispatcher-e2e-unsubscribe-secret-0123456789';
export const UNSUBSCRIBE_BASE_URL = 'https://preferences.example.org';
const PRODUCE_BATCH = 500;

export interface DeliveryLogItem {
  id: string;
  status: string;
  reason?: string;
  category: string;
  template: string;
  eventId: string;
  eventType: string;
  eventSource: string;
  communityId?: string;
  digestId?: string;
  sesMessageId?: string;
  language?: string;
}

/** Another replica of a dispatcher already started: same schema and topics. */
export interface ReplicaOf {
  schema: string;
  topicPrefix: string;
}

export interface DispatcherTestApp {
  app: INestApplication<App>;
  /** Pass to `startDispatcher` to start another replica of this dispatcher. */
  replica: ReplicaOf;
  http: App;
  dataSource: DataSource;
  config: DispatcherConfig;
  sesEndpoint: string;
  /** A user token. */
  bearer(userId: string, roles?: string[]): Promise<string>;
  /** A platform-service token. */
  serviceBearer(serviceId?: string): Promise<string>;
  /** Produces the event on this suite's copy of its topic, keyed as the contract says. */
  publish<T extends EventType>(event: TypedCloudEvent<T>): Promise<void>;
  /** Produces many events with few requests (batches per topic), keyed as the contract says. */
  publishMany(events: readonly TypedCloudEvent<EventType>[]): Promise<void>;
  /** Produces the events and waits until the dispatcher has handled every one of them. */
  publishAndWait(...events: TypedCloudEvent<EventType>[]): Promise<void>;
  /** Waits until the dispatcher's consumer has handled the event (its inbox row exists). */
  consumed(eventId: string): Promise<void>;
  deliveries(userId: string): Promise<DeliveryLogItem[]>;
  /** Waits until the user's log has `count` entries none of which is still pending or being sent. */
  settledDeliveries(userId: string, count: number): Promise<DeliveryLogItem[]>;
  runDigests(at: Date): Promise<{ opened: number; sent: number; skipped: number; failed: number }>;
  close(): Promise<void>;
}

/** Boots the whole dispatcher in-process against a fresh schema and topics no other suite uses. */
export async function startDispatcher(
  label: string,
  env: Record<string, string> = {},
  replicaOf?: ReplicaOf,
): Promise<DispatcherTestApp> {
  // The SDK reads credentials from the default provider chain; the emulator accepts any.
  process.env.AWS_ACCESS_KEY_ID ??= 'dispatcher-e2e';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'dispatcher-e2e';
  const infra = await getTestInfra();
  // A replica leaves the schema to the dispatcher that created it.
  const schema: TestSchema = replicaOf
    ? { schema: replicaOf.schema, drop: () => Promise.resolve() }
    : await createTestSchema(`dispatcher_${label}`);
  const prefix = replicaOf?.topicPrefix ?? uniqueTopicPrefix(`dispatcher-${label}`);
  if (!replicaOf) {
    await createSuiteTopics(infra, prefix);
  }
  const config = loadConfig(DispatcherConfig, {
    ...infra.kafkaAccess.serviceEnv(SERVICE_NAME),
    DB_SCHEMA: schema.schema,
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    PGHOST: infra.postgres.host,
    PGPORT: String(infra.postgres.port),
    PGUSER: infra.postgres.user,
    PGPASSWORD: infra.postgres.password,
    PGDATABASE: infra.postgres.database,
    ...TOKENS.env(),
    UNSUBSCRIBE_SIGNING_KEYS: SIGNING_KEYS,
    UNSUBSCRIBE_BASE_URL,
    PUBLIC_BASE_URL: 'https://portal.example.org',
    SUPPORT_EMAIL: 'support@buyers.example.eu',
    SES_ENDPOINT: infra.sesEndpoint,
    SES_MAX_SEND_RATE: '500',
    DIGEST_TICK_INTERVAL: '0',
    SENDER_POLL_INTERVAL: '250ms',
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(DispatcherConfig)
    .useValue(config)
    .compile();
  const app = moduleRef.createNestApplication<INestApplication<App>>({ logger: ['error', 'warn'] });
  configureApp(app, { service: SERVICE_NAME, description: 'dispatcher under test' });
  await app.init();
  const dataSource = app.get(DataSource);
  const http = app.getHttpServer();
  const producer = await connectProducer(infra.kafkaBrokers);
  const serviceToken = await TOKENS.service('platform');

  const consumed = async (eventId: string): Promise<void> => {
    await waitFor(
      async () => {
        const rows: unknown[] = await dataSource.query('SELECT 1 FROM inbox WHERE event_id = $1', [eventId]);
        return rows.length > 0;
      },
      { timeoutMs: 30_000, intervalMs: 50, description: `event ${eventId} to be consumed` },
    );
  };
  const publish = async <T extends EventType>(event: TypedCloudEvent<T>): Promise<void> => {
    const message = encodeBinary(event, eventKey(event.type, event.data));
    await producer.send({ topic: `${prefix}${EVENT_CATALOG[event.type].topic}`, messages: [message] });
  };
  const publishMany = async (events: readonly TypedCloudEvent<EventType>[]): Promise<void> => {
    const byTopic = new Map<string, Message[]>();
    for (const event of events) {
      const topic = `${prefix}${EVENT_CATALOG[event.type].topic}`;
      const messages = byTopic.get(topic) ?? [];
      messages.push(encodeBinary(event, eventKey(event.type, event.data)));
      byTopic.set(topic, messages);
    }
    for (const [topic, messages] of byTopic) {
      for (let start = 0; start < messages.length; start += PRODUCE_BATCH) {
        await producer.send({ topic, messages: messages.slice(start, start + PRODUCE_BATCH) });
      }
    }
  };
  const deliveries = async (userId: string): Promise<DeliveryLogItem[]> => {
    const response = await request(http)
      .get(`/users/${encodeURIComponent(userId)}/deliveries?limit=200`)
      .set('Authorization', `Bearer ${serviceToken}`)
      .expect(200);
    return (response.body as { items: DeliveryLogItem[] }).items;
  };

  return {
    app,
    replica: { schema: schema.schema, topicPrefix: prefix },
    http,
    dataSource,
    config,
    sesEndpoint: infra.sesEndpoint,
    bearer: (userId, roles) => TOKENS.user(userId, roles),
    serviceBearer: (serviceId) => TOKENS.service(serviceId),
    publish,
    publishMany,
    async publishAndWait(...events) {
      for (const event of events) {
        await publish(event);
      }
      for (const event of events) {
        await consumed(event.id);
      }
    },
    consumed,
    deliveries,
    settledDeliveries: (userId, count) =>
      waitFor(
        async () => {
          const items = await deliveries(userId);
          const settled =
            items.length >= count && items.every((item) => !['pending', 'sending'].includes(item.status));
          return settled ? items : undefined;
        },
        { timeoutMs: 20_000, intervalMs: 100, description: `${count} settled deliveries of ${userId}` },
      ),
    async runDigests(at) {
      const response = await request(http)
        .post('/digests/run')
        .set('Authorization', `Bearer ${serviceToken}`)
        .send({ at: at.toISOString() })
        .expect(200);
      return response.body as { opened: number; sent: number; skipped: number; failed: number };
    },
    async close() {
      await producer.disconnect();
      await app.close();
      await schema.drop();
      // Topics and ACLs, like the schema, belong to the dispatcher that created them.
      if (!replicaOf) {
        await deleteTopicsWithPrefix(infra.kafkaBrokers, prefix);
        await infra.kafkaAccess.revokeSuite(prefix);
      }
    },
  };
}

async function connectProducer(brokers: string[]): Promise<Producer> {
  const kafka = testKafka(brokers, 'dispatcher-e2e');
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  return producer;
}
