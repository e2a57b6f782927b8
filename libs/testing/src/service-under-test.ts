import type { INestApplication, Type } from '@nestjs/common';
import type { CustomTransportStrategy } from '@nestjs/microservices';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import { configureApp } from '@notify/bootstrap';
import { loadConfig } from '@notify/config';
import { encodeBinary, type CloudEvent } from '@notify/contracts';
import type { ClassConstructor } from 'class-transformer';
import type { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { EventTap } from './event-tap';
import { deleteTopicsWithPrefix, produceMessages, uniqueTopicPrefix } from './kafka-topics';
import { getTestInfra } from './test-infra';
import { createSuiteTopics } from './suite-topics';
import { TestTokens } from './test-tokens';
import { createTestSchema, type TestSchema } from './test-schema';

export interface ServiceUnderTestOptions {
  /** Service name, e.g. `communities`; with `label` it names the suite's schema and topic prefix. */
  service: string;
  label: string;
  appModule: Type<unknown>;
  /** The app's event transport (`EventTransport`), connected and started as the service's `main.ts` does. */
  transport: Type<CustomTransportStrategy>;
  /** The app's config class, provided (and so injected) in place of the one built from the environment. */
  configClass: ClassConstructor<object>;
  /** Variables beyond those pointing the service at the suite's schema, topics and the test infrastructure. */
  env?: Record<string, string>;
  /** Kafka principal the service authenticates as; the service name by default. */
  principal?: string;
  /** Further provider overrides, e.g. a clock the test moves. */
  override?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
  /** Tables whose row counts tell whether a request wrote anything (see `rowCounts`). */
  writtenTables?: readonly string[];
  /** Starts another replica of a service already under test: same schema and topics, which it leaves in place. */
  replicaOf?: ReplicaOf;
}

/** Where a service under test keeps its state, so that a second replica can share it. */
export interface ReplicaOf {
  schema: string;
  topicPrefix: string;
  tokens: TestTokens;
}

export interface ServiceUnderTest<C extends object = object> {
  app: INestApplication<App>;
  http: App;
  dataSource: DataSource;
  /** The configuration the service runs with. */
  config: C;
  /** Pass as `replicaOf` to start another replica of this service. */
  replica: ReplicaOf;
  brokers: string[];
  sesEndpoint: string;
  /** Physical name of a logical topic in this suite. */
  topic(logical: string): string;
  /** A user token (`roles` as the identity provider grants them, e.g. `platform-admin`). */
  bearer(userId: string, roles?: string[]): Promise<string>;
  /** A platform-service token, signed with the service key; `portal-backend` by default. */
  serviceBearer(serviceId?: string): Promise<string>;
  /** The keys the service trusts, to mint tokens of either kind by hand. */
  tokens: TestTokens;
  /** Produces an event on one of this suite's topics, as another service or the platform would. */
  produce(logicalTopic: string, event: CloudEvent<unknown>, key: string): Promise<void>;
  /** Starts collecting one of this suite's topics; the tap stops when the service closes. */
  tap<T = Record<string, unknown>>(logicalTopic: string): Promise<EventTap<T>>;
  /** True once the service's consumer has processed the event (its inbox row exists). */
  consumed(eventId: string): Promise<boolean>;
  count(sql: string, parameters?: unknown[]): Promise<number>;
  rowCounts(): Promise<Record<string, number>>;
  /** Stops the taps and the service, then drops the suite's schema and topics. */
  close(): Promise<void>;
}

/** Boots a whole service in-process against a fresh schema and topics no other suite uses. */
export async function startServiceUnderTest<C extends object>(
  options: ServiceUnderTestOptions & { configClass: ClassConstructor<C> },
): Promise<ServiceUnderTest<C>> {
  const infra = await getTestInfra();
  const { replicaOf } = options;
  // A replica leaves the schema and the topics to the instance that created them, and trusts the same keys.
  const schema: TestSchema = replicaOf
    ? { schema: replicaOf.schema, drop: () => Promise.resolve() }
    : await createTestSchema(`${options.service}_${options.label}`);
  const prefix = replicaOf?.topicPrefix ?? uniqueTopicPrefix(`${options.service}-${options.label}`);
  const tokens = replicaOf?.tokens ?? TestTokens.random();
  if (!replicaOf) {
    await createSuiteTopics(infra, prefix);
  }
  const config = loadConfig(options.configClass, {
    ...infra.kafkaAccess.serviceEnv(options.principal ?? options.service),
    DB_SCHEMA: schema.schema,
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    PGHOST: infra.postgres.host,
    PGPORT: String(infra.postgres.port),
    PGUSER: infra.postgres.user,
    PGPASSWORD: infra.postgres.password,
    PGDATABASE: infra.postgres.database,
    // Suites stop many services: a short fetch wait keeps each stop from waiting for an idle fetch.
    KAFKA_FETCH_MAX_WAIT: '500ms',
    ...tokens.env(),
    ...options.env,
  });
  const builder = Test.createTestingModule({ imports: [options.appModule] })
    .overrideProvider(options.configClass)
    .useValue(config);
  const moduleRef = await (options.override?.(builder) ?? builder).compile();
  const app = moduleRef.createNestApplication<INestApplication<App>>({ logger: ['error', 'warn'] });
  configureApp(app, {
    service: options.service,
    description: `${options.service} under test`,
    transport: options.transport,
  });
  await app.init();
  await app.startAllMicroservices();

  const dataSource = app.get(DataSource);
  const taps: EventTap<unknown>[] = [];
  const topic = (logical: string): string => `${prefix}${logical}`;
  const count = async (sql: string, parameters: unknown[] = []): Promise<number> => {
    const rows: { count: string }[] = await dataSource.query(sql, parameters);
    return Number(rows[0]?.count ?? 0);
  };
  return {
    app,
    http: app.getHttpServer(),
    dataSource,
    config,
    replica: { schema: schema.schema, topicPrefix: prefix, tokens },
    brokers: infra.kafkaBrokers,
    sesEndpoint: infra.sesEndpoint,
    topic,
    bearer: (userId, roles) => tokens.user(userId, roles),
    serviceBearer: (serviceId) => tokens.service(serviceId),
    tokens,
    produce: (logicalTopic, event, key) =>
      produceMessages(infra.kafkaBrokers, topic(logicalTopic), [encodeBinary(event, key)]),
    tap: async <T>(logicalTopic: string) => {
      const tap = await EventTap.start<T>(infra.kafkaBrokers, topic(logicalTopic));
      taps.push(tap);
      return tap;
    },
    consumed: async (eventId) =>
      (await count('SELECT count(*) FROM inbox WHERE event_id = $1', [eventId])) > 0,
    count,
    rowCounts: async () => {
      const tables = options.writtenTables ?? [];
      const counts = await Promise.all(tables.map((table) => count(`SELECT count(*) FROM ${table}`)));
      return Object.fromEntries(tables.map((table, index) => [table, counts[index]]));
    },
    close: async () => {
      await Promise.all(taps.map((tap) => tap.stop()));
      await app.close();
      await schema.drop();
      if (!replicaOf) {
        await deleteTopicsWithPrefix(infra.kafkaBrokers, prefix);
        await infra.kafkaAccess.revokeSuite(prefix);
      }
    },
  };
}
