import {
  assertValidAttributes,
  EnvelopeAttributes,
  isTraceparent,
  mediaTypeOf,
  ValidEnvelopeAttributes,
} from './attributes';
import {
  BINARY_CONTENT_TYPE,
  CLOUDEVENTS_SPEC_VERSION,
  CloudEvent,
  STRUCTURED_CONTENT_TYPE,
} from './cloud-event';
import { EnvelopeError } from './envelope-error';
import { KafkaHeaders, RecordHeaders } from './kafka-headers';

/** The parts of a consumed Kafka record the envelope lives in (kafkajs `KafkaMessage` compatible). */
export interface ConsumedRecord {
  value: Buffer | string | null | undefined;
  headers?: KafkaHeaders;
}

function parseJson(value: ConsumedRecord['value']): unknown {
  const text = typeof value === 'string' ? value : value?.toString('utf8');
  if (!text) {
    throw new EnvelopeError('missing-data', 'record has no value');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new EnvelopeError('malformed-json', 'record value is not valid JSON');
  }
}

function toCloudEvent(
  attributes: ValidEnvelopeAttributes,
  data: unknown,
  traceparent: unknown,
): CloudEvent<unknown> {
  const { id, source, type, time, subject, datacontenttype = BINARY_CONTENT_TYPE } = attributes;
  return {
    specversion: CLOUDEVENTS_SPEC_VERSION,
    id,
    source,
    type,
    time,
    ...(subject === undefined ? {} : { subject }),
    datacontenttype,
    data,
    ...(isTraceparent(traceparent) ? { traceparent } : {}),
  };
}

function decodeBinary(
  record: ConsumedRecord,
  headers: RecordHeaders,
  contentType?: string,
): CloudEvent<unknown> {
  const attributes: EnvelopeAttributes = {
    specversion: headers.get('ce_specversion'),
    id: headers.get('ce_id'),
    source: headers.get('ce_source'),
    type: headers.get('ce_type'),
    time: headers.get('ce_time'),
    subject: headers.get('ce_subject'),
    datacontenttype: contentType,
  };
  assertValidAttributes(attributes);
  const traceparent = headers.get('traceparent') ?? headers.get('ce_traceparent');
  return toCloudEvent(attributes, parseJson(record.value), traceparent);
}

function decodeStructured(
  record: ConsumedRecord,
  headers: RecordHeaders,
  contentType: string,
): CloudEvent<unknown> {
  if (mediaTypeOf(contentType) !== STRUCTURED_CONTENT_TYPE) {
    throw new EnvelopeError(
      'unsupported-content-type',
      `content type ${contentType} is not supported`,
      'content-type',
    );
  }
  const body = parseJson(record.value);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new EnvelopeError('not-an-object', 'a structured-mode value must be a JSON object');
  }
  const event = body as Record<string, unknown>;
  assertValidAttributes(event);
  if (!('data' in event)) {
    const detail = 'data_base64' in event ? ': binary data (data_base64) is not supported' : '';
    throw new EnvelopeError('missing-data', `structured event has no JSON data${detail}`, 'data');
  }
  const traceparent = headers.get('traceparent') ?? headers.get('ce_traceparent') ?? event.traceparent;
  return toCloudEvent(event, event.data, traceparent);
}

/**
 * Reads a CloudEvent from a Kafka record in binary or structured mode.
 * Throws only `EnvelopeError`; the `data` is returned unvalidated (see `validatePayload`).
 */
export function decodeCloudEvent(record: ConsumedRecord): CloudEvent<unknown> {
  const headers = new RecordHeaders(record.headers);
  const contentType = headers.get('content-type');
  if (contentType !== undefined && mediaTypeOf(contentType).startsWith('application/cloudevents')) {
    return decodeStructured(record, headers, contentType);
  }
  if (headers.get('ce_specversion') !== undefined) {
    return decodeBinary(record, headers, contentType);
  }
  throw new EnvelopeError(
    'unrecognized-mode',
    `record is not a CloudEvent: no ce_specversion header and no ${STRUCTURED_CONTENT_TYPE} content type`,
  );
}
