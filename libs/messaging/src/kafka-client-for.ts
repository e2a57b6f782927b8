import type { Kafka } from 'kafkajs';
import { resolveMessagingOptions } from './messaging.options';
import { serviceMessagingOptions, type ServiceKafkaSettings } from './service-messaging-options';
import { createKafkaClient } from './kafka/kafka-client.factory';

/** A kafkajs client connected like the services (brokers, transport security, credentials), named `clientId`. */
export function kafkaClientFor(clientId: string, settings: ServiceKafkaSettings): Kafka {
  return createKafkaClient(resolveMessagingOptions(serviceMessagingOptions(clientId, settings)));
}
