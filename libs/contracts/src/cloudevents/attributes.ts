import { isRfc3339DateTime } from '../validation/date-time.validator';
import { CLOUDEVENTS_SPEC_VERSION, type CloudEvent } from './cloud-event';
import { EnvelopeError } from './envelope-error';

const MAX_ATTRIBUTE_LENGTH = 512;
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;
const ALL_ZERO = /^0+$/;

export interface EnvelopeAttributes {
  specversion?: unknown;
  id?: unknown;
  source?: unknown;
  type?: unknown;
  time?: unknown;
  subject?: unknown;
  datacontenttype?: unknown;
}

/** Attributes known to be valid; `time` is required by this contract although CloudEvents makes it optional. */
export type ValidEnvelopeAttributes = Omit<CloudEvent, 'data' | 'traceparent'>;

export function mediaTypeOf(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

export function isJsonMediaType(contentType: string): boolean {
  const mediaType = mediaTypeOf(contentType);
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

/** A W3C trace context `traceparent`; an invalid one is ignored, as the trace context spec requires. */
export function isTraceparent(value: unknown): value is string {
  if (typeof value !== 'string') {
    return false;
  }
  const match = TRACEPARENT.exec(value);
  return match !== null && match[1] !== 'ff' && !ALL_ZERO.test(match[2]) && !ALL_ZERO.test(match[3]);
}

function requireText(attributes: EnvelopeAttributes, name: keyof EnvelopeAttributes): void {
  const value = attributes[name];
  if (value === undefined || value === null || value === '') {
    throw new EnvelopeError('missing-attribute', `CloudEvents attribute ${name} is required`, name);
  }
  if (typeof value !== 'string' || value.length > MAX_ATTRIBUTE_LENGTH) {
    throw new EnvelopeError(
      'invalid-attribute',
      `CloudEvents attribute ${name} must be a string of at most ${MAX_ATTRIBUTE_LENGTH} characters`,
      name,
    );
  }
}

/** Checks the attributes every event of this contract must carry; throws `EnvelopeError` otherwise. */
export function assertValidAttributes(
  attributes: EnvelopeAttributes,
): asserts attributes is EnvelopeAttributes & ValidEnvelopeAttributes {
  requireText(attributes, 'specversion');
  if (attributes.specversion !== CLOUDEVENTS_SPEC_VERSION) {
    throw new EnvelopeError(
      'unsupported-specversion',
      `CloudEvents specversion ${String(attributes.specversion)} is not supported; expected ${CLOUDEVENTS_SPEC_VERSION}`,
      'specversion',
    );
  }
  requireText(attributes, 'id');
  requireText(attributes, 'source');
  requireText(attributes, 'type');
  requireText(attributes, 'time');
  if (!isRfc3339DateTime(attributes.time)) {
    throw new EnvelopeError(
      'invalid-attribute',
      'CloudEvents attribute time must be an RFC 3339 date-time',
      'time',
    );
  }
  if (attributes.subject !== undefined) {
    requireText(attributes, 'subject');
  }
  const { datacontenttype } = attributes;
  if (
    datacontenttype !== undefined &&
    !(typeof datacontenttype === 'string' && isJsonMediaType(datacontenttype))
  ) {
    const shown = typeof datacontenttype === 'string' ? datacontenttype : typeof datacontenttype;
    throw new EnvelopeError(
      'unsupported-content-type',
      `data content type ${shown} is not supported; only JSON data is`,
      'datacontenttype',
    );
  }
}
