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
import type { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { AppModule, SERVICE_NAME } from '../../src/app.module';
import { CommunitiesConfig } from '../../src/config/communities.config';
import { EventTap } from './event-tap';

const JWT_SECRET = 'communities-e2e-jwt-secret-0123456789abcdef';

/** Tables whose row counts tell whether a request wrote anything. */
export const WRITTEN_TABLES = [
  'communities',
  'community_moderators',
  'memberships',
  'access_requests',
  'submissions',
  'contents',
  'outbox',
] as const;

export interface CommunitiesTestApp {
  app: INestApplication<App>;
  http: App;
  dataSource: DataSource;
  bearer(userId: string, roles?: string[]): Promise<string>;
  /** Everything the service publishes on communities.events.v1 during the suite. */
  published: EventTap;
  /** Produces an event on this suite's moderation.events.v1, as the moderation service would. */
  produceModerationEvent(event: CloudEvent<unknown>, key: string): Promise<void>;
  /** True once the service's consumer has processed the event (its inbox row exists). */
  consumed(eventId: string): Promise<boolean>;
  rowCounts(): Promise<Record<string, number>>;
  count(sql: string, parameters?: unknown[]): Promise<number>;
  close(): Promise<void>;
}

/** Boots the whole service in-process against a fresh schema and topics no other suite uses. */
export async function startCommunitiesApp(label: string): Promise<CommunitiesTestApp> {
  const infra = await getTestInfra();
  const schema = await createTestSchema(`communities_${label}`);
  const prefix = uniqueTopicPrefix(`communities-${label}`);
  const config = loadConfig(CommunitiesConfig, {
    DB_SCHEMA: schema.schema,
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    PGHOST: infra.postgres.host,
    PGPORT: String(infra.postgres.port),
    PGUSER: infra.postgres.user,
    PGPASSWORD: infra.postgres.password,
    PGDATABASE: infra.postgres.database,
    AUTH_JWT_SECRET: JWT_SECRET,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(CommunitiesConfig)
    .useValue(config)
    .compile();
  const app = moduleRef.createNestApplication<INestApplication<App>>({ logger: ['error', 'warn'] });
  configureApp(app, { service: SERVICE_NAME, description: 'communities under test' });
  await app.init();
  const dataSource = app.get(DataSource);
  const published = new EventTap(infra.kafkaBrokers, `${prefix}${Topics.CommunityEvents}`);
  await published.start();

  const count = async (sql: string, parameters: unknown[] = []): Promise<number> => {
    const rows: { count: string }[] = await dataSource.query(sql, parameters);
    return Number(rows[0]?.count ?? 0);
  };
  return {
    app,
    http: app.getHttpServer(),
    dataSource,
    bearer: (userId, roles) => signTestJwt({ sub: userId, roles }, JWT_SECRET),
    published,
    produceModerationEvent: (event, key) =>
      produceMessages(infra.kafkaBrokers, `${prefix}${Topics.ModerationEvents}`, [encodeBinary(event, key)]),
    consumed: async (eventId) =>
      (await count('SELECT count(*) FROM inbox WHERE event_id = $1', [eventId])) > 0,
    count,
    rowCounts: async () => {
      const entries = await Promise.all(
        WRITTEN_TABLES.map(async (table) => [table, await count(`SELECT count(*) FROM ${table}`)] as const),
      );
      return Object.fromEntries(entries);
    },
    close: async () => {
      await published.stop();
      await app.close();
      await schema.drop();
    },
  };
}
