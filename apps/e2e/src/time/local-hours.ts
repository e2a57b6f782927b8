const HOUR_MS = 3_600_000;

/** The hour (0-23) that `instant` shows on a wall clock in `timeZone`. */
export function localHour(instant: Date, timeZone: string): number {
  const text = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(
    instant,
  );
  return Number(text);
}

/**
 * The first instant after `after`, a few minutes past a full hour, at which the local time in `timeZone` is
 * `hour` o'clock: when a digest for a user there is due.
 */
export function nextLocalHour(timeZone: string, hour: number, after = new Date()): Date {
  const firstFullHour = Math.ceil(after.getTime() / HOUR_MS) * HOUR_MS;
  // Ten past each UTC hour: zones a half or quarter hour off UTC still show every local hour once.
  for (let step = 0; step < 72; step += 1) {
    const candidate = new Date(firstFullHour + step * HOUR_MS + 10 * 60_000);
    if (localHour(candidate, timeZone) === hour) {
      return candidate;
    }
  }
  throw new Error(`No instant in the next 72 hours is ${hour} o'clock in ${timeZone}`);
}

export function hoursAfter(instant: Date, hours: number): Date {
  return new Date(instant.getTime() + hours * HOUR_MS);
}
