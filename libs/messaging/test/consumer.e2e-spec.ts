import type { INestApplicationContext } from '@nestjs/common';
import {
  DeadLetterHeaders,
  EventTypes,
  Topics,
  encodeBinary,
  encodeStructured,
  type CloudEvent,
} from '@notify/contracts';
import { sampleCloudEvent, sampleEventData } from '@notify/testing';
import type { Message } from 'kafkajs';
import {
  createTopics,
  deleteTopicsWithPrefix,
  dropSchema,
  groupCaughtUp,
  produce,
  readTopic,
  sql,
  uniqueSuffix,
  waitFor,
} from './support/infra';
import { startMessagingApp } from './support/messaging-app';
import { RecordingMetrics } from './support/recording-metrics';
import { ALWAYS_FAILS, UserActivityConsumer } from './support/user-activity.consumer';

const suffix = uniqueSuffix();
const schema = `t_consumer_${suffix}`;
const prefix = `t-consumer-${suffix}.`;
const topic = `${prefix}${Topics.PlatformActivity}`;
const groupId = `t-consumer-${suffix}`;
const KEY = 'user-key';
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

let sequence = 0;
function userEvent(userId: string, displayName = 'Jean Buyer'): CloudEvent<object> {
  sequence += 1;
  return sampleCloudEvent(EventTypes.UserUpserted, {
    id: `evt-${suffix}-${sequence}`,
    data: sampleEventData(EventTypes.UserUpserted, { userId, displayName }),
    traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01`,
  });
}

function binary(event: CloudEvent<unknown>): Message {
  return encodeBinary(event, KEY);
}

async function handled(): Promise<{ event_id: string; subject: string; traceparent: string }[]> {
  return sql(`SELECT event_id, subject, traceparent FROM "${schema}".handled_event ORDER BY id`);
}

describe('event consumer against Kafka and PostgreSQL', () => {
  const metrics = new RecordingMetrics();
  let app: INestApplicationContext;

  beforeAll(async () => {
    await createTopics([topic], 1);
    app = await startMessagingApp({
      schema,
      topicPrefix: prefix,
      groupId,
      consumers: [UserActivityConsumer],
      messaging: { metrics },
    });
  });

  afterAll(async () => {
    await app?.close();
    await dropSchema(schema);
    await deleteTopicsWithPrefix(prefix);
  });

  it('dead-letters what it cannot process with a reason, keeps the partition moving, and handles duplicates once', async () => {
    const first = userEvent('user-a');
    const malformed = { ...binary(userEvent('user-bad')), value: Buffer.from('{"userId": ') };
    const unknownType = binary({ ...userEvent('user-x'), type: 'platform.poll.created' });
    const noHandler = binary(sampleCloudEvent(EventTypes.CommentCreated, { id: `evt-${suffix}-comment` }));
    const ignored = binary(sampleCloudEvent(EventTypes.MessageCreated, { id: `evt-${suffix}-message` }));
    const invalidPayload = binary({ ...userEvent('user-y'), data: { userId: 'user-y', email: 'nope' } });
    const failingEvent = userEvent('user-f', ALWAYS_FAILS);
    const failing = binary(failingEvent);
    const structured = encodeStructured(userEvent('user-c'), KEY);

    await produce(topic, [
      binary(first), //             0 handled
      malformed, //                 1 invalid-envelope
      unknownType, //               2 unknown-type
      noHandler, //                 3 no-handler
      ignored, //                   4 ignored, not dead-lettered
      invalidPayload, //            5 invalid-payload
      binary(userEvent('user-b')), // 6 handled
      binary(first), //             7 duplicate of 0
      failing, //                   8 handler-failed after retries
      structured, //                9 handled (structured mode)
    ]);

    await waitFor(
      async () => (await handled()).some((row) => row.subject === 'user-c'),
      'the last event handled',
    );
    const rows = await handled();
    expect(rows.map((row) => row.subject)).toEqual(['user-a', 'user-b', 'user-c']);
    expect(rows.every((row) => row.traceparent.startsWith(`00-${TRACE_ID}-`))).toBe(true);
    expect(rows.every((row) => !row.traceparent.includes('00f067aa0ba902b7'))).toBe(true);

    const deadLetters = await readTopic(`${topic}.dlq`, 5);
    const reasons = deadLetters.map((record) => [
      record.headers[DeadLetterHeaders.Reason],
      record.headers[DeadLetterHeaders.OriginalOffset],
    ]);
    expect(reasons).toEqual([
      ['invalid-envelope', '1'],
      ['unknown-type', '2'],
      ['no-handler', '3'],
      ['invalid-payload', '5'],
      ['handler-failed', '8'],
    ]);
    for (const record of deadLetters) {
      expect(record.key).toBe(KEY);
      expect(record.headers).toMatchObject({
        [DeadLetterHeaders.OriginalTopic]: topic,
        [DeadLetterHeaders.OriginalPartition]: '0',
        [DeadLetterHeaders.ConsumerGroup]: groupId,
      });
      expect(record.headers[DeadLetterHeaders.Error].length).toBeGreaterThan(0);
    }
    expect(deadLetters[0].value).toBe('{"userId": ');
    expect(deadLetters[3].headers[DeadLetterHeaders.Error]).toContain('email');
    expect(deadLetters[4].headers[DeadLetterHeaders.Error]).toBe('cannot handle user-f');
    expect(deadLetters[4].headers.ce_id).toBe(failingEvent.id);

    expect(metrics.count(`duplicate:${EventTypes.UserUpserted}`)).toBe(1);
    expect(metrics.count(`ignored:${EventTypes.MessageCreated}`)).toBe(1);
    expect(metrics.count(`retried:${EventTypes.UserUpserted}`)).toBe(2);
    await waitFor(() => groupCaughtUp(groupId, topic), 'offsets committed past every record');
  });

  it('handles the same event delivered twice exactly once, even when the copies arrive far apart', async () => {
    const event = userEvent('user-twice');
    await produce(topic, [binary(event)]);
    await waitFor(
      async () => (await handled()).some((row) => row.subject === 'user-twice'),
      'the first delivery',
    );

    await produce(topic, [binary(event), binary(userEvent('user-after'))]);
    await waitFor(
      async () => (await handled()).some((row) => row.subject === 'user-after'),
      'the next event',
    );

    const copies = (await handled()).filter((row) => row.event_id === event.id);
    expect(copies).toHaveLength(1);
  });
});
