import { TestTokens, type TestInfra, type TestTokenSettings } from '@notify/testing';

export const SERVICES = ['communities', 'moderation', 'preferences', 'dispatcher'] as const;
export type ServiceName = (typeof SERVICES)[number];

export type ServiceEnv = Record<string, string>;

/** What one run of the whole system shares: broker, database, secrets and the ports it was given. */
export interface SystemSettings {
  /** Lower-case identifier unique to the run; schemas and topics are named after it. */
  runId: string;
  topicPrefix: string;
  ports: Record<ServiceName, number>;
  infra: TestInfra;
  /** User and platform-service token keys, each kind with its own issuer and secret. */
  tokens: TestTokenSettings;
  /** `kid:secret,...`, shared by the signer (dispatcher) and the verifier (preferences). */
  unsubscribeSigningKeys: string;
  publicBaseUrl: string;
  supportEmail: string;
  platformName: string;
}

/** The dispatcher's default local digest hour, which the scenarios rely on. */
export const DIGEST_HOUR = 8;
export const DIGEST_WEEKDAY = 'monday';
export const REMINDER_AFTER_HOURS = 48;

export function schemaOf(settings: Pick<SystemSettings, 'runId'>, service: ServiceName): string {
  return `${settings.runId}_${service}`;
}

/**
 * The whole environment of one service, built from scratch: a developer's own variables (a `PORT`, a
 * `KAFKA_TOPIC_PREFIX`, a `DATABASE_URL`) must not leak into the run.
 */
export function serviceEnvironment(service: ServiceName, settings: SystemSettings): ServiceEnv {
  const { infra } = settings;
  const common: ServiceEnv = {
    TZ: 'UTC',
    PORT: String(settings.ports[service]),
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: settings.topicPrefix,
    ...infra.kafkaAccess.serviceEnv(service),
    PGHOST: infra.postgres.host,
    PGPORT: String(infra.postgres.port),
    PGUSER: infra.postgres.user,
    PGPASSWORD: infra.postgres.password,
    PGDATABASE: infra.postgres.database,
    DB_SCHEMA: schemaOf(settings, service),
    ...new TestTokens(settings.tokens).env(),
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'log',
  };
  return { ...common, ...serviceSpecific(service, settings) };
}

function serviceSpecific(service: ServiceName, settings: SystemSettings): ServiceEnv {
  switch (service) {
    case 'communities':
      return {};
    case 'moderation':
      // Reminders are driven by the tests through `POST /moderation/reminders/run`.
      return { REMINDER_AFTER: `${REMINDER_AFTER_HOURS}h`, REMINDER_SCAN_INTERVAL: '0' };
    case 'preferences':
      return { UNSUBSCRIBE_SIGNING_KEYS: settings.unsubscribeSigningKeys };
    case 'dispatcher':
      return {
        UNSUBSCRIBE_SIGNING_KEYS: settings.unsubscribeSigningKeys,
        UNSUBSCRIBE_BASE_URL: `http://127.0.0.1:${settings.ports.preferences}`,
        PUBLIC_BASE_URL: settings.publicBaseUrl,
        SUPPORT_EMAIL: settings.supportEmail,
        PLATFORM_NAME: settings.platformName,
        EMAIL_FROM: `${settings.platformName} <notifications@example.test>`,
        SES_ENDPOINT: settings.infra.sesEndpoint,
        SES_REGION: 'eu-west-1',
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        // Digests are driven by the tests through `POST /digests/run`.
        DIGEST_TICK_INTERVAL: '0',
        DIGEST_WEEKDAY,
        SENDER_POLL_INTERVAL: '250ms',
        SENDER_RETRY_DELAY: '1s',
        // Stated rather than left to defaults: the resilience scenarios bound duplicates and stalls by them.
        SENDER_CONCURRENCY: '4',
        SENDER_BATCH_SIZE: '25',
        SES_MAX_CONCURRENCY: '8',
        SES_REQUEST_TIMEOUT: '10s',
      };
  }
}

export const CONSOLE_SCHEMA_SUFFIX = 'console';

/**
 * The support console (apps/console) of a run: the four services' REST APIs as its only source, its own Kafka
 * principal for dead letters, its own schema for the audit trail, and the development sign-in on.
 */
export function consoleEnvironment(
  settings: SystemSettings,
  port: number,
  sessionSecret: string,
): ServiceEnv {
  const { infra } = settings;
  const url = (service: ServiceName): string => `http://127.0.0.1:${settings.ports[service]}`;
  return {
    TZ: 'UTC',
    PORT: String(port),
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: settings.topicPrefix,
    ...infra.kafkaAccess.serviceEnv('console'),
    PGHOST: infra.postgres.host,
    PGPORT: String(infra.postgres.port),
    PGUSER: infra.postgres.user,
    PGPASSWORD: infra.postgres.password,
    PGDATABASE: infra.postgres.database,
    DB_SCHEMA: `${settings.runId}_${CONSOLE_SCHEMA_SUFFIX}`,
    ...new TestTokens(settings.tokens).env(),
    CONSOLE_SESSION_SECRET: sessionSecret,
    CONSOLE_DEV_SIGN_IN: 'true',
    COMMUNITIES_URL: url('communities'),
    MODERATION_URL: url('moderation'),
    PREFERENCES_URL: url('preferences'),
    DISPATCHER_URL: url('dispatcher'),
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'log',
  };
}
