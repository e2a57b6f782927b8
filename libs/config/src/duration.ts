const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/;

/** Parses `500ms`, `30s`, `15m`, `48h`, `2d` or a bare number of milliseconds; `undefined` when unreadable. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) {
    return undefined;
  }
  const [, amount, unit = 'ms'] = match;
  return Math.round(Number(amount) * UNIT_MS[unit]);
}
