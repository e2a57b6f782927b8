import type { KafkaClientSecurity } from '@notify/config';
import { Topics } from '@notify/contracts';
import type { MessagingOptions } from './messaging.options';

/** The Kafka settings every service reads (`KafkaClientConfig`). */
export interface ServiceKafkaSettings {
  KAFKA_BROKERS: string[];
  KAFKA_TOPIC_PREFIX: string;
  KAFKA_SESSION_TIMEOUT?: number;
  KAFKA_FETCH_MAX_WAIT?: number;
  KAFKA_FETCH_MIN_BYTES?: number;
  KAFKA_ACTIVITY_READ_INTERVAL?: number;
  KAFKA_HANDLER_TIMEOUT?: number;
  KAFKA_CREATE_TOPICS?: boolean;
  KAFKA_REPLICATION_FACTOR?: number;
  KAFKA_SASL_USERNAME?: string;
  KAFKA_MAX_MESSAGE_BYTES?: number;
  OUTBOX_PARK_AFTER_ATTEMPTS?: number;
  kafkaSecurity?: KafkaClientSecurity;
}

/**
 * Messaging options following the services' conventions: client id and consumer group named after the service,
 * CloudEvents source `urn:notify:<service>`. `extra` adds or overrides the rest (topics, retry, relay, ...).
 */
export function serviceMessagingOptions(
  service: string,
  settings: ServiceKafkaSettings,
  extra: Partial<MessagingOptions> = {},
): MessagingOptions {
  const { consumer, topicSetup, topicDefaults, parking, ...rest } = extra;
  return {
    clientId: service,
    brokers: settings.KAFKA_BROKERS,
    source: `urn:notify:${service}`,
    topicPrefix: settings.KAFKA_TOPIC_PREFIX,
    // Prefixed like the topics, so deployments (and test suites) sharing a cluster keep their groups apart.
    groupId: `${settings.KAFKA_TOPIC_PREFIX}${service}`,
    principal: settings.KAFKA_SASL_USERNAME,
    kafka: { ...settings.kafkaSecurity },
    topicSetup: { create: settings.KAFKA_CREATE_TOPICS ?? true, ...topicSetup },
    topicDefaults: { replicationFactor: settings.KAFKA_REPLICATION_FACTOR ?? 1, ...topicDefaults },
    consumer: {
      ...(settings.KAFKA_SESSION_TIMEOUT === undefined
        ? {}
        : { sessionTimeoutMs: settings.KAFKA_SESSION_TIMEOUT }),
      ...(settings.KAFKA_FETCH_MAX_WAIT === undefined
        ? {}
        : { maxWaitTimeMs: settings.KAFKA_FETCH_MAX_WAIT }),
      ...(settings.KAFKA_FETCH_MIN_BYTES === undefined ? {} : { minBytes: settings.KAFKA_FETCH_MIN_BYTES }),
      ...(settings.KAFKA_ACTIVITY_READ_INTERVAL
        ? { readIntervalMs: { [Topics.PlatformActivity]: settings.KAFKA_ACTIVITY_READ_INTERVAL } }
        : {}),
      ...(settings.KAFKA_HANDLER_TIMEOUT === undefined
        ? {}
        : { handlerTimeoutMs: settings.KAFKA_HANDLER_TIMEOUT }),
      ...consumer,
    },
    maxMessageBytes: settings.KAFKA_MAX_MESSAGE_BYTES,
    parking: {
      ...(settings.OUTBOX_PARK_AFTER_ATTEMPTS === undefined
        ? {}
        : { maxAttempts: settings.OUTBOX_PARK_AFTER_ATTEMPTS }),
      ...parking,
    },
    ...rest,
  };
}
