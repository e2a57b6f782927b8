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
      topics: [{ name: 'moderation.events.v1' }],
    });
  });

  it('lets a service override a convention', () => {
    expect(
      serviceMessagingOptions('dispatcher', settings, { groupId: 'staging.dispatcher-v2' }).groupId,
    ).toBe('staging.dispatcher-v2');
  });
});
