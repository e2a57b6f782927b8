import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { configureApp } from '@notify/bootstrap';
import { loadConfig } from '@notify/config';
import { encodeBinary, Topics, type CloudEvent } from '@notify/contracts';
import {
  createTestSchema,
  getTestInfra,
  produceMessages,
  signTestJwt,
  uniqueTopicPrefix,
} from '@notify/testing';
import { LinkSigner } from '@notify/security';
import type { App } from 'supertest/types';
import { Kafka, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { AppModule, SERVICE_NAME } from '../src/app.module';
import { PreferencesConfig } from '../src/config/preferences.config';
import { UnsubscribeTokens, type UnsubscribeClaims } from '../src/unsubscribe/unsubscribe-tokens';
import { ProfileTopicTap } from './profile-topic-tap';

export const JWT_SECRET = 'preferences-e2e-jwt-secret-0123456789abcdef';
export const CURRENT_KEY = { id: 'k2', secret: 'current-unsubscribe-key-0123456789abcdef' };
export const PREVIOUS_KEY = { id: 'k1', secret: 'previous-unsubscribe-key-0123456789abcdef' };

export interface PreferencesTestApp {
  app: INestApplication<App>;
  http: App;
  brokers: string[];
  /** Physical name of a logical topic in this suite. */
  topic(logical: string): string;
  bearer(userId: string, roles?: string[]): Promise<string>;
  /** Signs with the given key the way the dispatcher does. */
  unsubscribeToken(claims: UnsubscribeClaims, expiresAt: Date, key?: typeof CURRENT_KEY): string;
  produce(event: CloudEvent<unknown>, key: string): Promise<void>;
  /** Every record this suite's service publishes on its profile topic. */
  profiles: ProfileTopicTap;
  /** Outbox rows written for a user: the events published, or about to be, for them. */
  outboxCount(userId: string): Promise<number>;
  /** True once the consumer has committed the event (its inbox row exists). */
  consumed(eventId: string): Promise<boolean>;
  close(): Promise<void>;
}

/** Boots the whole service in-process against a fresh schema and topics no other suite uses. */
export async function startPreferencesApp(label: string): Promise<PreferencesTestApp> {
  const infra = await getTestInfra();
  const schema = await createTestSchema(`preferences_${label}`);
  const prefix = uniqueTopicPrefix(`preferences-${label}`);
  const config = loadConfig(PreferencesConfig, {
    DB_SCHEMA: schema.schema,
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    PGHOST: infra.postgres.host,
    PGPORT: String(infra.postgres.port),
    PGUSER: infra.postgres.user,
    PGPASSWORD: infra.postgres.password,
    PGDATABASE: infra.postgres.database,
    AUTH_JWT_SECRET: JWT_SECRET,
    UNSUBSCRIBE_SIGNING_KEYS: [CURRENT_KEY, PREVIOUS_KEY]
      .map(({ id, secret }) => `${id}:${secret}`)
      .join(','),
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(PreferencesConfig)
    .useValue(config)
    .compile();
  const app = moduleRef.createNestApplication<INestApplication<App>>({ logger: ['error', 'warn'] });
  configureApp(app, { service: SERVICE_NAME, description: 'preferences under test' });
  await app.init();
  const dataSource = app.get(DataSource);
  const topic = (logical: string): string => `${prefix}${logical}`;
  const profiles = new ProfileTopicTap(infra.kafkaBrokers, topic(Topics.PreferenceProfiles));
  await profiles.start();

  return {
    app,
    http: app.getHttpServer(),
    brokers: infra.kafkaBrokers,
    topic,
    bearer: (userId, roles) => signTestJwt({ sub: userId, roles }, JWT_SECRET),
    unsubscribeToken: (claims, expiresAt, key = CURRENT_KEY) =>
      new UnsubscribeTokens(new LinkSigner([key])).sign(claims, expiresAt),
    produce: (event, key) =>
      produceMessages(infra.kafkaBrokers, topic(Topics.PlatformActivity), [encodeBinary(event, key)]),
    profiles,
    outboxCount: (userId) =>
      count(dataSource, 'SELECT count(*) FROM outbox WHERE message_key = $1', [userId]),
    consumed: async (eventId) =>
      (await count(dataSource, 'SELECT count(*) FROM inbox WHERE event_id = $1', [eventId])) > 0,
    close: async () => {
      await profiles.stop();
      await app.close();
      await schema.drop();
      await deleteTopics(infra.kafkaBrokers, prefix);
    },
  };
}

async function count(dataSource: DataSource, sql: string, parameters: unknown[]): Promise<number> {
  const rows: { count: string }[] = await dataSource.query(sql, parameters);
  return Number(rows[0]?.count ?? 0);
}

/** Removes the suite's topics (and their dead-letter topics) from the shared broker. */
async function deleteTopics(brokers: string[], prefix: string): Promise<void> {
  const admin = new Kafka({ clientId: 'preferences-e2e-cleanup', brokers, logLevel: logLevel.ERROR }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((name) => name.startsWith(prefix));
    if (topics.length > 0) {
      await admin.deleteTopics({ topics });
    }
  } finally {
    await admin.disconnect();
  }
}
