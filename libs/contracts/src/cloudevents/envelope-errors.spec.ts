import {
  ConsumedRecord,
  decodeCloudEvent,
  encodeBinary,
  encodeStructured,
  ENVELOPE_ERROR_REASONS,
  EnvelopeError,
  EnvelopeErrorReason,
  EventTypes,
} from '../index';
import { sampleCloudEvent } from '../../test/support/sample-event-data';

const event = sampleCloudEvent(EventTypes.MemberJoined);
const binary = encodeBinary(event, 'community-1');
const structuredBody = JSON.parse(encodeStructured(event, 'community-1').value.toString('utf8')) as Record<
  string,
  unknown
>;

const withHeaders = (headers: Record<string, string | undefined>): ConsumedRecord => ({
  value: binary.value,
  headers: { ...binary.headers, ...headers },
});
const structured = (body: unknown, contentType = 'application/cloudevents+json'): ConsumedRecord => ({
  value: typeof body === 'string' ? body : JSON.stringify(body),
  headers: { 'content-type': contentType },
});
const { data: _data, ...structuredWithoutData } = structuredBody;

interface BadEnvelope {
  name: string;
  record: ConsumedRecord;
  reason: EnvelopeErrorReason;
  attribute?: string;
}

const BAD_ENVELOPES: BadEnvelope[] = [
  {
    name: 'no CloudEvents markers',
    record: { value: binary.value, headers: {} },
    reason: 'unrecognized-mode',
  },
  {
    name: 'binary mode with a non-JSON content type',
    record: withHeaders({ 'content-type': 'text/plain' }),
    reason: 'unsupported-content-type',
    attribute: 'datacontenttype',
  },
  {
    name: 'structured mode in another format',
    record: structured(structuredBody, 'application/cloudevents+avro'),
    reason: 'unsupported-content-type',
    attribute: 'content-type',
  },
  {
    name: 'structured mode with a non-JSON datacontenttype',
    record: structured({ ...structuredBody, datacontenttype: 'application/xml' }),
    reason: 'unsupported-content-type',
    attribute: 'datacontenttype',
  },
  {
    name: 'binary value that is not JSON',
    record: { ...withHeaders({}), value: '{"a":' },
    reason: 'malformed-json',
  },
  { name: 'structured value that is not JSON', record: structured('{not json'), reason: 'malformed-json' },
  {
    name: 'structured value that is a JSON array',
    record: structured([structuredBody]),
    reason: 'not-an-object',
  },
  { name: 'structured value that is JSON null', record: structured('null'), reason: 'not-an-object' },
  {
    name: 'binary mode without ce_id',
    record: withHeaders({ ce_id: undefined }),
    reason: 'missing-attribute',
    attribute: 'id',
  },
  {
    name: 'binary mode with an empty ce_source',
    record: withHeaders({ ce_source: '' }),
    reason: 'missing-attribute',
    attribute: 'source',
  },
  {
    name: 'binary mode without ce_type',
    record: withHeaders({ ce_type: undefined }),
    reason: 'missing-attribute',
    attribute: 'type',
  },
  {
    name: 'binary mode without ce_time',
    record: withHeaders({ ce_time: undefined }),
    reason: 'missing-attribute',
    attribute: 'time',
  },
  {
    name: 'structured mode without specversion',
    record: structured({ ...structuredBody, specversion: undefined }),
    reason: 'missing-attribute',
    attribute: 'specversion',
  },
  {
    name: 'a time that is not RFC 3339',
    record: withHeaders({ ce_time: '01/03/2025 09:30' }),
    reason: 'invalid-attribute',
    attribute: 'time',
  },
  {
    name: 'a time without an offset',
    record: withHeaders({ ce_time: '2025-03-01T09:30:00' }),
    reason: 'invalid-attribute',
    attribute: 'time',
  },
  {
    name: 'a structured id that is not a string',
    record: structured({ ...structuredBody, id: 42 }),
    reason: 'invalid-attribute',
    attribute: 'id',
  },
  {
    name: 'an oversized id',
    record: withHeaders({ ce_id: 'x'.repeat(513) }),
    reason: 'invalid-attribute',
    attribute: 'id',
  },
  {
    name: 'an empty structured subject',
    record: structured({ ...structuredBody, subject: '' }),
    reason: 'missing-attribute',
    attribute: 'subject',
  },
  {
    name: 'CloudEvents 0.3',
    record: withHeaders({ ce_specversion: '0.3' }),
    reason: 'unsupported-specversion',
    attribute: 'specversion',
  },
  {
    name: 'a binary record without a value',
    record: { ...withHeaders({}), value: null },
    reason: 'missing-data',
  },
  {
    name: 'a binary record with an empty value',
    record: { ...withHeaders({}), value: '' },
    reason: 'missing-data',
  },
  {
    name: 'a structured event without data',
    record: structured(structuredWithoutData),
    reason: 'missing-data',
    attribute: 'data',
  },
  {
    name: 'a structured event with base64 data',
    record: structured({ ...structuredWithoutData, data_base64: 'e30=' }),
    reason: 'missing-data',
    attribute: 'data',
  },
  {
    name: 'a header repeated with different values',
    record: { value: binary.value, headers: { ...binary.headers, ce_type: ['a.b', 'c.d'] } },
    reason: 'conflicting-header',
    attribute: 'ce_type',
  },
];

function decodeError(record: ConsumedRecord): unknown {
  try {
    decodeCloudEvent(record);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('decoding a bad envelope', () => {
  it.each(BAD_ENVELOPES)('rejects $name with reason $reason', ({ record, reason, attribute }) => {
    const error = decodeError(record);

    expect(error).toBeInstanceOf(EnvelopeError);
    expect(error).toMatchObject({ name: 'EnvelopeError', reason, attribute });
    expect((error as Error).message).not.toHaveLength(0);
  });

  it('has a case for every reason', () => {
    expect(new Set(BAD_ENVELOPES.map(({ reason }) => reason))).toEqual(new Set(ENVELOPE_ERROR_REASONS));
  });

  it('throws nothing but EnvelopeError, whatever the bytes', () => {
    const values = [
      '',
      ' ',
      '0',
      'true',
      '"text"',
      '[]',
      '{}',
      '\u0000\u00ff',
      '{"specversion":{}}',
      '{"data":1}',
    ];
    const headerSets = [
      {},
      { 'content-type': 'application/cloudevents+json' },
      { ce_specversion: '1.0' },
      { ...binary.headers, ce_time: '2025-13-45T99:99:99Z' },
    ];
    for (const value of [...values.map((text) => Buffer.from(text)), Buffer.from([0xc3, 0x28]), null]) {
      for (const headers of headerSets) {
        const error = decodeError({ value, headers });
        expect(error === undefined || error instanceof EnvelopeError).toBe(true);
      }
    }
  });
});

describe('encoding a bad envelope', () => {
  it('refuses an event without a time', () => {
    expect(() => encodeBinary({ ...event, time: '' }, 'community-1')).toThrow(
      expect.objectContaining({ reason: 'missing-attribute', attribute: 'time' }),
    );
  });

  it('refuses an event without data', () => {
    expect(() => encodeStructured({ ...event, data: undefined }, 'community-1')).toThrow(
      expect.objectContaining({ reason: 'missing-data' }),
    );
  });

  it('refuses a non-JSON data content type', () => {
    expect(() => encodeBinary({ ...event, datacontenttype: 'text/plain' }, 'community-1')).toThrow(
      EnvelopeError,
    );
  });
});
