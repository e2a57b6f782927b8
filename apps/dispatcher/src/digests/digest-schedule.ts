import type { DigestFrequency } from '../policy/delivery-vocabulary';
import type { DigestSchedule, Weekday } from '../policy/digest-timing';

/** Wall-clock time of an instant in a time zone. */
export interface LocalTime {
  /** Local calendar date, `YYYY-MM-DD`. */
  date: string;
  hour: number;
  weekday: Weekday;
}

/** A digest that is due: one per user, kind and period, identified by the local date it goes out on. */
export interface DuePeriod {
  kind: DigestFrequency;
  periodStart: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      weekday: 'long',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Local date, hour and weekday of `instant` in `timeZone` (IANA name); throws RangeError for an unknown zone. */
export function localTimeAt(instant: Date, timeZone: string): LocalTime {
  const parts = new Map(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return {
    date: `${parts.get('year')}-${parts.get('month')}-${parts.get('day')}`,
    hour: Number(parts.get('hour')),
    weekday: (parts.get('weekday') ?? '').toLowerCase() as Weekday,
  };
}

/**
 * The digests due at `instant` for a user in `timeZone`: the daily one during the configured local hour, and the weekly
 * one as well during that hour on the configured weekday. Every instant of that hour maps to the same period, so
 * running the schedule several times within it finds the same periods.
 */
export function duePeriods(instant: Date, timeZone: string, schedule: DigestSchedule): DuePeriod[] {
  const local = localTimeAt(instant, timeZone);
  if (local.hour !== schedule.hour) {
    return [];
  }
  const daily: DuePeriod = { kind: 'daily', periodStart: local.date };
  return local.weekday === schedule.weekday ? [daily, { kind: 'weekly', periodStart: local.date }] : [daily];
}

/** A zone this runtime does not know (its time zone data may be older than the profile's) is read as UTC. */
function knownZone(timeZone: string): string {
  try {
    formatterFor(timeZone);
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** Groups time zones by the digest periods due in them at `instant`, so users can be selected zone by zone in SQL. */
export function dueZones(
  instant: Date,
  timeZones: readonly string[],
  schedule: DigestSchedule,
): Map<string, { period: DuePeriod; timeZones: string[] }> {
  const due = new Map<string, { period: DuePeriod; timeZones: string[] }>();
  for (const timeZone of timeZones) {
    for (const period of duePeriods(instant, knownZone(timeZone), schedule)) {
      const key = `${period.kind}:${period.periodStart}`;
      const group = due.get(key) ?? { period, timeZones: [] };
      group.timeZones.push(timeZone);
      due.set(key, group);
    }
  }
  return due;
}
