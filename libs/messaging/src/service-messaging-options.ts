import type { MessagingOptions } from './messaging.options';

/** The Kafka settings every service reads (`BaseServiceConfig`). */
export interface ServiceKafkaSettings {
  KAFKA_BROKERS: string[];
  KAFKA_TOPIC_PREFIX: string;
  KAFKA_SESSION_TIMEOUT?: number;
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
  const { consumer, ...rest } = extra;
  return {
    clientId: service,
    brokers: settings.KAFKA_BROKERS,
    source: `urn:notify:${service}`,
    topicPrefix: settings.KAFKA_TOPIC_PREFIX,
    // Prefixed like the topics, so deployments (and test suites) sharing a cluster keep their groups apart.
    groupId: `${settings.KAFKA_TOPIC_PREFIX}${service}`,
    consumer: {
      ...(settings.KAFKA_SESSION_TIMEOUT === undefined
        ? {}
        : { sessionTimeoutMs: settings.KAFKA_SESSION_TIMEOUT }),
      ...consumer,
    },
    ...rest,
  };
}
