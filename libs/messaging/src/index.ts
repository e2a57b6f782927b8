export { MessagingModule, type MessagingModuleAsyncOptions } from './messaging.module';
export {
  MessagingOptionsError,
  resolveMessagingOptions,
  type ConsumerOptions,
  type HandlerRetryOptions,
  type HousekeepingOptions,
  type MessagingOptions,
  type ParkingOptions,
  type RelayOptions,
  type ResolvedMessagingOptions,
  type TopicDefaults,
  type TopicSpec,
  DEFAULT_MAX_MESSAGE_BYTES,
} from './messaging.options';
export { MessagingTables1764000000000 } from './migrations/1764000000000-MessagingTables';
export { OutboxParking1796511428716 } from './migrations/1796511428716-OutboxParking';
export { OutboxWriter, OutboxTopicMismatchError, type OutboundEvent } from './outbox/outbox.writer';
export { OutboxEventTooLargeError } from './outbox/outbox-event-too-large.error';
export type { ParkReason, ParkedKind } from './parking/parking-rules';
export type { ParkedRow } from './parking/parked-row';
export { OutboxRelay, RelayPublishError } from './outbox/outbox-relay.service';
export { EventConsumer, type EventConsumerOptions } from './consumer/event-consumer.decorator';
export { EventContext, type EventMetadata } from './consumer/event-context';
export { EventTransport } from './event-transport';
export type { MessageContext } from './consumer/handler-context';
export { HandlerConflictError } from './consumer/handler-registry';
export { KafkaAdminService } from './kafka/kafka-admin.service';
export { TopicNamer } from './kafka/topic-namer';
export { consumerGroupLag } from './kafka/consumer-lag';
export { kafkaClientFor } from './kafka-client-for';
export { MessagingMetrics, NoopMessagingMetrics } from './metrics/messaging-metrics';
export { PrometheusMessagingMetrics } from './metrics/prometheus-messaging-metrics';
export { serviceMessagingOptions, type ServiceKafkaSettings } from './service-messaging-options';
export {
  DEAD_LETTER_TOOL_CLIENT,
  DeadLetterTool,
  type DeadLetterToolOutput,
} from './dead-letters/dead-letter-tool';
export type { DeadLetterEntry } from './dead-letters/dead-letter-entry';
export {
  formatPartitionOffsets,
  parsePartitionOffsets,
  type DeadLetterPage,
  type DeadLetterPageRequest,
  type PartitionOffsets,
} from './dead-letters/dead-letter-page';
export type { DeadLetterSelection } from './dead-letters/dead-letter-selection';
