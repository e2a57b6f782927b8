import { TopicNamer } from '../kafka/topic-namer';
import type { OutboxRow } from './outbox-entry';
import { countByTopic, relayLagSeconds, toTopicMessages } from './relay-batch';

function row(
  id: number,
  topic: string,
  key: string,
  createdAt = new Date('2025-03-01T10:00:00Z'),
): OutboxRow {
  return {
    id: String(id),
    topic,
    messageKey: key,
    eventType: 'communities.member.joined',
    payload: { seq: id },
    headers: { ce_id: `evt-${id}` },
    createdAt,
  };
}

describe('toTopicMessages', () => {
  it('relays a null payload as a tombstone: a null value without headers', () => {
    const tombstone = { ...row(1, 'p.v1', 'user-1'), payload: null };

    expect(toTopicMessages([tombstone], new TopicNamer(''))[0].messages).toEqual([
      { key: 'user-1', value: null },
    ]);
  });

  it('groups rows by prefixed topic and keeps id order within each topic', () => {
    const rows = [row(1, 'a.v1', 'k1'), row(2, 'b.v1', 'k9'), row(3, 'a.v1', 'k1'), row(4, 'a.v1', 'k2')];

    const batches = toTopicMessages(rows, new TopicNamer('test.'));

    expect(batches.map((batch) => batch.topic)).toEqual(['test.a.v1', 'test.b.v1']);
    expect(batches[0].messages.map((message) => [message.key, message.value])).toEqual([
      ['k1', '{"seq":1}'],
      ['k1', '{"seq":3}'],
      ['k2', '{"seq":4}'],
    ]);
    expect(batches[0].messages[0].headers).toEqual({ ce_id: 'evt-1' });
  });

  it('returns nothing for no rows', () => {
    expect(toTopicMessages([], new TopicNamer(''))).toEqual([]);
  });
});

describe('countByTopic', () => {
  it('counts rows per logical topic', () => {
    const counts = countByTopic([row(1, 'a.v1', 'k'), row(2, 'b.v1', 'k'), row(3, 'a.v1', 'k')]);

    expect([...counts]).toEqual([
      ['a.v1', 2],
      ['b.v1', 1],
    ]);
  });
});

describe('relayLagSeconds', () => {
  it('is the age of the oldest pending row, or 0 when drained', () => {
    const now = new Date('2025-03-01T10:00:30Z');

    expect(relayLagSeconds([row(1, 't', 'k'), row(2, 't', 'k', now)], now)).toBe(30);
    expect(relayLagSeconds([], now)).toBe(0);
  });
});
