import { createCloudEvent, decodeCloudEvent, encodeBinary, encodeStructured, EventTypes } from '../index';
import { sampleCloudEvent, sampleEventData } from '../../test/support/sample-event-data';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('CloudEvents envelope', () => {
  const event = sampleCloudEvent(EventTypes.MentionCreated, {
    subject: 'mention-1',
    traceparent: TRACEPARENT,
  });

  describe('binary mode', () => {
    it('writes the attributes as ce_* headers and the data as the JSON value', () => {
      const record = encodeBinary(event, 'user-1');

      expect(record.key).toBe('user-1');
      expect(record.headers).toEqual({
        ce_specversion: '1.0',
        ce_id: event.id,
        ce_source: event.source,
        ce_type: EventTypes.MentionCreated,
        ce_time: event.time,
        ce_subject: 'mention-1',
        'content-type': 'application/json',
        traceparent: TRACEPARENT,
      });
      expect(JSON.parse(record.value.toString('utf8'))).toEqual(event.data);
    });

    it('decodes what it encodes', () => {
      const { value, headers } = encodeBinary(event, 'user-1');

      expect(decodeCloudEvent({ value, headers })).toEqual({ ...event, datacontenttype: 'application/json' });
    });

    it('leaves out the optional attributes when the event has none', () => {
      const plain = sampleCloudEvent(EventTypes.MemberLeft);
      const { headers } = encodeBinary(plain, 'community-1');

      expect(headers).not.toHaveProperty('ce_subject');
      expect(headers).not.toHaveProperty('traceparent');
      expect(
        decodeCloudEvent({ value: encodeBinary(plain, 'community-1').value, headers }),
      ).not.toHaveProperty('subject');
    });
  });

  describe('structured mode', () => {
    it('writes the whole event as one JSON object with the structured content type', () => {
      const record = encodeStructured(event, 'user-1');

      expect(record.headers).toEqual({
        'content-type': 'application/cloudevents+json',
        traceparent: TRACEPARENT,
      });
      expect(JSON.parse(record.value.toString('utf8'))).toEqual({
        ...event,
        datacontenttype: 'application/json',
      });
    });

    it('decodes what it encodes', () => {
      const { value, headers } = encodeStructured(event, 'user-1');

      expect(decodeCloudEvent({ value, headers })).toEqual({ ...event, datacontenttype: 'application/json' });
    });

    it('decodes an event written by another producer, ignoring unknown extension attributes', () => {
      const value = JSON.stringify({
        specversion: '1.0',
        id: 'evt-42',
        source: '//platform.example.org/comments',
        type: EventTypes.CommentCreated,
        time: '2025-03-01T10:00:00.123+01:00',
        partitionkey: 'content-1',
        traceparent: TRACEPARENT,
        data: sampleEventData(EventTypes.CommentCreated),
      });

      const decoded = decodeCloudEvent({
        value,
        headers: { 'Content-Type': 'application/cloudevents+json; charset=utf-8' },
      });

      expect(decoded).toEqual({
        specversion: '1.0',
        id: 'evt-42',
        source: '//platform.example.org/comments',
        type: EventTypes.CommentCreated,
        time: '2025-03-01T10:00:00.123+01:00',
        datacontenttype: 'application/json',
        traceparent: TRACEPARENT,
        data: sampleEventData(EventTypes.CommentCreated),
      });
    });

    it('prefers the traceparent header over the one inside the event', () => {
      const headerTrace = '00-11111111111111111111111111111111-2222222222222222-01';
      const { value } = encodeStructured(event, 'user-1');

      const decoded = decodeCloudEvent({
        value,
        headers: { 'content-type': 'application/cloudevents+json', traceparent: headerTrace },
      });

      expect(decoded.traceparent).toBe(headerTrace);
    });
  });

  describe('trace context', () => {
    const binaryHeaders = (extra: Record<string, string>) => ({
      ...encodeBinary(sampleCloudEvent(EventTypes.MemberJoined), 'community-1').headers,
      ...extra,
    });
    const value = JSON.stringify(sampleEventData(EventTypes.MemberJoined));

    it('accepts the trace context as a ce_traceparent header', () => {
      const decoded = decodeCloudEvent({ value, headers: binaryHeaders({ ce_traceparent: TRACEPARENT }) });

      expect(decoded.traceparent).toBe(TRACEPARENT);
    });

    it.each([
      'not-a-trace',
      `ff-${TRACEPARENT.slice(3)}`,
      '00-00000000000000000000000000000000-00f067aa0ba902b7-01',
      '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01',
    ])('ignores the invalid traceparent %p instead of rejecting the event', (traceparent) => {
      const decoded = decodeCloudEvent({ value, headers: binaryHeaders({ traceparent }) });

      expect(decoded).not.toHaveProperty('traceparent');
      expect(decoded.type).toBe(EventTypes.MemberJoined);
    });
  });

  describe('createCloudEvent', () => {
    it('fills in specversion, a unique id and the current time', () => {
      const data = sampleEventData(EventTypes.MemberJoined);
      const first = createCloudEvent({
        type: EventTypes.MemberJoined,
        source: 'urn:notify:communities',
        data,
      });
      const second = createCloudEvent({
        type: EventTypes.MemberJoined,
        source: 'urn:notify:communities',
        data,
      });

      expect(first).toEqual({
        specversion: '1.0',
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        source: 'urn:notify:communities',
        type: EventTypes.MemberJoined,
        time: expect.any(String),
        data,
      });
      expect(second.id).not.toBe(first.id);
      expect(Math.abs(Date.parse(first.time) - Date.now())).toBeLessThan(5000);
    });

    it('keeps a given id, time and trace context', () => {
      const created = createCloudEvent({
        type: EventTypes.MemberLeft,
        source: 'urn:notify:communities',
        data: sampleEventData(EventTypes.MemberLeft),
        id: 'fixed-id',
        time: new Date('2025-01-02T03:04:05Z'),
        traceparent: TRACEPARENT,
      });

      expect(created).toMatchObject({
        id: 'fixed-id',
        time: '2025-01-02T03:04:05.000Z',
        traceparent: TRACEPARENT,
      });
    });
  });
});
