import { predicateDecorator } from './predicate.decorator';
import { Limits } from './limits';

// Area/Location names such as `Europe/Paris`, `UTC` or `Etc/GMT+1`; rules out offsets like `+01:00`.
const IANA_ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/** Names found valid so far: a bounded set (IANA names are a few hundred), saving an ICU formatter per check. */
const validZones = new Set<string>();

/**
 * True for an IANA time zone name this runtime can compute local times in.
 * `Intl.supportedValuesOf` is not used: it omits `UTC` and legacy links such as `Asia/Kolkata` on some ICU builds.
 */
export function isIanaTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > Limits.timeZone || !IANA_ZONE_NAME.test(value)) {
    return false;
  }
  if (validZones.has(value)) {
    return true;
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    validZones.add(value);
    return true;
  } catch {
    return false;
  }
}

export const IsIanaTimeZone = predicateDecorator(
  'isIanaTimeZone',
  '$property must be an IANA time zone name such as Europe/Paris',
  isIanaTimeZone,
);
