import { predicateDecorator } from './predicate.decorator';

const RFC3339_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True for an RFC 3339 date-time with an explicit offset, e.g. `2025-03-01T09:30:00Z`. */
export function isRfc3339DateTime(value: unknown): value is string {
  if (typeof value !== 'string') {
    return false;
  }
  const match = RFC3339_DATE_TIME.exec(value);
  if (!match) {
    return false;
  }
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const offsetHour = Number(match[7] ?? 0);
  const offsetMinute = Number(match[8] ?? 0);
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 60 &&
    offsetHour <= 23 &&
    offsetMinute <= 59
  );
}

export const IsRfc3339DateTime = predicateDecorator(
  'isRfc3339DateTime',
  '$property must be an RFC 3339 date-time such as 2025-03-01T09:30:00Z',
  isRfc3339DateTime,
);
