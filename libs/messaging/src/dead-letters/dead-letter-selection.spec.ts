import { DeadLetterHeaders, ReplayHeaders } from '@notify/contracts';
import type { DeadLetterEntry } from './dead-letter-entry';
import { replayHeaders, selectDeadLetters } from './dead-letter-selection';

function entry(offset: number, eventId: string | undefined, failedAt: string): DeadLetterEntry {
  return {
    partition: 0,
    offset: String(offset),
    key: Buffer.from('k'),
    value: Buffer.from('{}'),
    headers: {
      ce_id: eventId,
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      [DeadLetterHeaders.Reason]: 'handler-failed',
      [DeadLetterHeaders.FailedAt]: failedAt,
      [ReplayHeaders.ReplayedBy]: 'earlier-operator',
    },
    eventId,
    eventSource: 'urn:notify:test',
    reason: 'handler-failed',
    error: 'boom',
    failedAt: new Date(failedAt),
  };
}

describe('selectDeadLetters', () => {
  const a = entry(0, 'a', '2026-01-01T10:00:00Z');
  const b = entry(1, 'b', '2026-01-01T11:00:00Z');
  const aAgain = entry(2, 'a', '2026-01-01T12:00:00Z');
  const undecodable = entry(3, undefined, '2026-01-01T13:00:00Z');
  const all = [undecodable, aAgain, b, a];

  it.each([
    ['everything, oldest first, one copy per event', { ids: [] }, ['1', '2', '3']],
    ['by id', { ids: ['b'] }, ['1']],
    ['by time', { ids: [], since: new Date('2026-01-01T11:30:00Z') }, ['2', '3']],
    ['by id and time', { ids: ['a', 'b'], since: new Date('2026-01-01T10:30:00Z') }, ['1', '2']],
    ['nothing when the id is unknown', { ids: ['zzz'] }, []],
  ])('selects %s', (_case, selection, offsets) => {
    expect(selectDeadLetters(all, selection).map((selected) => selected.offset)).toEqual(offsets);
  });

  it('keeps the latest copy of an event dead-lettered twice', () => {
    expect(selectDeadLetters([a, aAgain], { ids: ['a'] })).toEqual([aAgain]);
  });
});

describe('replayHeaders', () => {
  it('keeps the CloudEvents and trace headers, drops the dead-letter ones and marks the replay', () => {
    const headers = replayHeaders(entry(7, 'a', '2026-01-01T10:00:00Z'), {
      operator: 'alice',
      at: new Date('2026-02-01T00:00:00Z'),
      deadLetterTopic: 'platform.activity.v1.dlq',
    });
    expect(headers).toEqual({
      ce_id: 'a',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      [ReplayHeaders.ReplayedBy]: 'alice',
      [ReplayHeaders.ReplayedAt]: '2026-02-01T00:00:00.000Z',
      [ReplayHeaders.ReplayedFrom]: 'platform.activity.v1.dlq:0:7',
    });
  });
});
