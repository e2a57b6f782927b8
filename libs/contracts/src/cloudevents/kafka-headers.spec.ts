import { decodeCloudEvent, EnvelopeError, EventTypes, KafkaHeaders } from '../index';
import { sampleEventData } from '../../test/support/sample-event-data';

const value = Buffer.from(JSON.stringify(sampleEventData(EventTypes.MemberJoined)));
const attributes = {
  ce_specversion: '1.0',
  ce_id: 'evt-1',
  ce_source: 'urn:notify:communities',
  ce_type: EventTypes.MemberJoined,
  ce_time: '2025-03-01T09:30:00Z',
};

function decodeWith(headers: KafkaHeaders) {
  return decodeCloudEvent({ value, headers });
}

describe('Kafka header values', () => {
  it('reads Buffer values as UTF-8', () => {
    const headers = Object.fromEntries(
      Object.entries(attributes).map(([name, text]) => [name, Buffer.from(text)]),
    );

    expect(decodeWith({ ...headers, ce_subject: Buffer.from('Zürich') })).toMatchObject({
      id: 'evt-1',
      type: EventTypes.MemberJoined,
      subject: 'Zürich',
    });
  });

  it('reads string values', () => {
    expect(decodeWith(attributes)).toMatchObject({ id: 'evt-1', source: 'urn:notify:communities' });
  });

  it('reads a repeated header whose values agree, as Buffers or strings', () => {
    const decoded = decodeWith({ ...attributes, ce_id: [Buffer.from('evt-1'), 'evt-1'] });

    expect(decoded.id).toBe('evt-1');
  });

  it('rejects a repeated header whose values disagree', () => {
    let caught: unknown;
    try {
      decodeWith({ ...attributes, ce_id: ['evt-1', Buffer.from('evt-2')] });
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(EnvelopeError);
    expect(caught).toMatchObject({ reason: 'conflicting-header', attribute: 'ce_id' });
  });

  it('treats undefined, null and empty-array values as absent', () => {
    const decoded = decodeWith({
      ...attributes,
      ce_subject: undefined,
      traceparent: null,
      ce_traceparent: [],
    });

    expect(decoded).not.toHaveProperty('subject');
    expect(decoded).not.toHaveProperty('traceparent');
  });

  it('matches header names case-insensitively', () => {
    const upper = Object.fromEntries(
      Object.entries(attributes).map(([name, text]) => [name.toUpperCase(), text]),
    );

    expect(decodeWith({ ...upper, 'Content-Type': 'application/json' }).id).toBe('evt-1');
  });

  it('accepts a string record value as well as a Buffer', () => {
    expect(decodeCloudEvent({ value: value.toString('utf8'), headers: attributes }).data).toEqual(
      sampleEventData(EventTypes.MemberJoined),
    );
  });
});
