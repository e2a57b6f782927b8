/** One line of measurements in the test output, e.g. `[resilience] dispatcher SIGKILL: events=300 duplicates=2`. */
export function logSummary(scenario: string, measurements: Record<string, string | number>): void {
  const facts = Object.entries(measurements).map(([name, value]) => `${name}=${value}`);
  console.log(`[resilience] ${scenario}: ${facts.join(' ')}`);
}

/** Milliseconds since `start`, as seconds with one decimal: `4.2s`. */
export function secondsSince(start: number, end = Date.now()): string {
  return `${((end - start) / 1000).toFixed(1)}s`;
}
