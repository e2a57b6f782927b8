import { Topics } from '@notify/contracts';
import { serviceMessagingOptions } from './service-messaging-options';

describe('serviceMessagingOptions', () => {
  const settings = { KAFKA_BROKERS: ['kafka-1:9092', 'kafka-2:9092'], KAFKA_TOPIC_PREFIX: 'staging.' };

  it('names the client, source and prefixed consumer group after the service', () => {
    expect(
      serviceMessagingOptions('moderation', settings, { topics: [{ name: 'moderation.events.v1' }] }),
    ).toEqual({
      clientId: 'moderation',
      brokers: ['kafka-1:9092', 'kafka-2:9092'],
      source: 'urn:notify:moderation',
      topicPrefix: 'staging.',
      groupId: 'staging.moderation',
      principal: undefined,
      kafka: {},
      topicSetup: { create: true },
      topicDefaults: { replicationFactor: 1 },
      consumer: {},
      parking: {},
      topics: [{ name: 'moderation.events.v1' }],
    });
  });

  it('carries the client security, principal and topic settings of the configuration', () => {
    const sasl = { mechanism: 'scram-sha-512' as const, username: 'moderation', password: 'secret' };
    const options = serviceMessagingOptions('moderation', {
      ...settings,
      KAFKA_SASL_USERNAME: 'moderation',
      KAFKA_CREATE_TOPICS: false,
      KAFKA_REPLICATION_FACTOR: 3,
      kafkaSecurity: { ssl: true, sasl },
    });

    expect(options).toMatchObject({
      principal: 'moderation',
      kafka: { ssl: true, sasl },
      topicSetup: { create: false },
      topicDefaults: { replicationFactor: 3 },
    });
  });

  it('takes the session and handler timeouts from the settings and keeps the service consumer options beside them', () => {
    const options = serviceMessagingOptions(
      'preferences',
      { ...settings, KAFKA_SESSION_TIMEOUT: 10_000, KAFKA_HANDLER_TIMEOUT: 20_000 },
      { consumer: { chunkSize: 50 } },
    );

    expect(options.consumer).toEqual({ sessionTimeoutMs: 10_000, handlerTimeoutMs: 20_000, chunkSize: 50 });
  });

  it('takes the fetch wait and the bytes a fetch gathers from the settings', () => {
    const options = serviceMessagingOptions('preferences', {
      ...settings,
      KAFKA_FETCH_MAX_WAIT: 3000,
      KAFKA_FETCH_MIN_BYTES: 65_536,
    });

    expect(options.consumer).toEqual({ maxWaitTimeMs: 3000, minBytes: 65_536 });
  });

  it('reads the platform activity topic at the interval the settings give, and as it arrives for 0', () => {
    const interval = serviceMessagingOptions('moderation', {
      ...settings,
      KAFKA_ACTIVITY_READ_INTERVAL: 1000,
    });
    const asItArrives = serviceMessagingOptions('dispatcher', {
      ...settings,
      KAFKA_ACTIVITY_READ_INTERVAL: 0,
    });

    expect(interval.consumer).toEqual({ readIntervalMs: { [Topics.PlatformActivity]: 1000 } });
    expect(asItArrives.consumer).toEqual({});
  });

  it('takes the record size limit and the parking threshold from the settings', () => {
    const options = serviceMessagingOptions('communities', {
      ...settings,
      KAFKA_MAX_MESSAGE_BYTES: 500_000,
      OUTBOX_PARK_AFTER_ATTEMPTS: 3,
    });

    expect(options).toMatchObject({ maxMessageBytes: 500_000, parking: { maxAttempts: 3 } });
  });

  it('lets a service override a convention', () => {
    expect(
      serviceMessagingOptions('dispatcher', settings, { groupId: 'staging.dispatcher-v2' }).groupId,
    ).toBe('staging.dispatcher-v2');
  });
});
