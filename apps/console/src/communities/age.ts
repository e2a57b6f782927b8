const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long something has waited, in the largest whole unit that reads naturally: "3 d 4 h", "5 h 12 min", "7 min". */
export function ageOf(since: Date, now: Date): string {
  const elapsed = Math.max(0, now.getTime() - since.getTime());
  if (elapsed >= DAY) {
    return `${Math.floor(elapsed / DAY)} d ${Math.floor((elapsed % DAY) / HOUR)} h`;
  }
  if (elapsed >= HOUR) {
    return `${Math.floor(elapsed / HOUR)} h ${Math.floor((elapsed % HOUR) / MINUTE)} min`;
  }
  return `${Math.floor(elapsed / MINUTE)} min`;
}
