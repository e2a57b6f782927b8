import { secondsUntil, verdict, windowAt } from './fixed-window';

const at = (iso: string): Date => new Date(iso);
const HOUR = 3_600_000;

describe('fixed windows', () => {
  it.each([
    ['2026-12-05T10:00:00.000Z', HOUR, '2026-12-05T10:00:00.000Z', '2026-12-05T11:00:00.000Z'],
    ['2026-12-05T10:59:59.999Z', HOUR, '2026-12-05T10:00:00.000Z', '2026-12-05T11:00:00.000Z'],
    ['2026-12-05T11:00:00.000Z', HOUR, '2026-12-05T11:00:00.000Z', '2026-12-05T12:00:00.000Z'],
    ['2026-12-05T10:07:31.000Z', 60_000, '2026-12-05T10:07:00.000Z', '2026-12-05T10:08:00.000Z'],
    ['2026-12-05T10:07:31.000Z', 24 * HOUR, '2026-12-05T00:00:00.000Z', '2026-12-06T00:00:00.000Z'],
  ])('at %s a window of %i ms runs from %s to %s', (now, windowMs, start, end) => {
    expect(windowAt(at(now), windowMs)).toEqual({ start: at(start), end: at(end) });
  });

  it.each([
    ['2026-12-05T10:59:59.000Z', 1],
    ['2026-12-05T10:59:59.999Z', 1],
    ['2026-12-05T10:59:58.500Z', 2],
    ['2026-12-05T10:00:00.000Z', 3600],
    ['2026-12-05T11:00:00.000Z', 1],
  ])('at %s Retry-After is %i seconds before 11:00', (now, seconds) => {
    expect(secondsUntil(at(now), at('2026-12-05T11:00:00.000Z'))).toBe(seconds);
  });

  const rule = { limit: 3, windowMs: HOUR };
  const now = at('2026-12-05T10:45:00.000Z');
  const window = windowAt(now, HOUR);

  it.each([
    [1, { allowed: true }],
    [3, { allowed: true }],
    [4, { allowed: false, retryAfterSeconds: 900 }],
    [40, { allowed: false, retryAfterSeconds: 900 }],
  ])('the request counted %i with a limit of 3 gives %j', (count, expected) => {
    expect(verdict(count, rule, window, now)).toEqual(expected);
  });
});
