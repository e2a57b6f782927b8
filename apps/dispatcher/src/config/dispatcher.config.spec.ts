import { ConfigValidationError, loadConfig } from '@notify/config';
import { DispatcherConfig } from './dispatcher.config';

const required = {
  KAFKA_SASL_USERNAME: 'dispatcher',
  KAFKA_SASL_PASSWORD: 'dispatcher-kafka-password',
  AUTH_JWT_SECRET: 'dispatcher-config-spec-secret-0123456789',
  UNSUBSCRIBE_SIGNING_KEYS:
    'k2:new-secret-0123456789abcdef0123456789,k1:old:secret-with-colon-0123456789abcdef',
};

describe('DispatcherConfig', () => {
  it('has defaults for a local run', () => {
    const config = loadConfig(DispatcherConfig, required);

    expect(config).toMatchObject({
      PORT: 3004,
      DB_SCHEMA: 'dispatcher',
      DIGEST_HOUR: 8,
      DIGEST_WEEKDAY: 'monday',
      DIGEST_TICK_INTERVAL: 5 * 60_000,
      CLAIM_TIMEOUT: 2 * 60_000,
      // The platform's activity is on the emails' way: read as it arrives, not once a second like the other services.
      KAFKA_ACTIVITY_READ_INTERVAL: 0,
      KAFKA_FETCH_MIN_BYTES: 1,
    });
    expect(config.SES_ENDPOINT).toBeUndefined();
    expect(config.sesRegion).toBe('eu-west-1');
    expect(config.SES_MAX_SEND_RATE).toBeUndefined();
    expect(config.UNSUBSCRIBE_SIGNING_KEYS).toEqual([
      { id: 'k2', secret: 'new-secret-0123456789abcdef0123456789' },
      { id: 'k1', secret: 'old:secret-with-colon-0123456789abcdef' },
    ]);
    expect(config.digestSchedule).toEqual({ hour: 8, weekday: 'monday' });
  });

  it('takes the SES region from SES_REGION, else from AWS_REGION', () => {
    expect(loadConfig(DispatcherConfig, { ...required, AWS_REGION: 'us-east-2' }).sesRegion).toBe(
      'us-east-2',
    );
    expect(
      loadConfig(DispatcherConfig, { ...required, AWS_REGION: 'us-east-2', SES_REGION: 'eu-central-1' })
        .sesRegion,
    ).toBe('eu-central-1');
  });

  it('reads the SES event settings and refuses topic ARNs and host patterns that are not', () => {
    const config = loadConfig(DispatcherConfig, {
      ...required,
      SES_EVENTS_TOPIC_ARNS:
        'arn:aws:sns:eu-west-1:123456789012:ses-events, arn:aws:sns:eu-west-1:123456789012:b',
    });
    expect(config.SES_EVENTS_TOPIC_ARNS).toHaveLength(2);
    expect(config.SNS_CERTIFICATE_HOSTS).toEqual(['sns.*.amazonaws.com']);
    expect(() =>
      loadConfig(DispatcherConfig, {
        ...required,
        SES_EVENTS_TOPIC_ARNS: 'ses-events',
        SNS_CERTIFICATE_HOSTS: 'https://sns.example',
        SES_FROM_IDENTITY_ARN: 'buyers.example.eu',
      }),
    ).toThrow(
      /SES_EVENTS_TOPIC_ARNS[\s\S]*SNS_CERTIFICATE_HOSTS|SNS_CERTIFICATE_HOSTS[\s\S]*SES_EVENTS_TOPIC_ARNS/,
    );
  });

  it('reads durations, numbers and flags', () => {
    const config = loadConfig(DispatcherConfig, {
      ...required,
      DIGEST_TICK_INTERVAL: '0',
      CLAIM_TIMEOUT: '30s',
      SENDER_ENABLED: 'false',
      SES_MAX_SEND_RATE: '200',
      DIGEST_WEEKDAY: 'friday',
      DIGEST_HOUR: '6',
      DIGEST_USER_BATCH_SIZE: '4',
      TEMPLATE_PREVIEW_ENABLED: 'yes',
    });

    expect(config).toMatchObject({
      DIGEST_HOUR: 6,
      DIGEST_USER_BATCH_SIZE: 4,
      TEMPLATE_PREVIEW_ENABLED: true,
      DIGEST_TICK_INTERVAL: 0,
      CLAIM_TIMEOUT: 30_000,
      SENDER_ENABLED: false,
      SES_MAX_SEND_RATE: 200,
      DIGEST_WEEKDAY: 'friday',
    });
  });

  // Environment values are strings: each numeric field must convert them (this is what a built service does too).
  const numericValues: Record<string, [raw: string, parsed: number]> = {
    PORT: ['3104', 3104],
    PGPORT: ['6543', 6543],
    AUTH_JWT_MAX_AGE: ['2h', 7_200_000],
    KAFKA_SESSION_TIMEOUT: ['15s', 15_000],
    KAFKA_REPLICATION_FACTOR: ['3', 3],
    KAFKA_MAX_MESSAGE_BYTES: ['500000', 500_000],
    OUTBOX_PARK_AFTER_ATTEMPTS: ['5', 5],
    KAFKA_HANDLER_TIMEOUT: ['45s', 45_000],
    KAFKA_FETCH_MAX_WAIT: ['1500ms', 1500],
    KAFKA_FETCH_MIN_BYTES: ['16384', 16_384],
    KAFKA_ACTIVITY_READ_INTERVAL: ['2s', 2_000],
    DB_POOL_SIZE: ['12', 12],
    DB_STATEMENT_TIMEOUT: ['20s', 20_000],
    DB_LOCK_TIMEOUT: ['2s', 2_000],
    DB_IDLE_IN_TRANSACTION_TIMEOUT: ['2m', 120_000],
    DB_MIGRATION_STATEMENT_TIMEOUT: ['1h', 3_600_000],
    HTTP_HEADERS_TIMEOUT: ['5s', 5_000],
    HTTP_REQUEST_TIMEOUT: ['1m', 60_000],
    HTTP_KEEP_ALIVE_TIMEOUT: ['75s', 75_000],
    KAFKA_PARTITIONS_CONCURRENCY: ['6', 6],
    KAFKA_INGRESS_PARTITIONS: ['24', 24],
    KAFKA_CHUNK_SIZE: ['50', 50],
    UNSUBSCRIBE_LINK_TTL: ['30d', 30 * 24 * 3_600_000],
    SNS_MAX_MESSAGE_AGE: ['15m', 15 * 60_000],
    SES_MAX_SEND_RATE: ['12.5', 12.5],
    SES_MAX_CONCURRENCY: ['32', 32],
    SES_BULK_SIZE: ['25', 25],
    SES_MAX_ATTEMPTS: ['4', 4],
    SES_RETRY_BASE_DELAY: ['250ms', 250],
    SES_RETRY_MAX_DELAY: ['10s', 10_000],
    SES_PAUSE_COOLDOWN: ['2m', 120_000],
    SES_REQUEST_TIMEOUT: ['3s', 3000],
    SES_CONNECT_TIMEOUT: ['1500ms', 1500],
    SENDER_BATCH_SIZE: ['50', 50],
    SENDER_CONCURRENCY: ['8', 8],
    SENDER_POLL_INTERVAL: ['500ms', 500],
    SENDER_MAX_ATTEMPTS: ['12', 12],
    SENDER_RETRY_DELAY: ['1m', 60_000],
    CLAIM_TIMEOUT: ['90s', 90_000],
    REPLICA_LEASE_TTL: ['6s', 6000],
    REPLICA_LEASE_RENEW_INTERVAL: ['1500ms', 1500],
    FANOUT_PAGE_SIZE: ['5000', 5000],
    FANOUT_POLL_INTERVAL: ['2s', 2000],
    DIGEST_HOUR: ['8', 8],
    DIGEST_TICK_INTERVAL: ['1m', 60_000],
    DIGEST_USER_BATCH_SIZE: ['250', 250],
    DIGEST_MAX_ITEMS: ['300', 300],
    MODERATOR_ALERTS_PER_HOUR: ['5', 5],
    RETENTION_DELIVERY_LOG: ['90d', 90 * 24 * 3_600_000],
    RETENTION_EVENT_PAYLOADS: ['14d', 14 * 24 * 3_600_000],
    RETENTION_INTERVAL: ['30m', 1_800_000],
    RETENTION_BATCH_SIZE: ['2000', 2000],
  };

  it('reads every numeric field from its environment string', () => {
    const config = loadConfig(DispatcherConfig, {
      ...required,
      ...Object.fromEntries(Object.entries(numericValues).map(([name, [raw]]) => [name, raw])),
    });

    for (const [name, [, parsed]] of Object.entries(numericValues)) {
      expect({ name, value: config[name as keyof DispatcherConfig] }).toEqual({ name, value: parsed });
    }
  });

  it('has a string case above for every numeric field', () => {
    const defaults = loadConfig(DispatcherConfig, required);
    const numericFields = Object.entries(defaults)
      .filter(([, value]) => typeof value === 'number')
      .map(([name]) => name);
    const optionalNumericFields = ['SES_MAX_SEND_RATE'];

    expect([...numericFields, ...optionalNumericFields].sort()).toEqual(Object.keys(numericValues).sort());
  });

  it('lists every invalid variable without repeating a secret', () => {
    const load = () =>
      loadConfig(DispatcherConfig, {
        AUTH_JWT_SECRET: required.AUTH_JWT_SECRET,
        UNSUBSCRIBE_SIGNING_KEYS: 'k1:too-short-secret',
        DIGEST_HOUR: '24',
        DIGEST_WEEKDAY: 'someday',
        SENDER_BATCH_SIZE: '0',
        SES_BULK_SIZE: '51',
      });

    expect(load).toThrow(ConfigValidationError);
    let message = '';
    try {
      load();
    } catch (error) {
      message = (error as Error).message;
    }
    for (const variable of [
      'UNSUBSCRIBE_SIGNING_KEYS',
      'DIGEST_HOUR',
      'DIGEST_WEEKDAY',
      'SENDER_BATCH_SIZE',
      'SES_BULK_SIZE',
    ]) {
      expect(message).toContain(variable);
    }
    expect(message).not.toContain('too-short-secret');
  });

  it('refuses an SES connect timeout longer than the whole request may take', () => {
    expect(() =>
      loadConfig(DispatcherConfig, { ...required, SES_REQUEST_TIMEOUT: '2s', SES_CONNECT_TIMEOUT: '5s' }),
    ).toThrow(/SES_CONNECT_TIMEOUT: must not be longer than SES_REQUEST_TIMEOUT/);
  });

  it('requires the unsubscribe signing keys', () => {
    expect(() => loadConfig(DispatcherConfig, { AUTH_JWT_SECRET: required.AUTH_JWT_SECRET })).toThrow(
      /UNSUBSCRIBE_SIGNING_KEYS: is required/,
    );
  });
});
