import { decodeCursor, encodeCursor } from './queue-cursor';

describe('queue cursor', () => {
  it('round-trips a queue position', () => {
    const position = {
      pendingSince: new Date('2026-03-01T09:00:00.123Z'),
      kind: 'submission' as const,
      id: 'sub-1',
    };

    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each([
    ['not base64 JSON', 'not-a-cursor'],
    ['a wrong shape', Buffer.from(JSON.stringify({ a: 1 })).toString('base64url')],
    [
      'an unknown kind',
      Buffer.from(JSON.stringify(['2026-03-01T09:00:00Z', 'comment', 'x'])).toString('base64url'),
    ],
    ['an invalid date', Buffer.from(JSON.stringify(['yesterday', 'submission', 'x'])).toString('base64url')],
  ])('rejects %s', (_what, text) => {
    expect(decodeCursor(text)).toBeUndefined();
  });
});
