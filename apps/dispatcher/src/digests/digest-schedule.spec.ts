import type { DigestSchedule } from '../policy/digest-timing';
import { duePeriods, dueZones, localTimeAt } from './digest-schedule';

const schedule: DigestSchedule = { hour: 8, weekday: 'monday' };
const at = (iso: string) => new Date(iso);

describe('localTimeAt', () => {
  it.each([
    ['2026-03-02T07:00:00Z', 'Europe/Paris', { date: '2026-03-02', hour: 8, weekday: 'monday' }],
    ['2026-07-06T06:00:00Z', 'Europe/Paris', { date: '2026-07-06', hour: 8, weekday: 'monday' }],
    ['2026-03-01T19:00:00Z', 'Pacific/Auckland', { date: '2026-03-02', hour: 8, weekday: 'monday' }],
    ['2026-03-02T02:30:00Z', 'Asia/Kolkata', { date: '2026-03-02', hour: 8, weekday: 'monday' }],
    ['2026-03-02T00:30:00Z', 'UTC', { date: '2026-03-02', hour: 0, weekday: 'monday' }],
  ])('%s in %s', (instant, timeZone, local) => {
    expect(localTimeAt(at(instant), timeZone)).toEqual(local);
  });

  it('rejects an unknown zone', () => {
    expect(() => localTimeAt(at('2026-03-02T07:00:00Z'), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('duePeriods', () => {
  it.each([
    [
      'a Monday at 08:00 in winter (CET): daily and weekly',
      '2026-03-02T07:00:00Z',
      'Europe/Paris',
      ['daily', 'weekly'],
    ],
    [
      'a Monday at 08:00 in summer (CEST): daily and weekly',
      '2026-07-06T06:00:00Z',
      'Europe/Paris',
      ['daily', 'weekly'],
    ],
    ['the same UTC hour in summer is 09:00: nothing', '2026-07-06T07:00:00Z', 'Europe/Paris', []],
    ['the last minute of the hour still counts', '2026-03-03T07:59:59Z', 'Europe/Paris', ['daily']],
    ['a Tuesday: daily only', '2026-03-03T07:00:00Z', 'Europe/Paris', ['daily']],
    ['the day clocks go forward (Sunday), at 08:00 CEST', '2026-03-29T06:00:00Z', 'Europe/Paris', ['daily']],
    ['New York at 08:00 EST', '2026-03-03T13:00:00Z', 'America/New_York', ['daily']],
    ['New York at 08:00 EDT, after its switch', '2026-03-10T12:00:00Z', 'America/New_York', ['daily']],
    ['a half-hour zone at 08:00', '2026-03-03T02:30:00Z', 'Asia/Kolkata', ['daily']],
    ['a half-hour zone at 07:59', '2026-03-03T02:29:00Z', 'Asia/Kolkata', []],
    [
      'Monday morning in Auckland is Sunday in UTC',
      '2026-03-01T19:00:00Z',
      'Pacific/Auckland',
      ['daily', 'weekly'],
    ],
  ])('%s', (_name, instant, timeZone, kinds) => {
    expect(duePeriods(at(instant), timeZone, schedule).map((period) => period.kind)).toEqual(kinds);
  });

  it('names the period after the local date, the same for every instant of the hour', () => {
    const early = duePeriods(at('2026-03-01T19:00:00Z'), 'Pacific/Auckland', schedule);
    const late = duePeriods(at('2026-03-01T19:59:00Z'), 'Pacific/Auckland', schedule);

    expect(early).toEqual([
      { kind: 'daily', periodStart: '2026-03-02' },
      { kind: 'weekly', periodStart: '2026-03-02' },
    ]);
    expect(late).toEqual(early);
  });

  it('follows the configured hour and weekday', () => {
    const friday = { hour: 18, weekday: 'friday' } as const;

    expect(duePeriods(at('2026-03-06T17:00:00Z'), 'Europe/Berlin', friday)).toEqual([
      { kind: 'daily', periodStart: '2026-03-06' },
      { kind: 'weekly', periodStart: '2026-03-06' },
    ]);
    expect(duePeriods(at('2026-03-02T07:00:00Z'), 'Europe/Berlin', friday)).toEqual([]);
  });
});

describe('dueZones', () => {
  it('groups the zones whose local hour is due by period', () => {
    const due = dueZones(
      at('2026-03-02T07:00:00Z'),
      ['Europe/Paris', 'Europe/Berlin', 'Europe/London', 'Africa/Lagos'],
      schedule,
    );

    expect([...due.values()]).toEqual([
      {
        period: { kind: 'daily', periodStart: '2026-03-02' },
        timeZones: ['Europe/Paris', 'Europe/Berlin', 'Africa/Lagos'],
      },
      {
        period: { kind: 'weekly', periodStart: '2026-03-02' },
        timeZones: ['Europe/Paris', 'Europe/Berlin', 'Africa/Lagos'],
      },
    ]);
  });

  it('reads a zone unknown to this runtime as UTC rather than never sending its digests', () => {
    const due = dueZones(at('2026-03-03T08:00:00Z'), ['Mars/Olympus_Mons'], schedule);

    expect([...due.values()]).toEqual([
      { period: { kind: 'daily', periodStart: '2026-03-03' }, timeZones: ['Mars/Olympus_Mons'] },
    ]);
  });
});
