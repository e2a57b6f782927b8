export * from './topics';
export * from './event-types';
export * from './dead-letters';
export * from './vocabulary';
export * from './notification-preferences';

export { EVENT_CATALOG, eventKey, eventTypesOfTopic } from './event-catalog';
export type { EventData, EventDataMap, EventDefinition, TypedCloudEvent } from './event-catalog';

export * from './payloads/shared.data';
export * from './payloads/platform.data';
export * from './payloads/communities.data';
export * from './payloads/moderation.data';
export * from './payloads/preferences.data';
export * from './payloads/email-feedback.data';

export {
  BINARY_CONTENT_TYPE,
  CLOUDEVENTS_SPEC_VERSION,
  createCloudEvent,
  STRUCTURED_CONTENT_TYPE,
} from './cloudevents/cloud-event';
export type { CloudEvent, NewCloudEvent } from './cloudevents/cloud-event';
export { decodeCloudEvent } from './cloudevents/decode';
export type { ConsumedRecord } from './cloudevents/decode';
export { encodeBinary, encodeStructured } from './cloudevents/encode';
export type { EncodedRecord } from './cloudevents/encode';
export { ENVELOPE_ERROR_REASONS, EnvelopeError } from './cloudevents/envelope-error';
export type { EnvelopeErrorReason } from './cloudevents/envelope-error';
export type { KafkaHeaders, KafkaHeaderValue } from './cloudevents/kafka-headers';

export { PayloadValidationError, UnknownEventTypeError, validatePayload } from './payload-validation';
export type { FieldViolation } from './payload-validation';
export { readValidPayload } from './validation/payload-reader';
export { IsIanaTimeZone, isIanaTimeZone } from './validation/time-zone.validator';
export { IsBcp47Locale, isBcp47Locale } from './validation/locale.validator';
export { IsRfc3339DateTime, isRfc3339DateTime } from './validation/date-time.validator';
export { IsEmailAddress, IsHttpUrl, IsId, IsText, Nested, Optional } from './validation/field.decorators';
export { Limits } from './validation/limits';
