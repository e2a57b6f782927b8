import type { DeadLetterEntry } from './dead-letter-entry';

const ERROR_WIDTH = 80;
const COLUMNS = ['FAILED AT', 'PARTITION:OFFSET', 'EVENT ID', 'TYPE', 'REASON', 'ERROR'];

/** The dead letters as an aligned text table, one row each, the error cut to one short line. */
export function deadLetterTable(entries: readonly DeadLetterEntry[]): string[] {
  const rows = entries.map((entry) => [
    entry.failedAt.toISOString(),
    `${entry.partition}:${entry.offset}`,
    entry.eventId ?? '-',
    entry.eventType ?? '-',
    entry.reason,
    shorten(entry.error),
  ]);
  const widths = COLUMNS.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  const format = (row: string[]) =>
    row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join('  ');
  return [format(COLUMNS), ...rows.map(format)];
}

function shorten(error: string): string {
  const line = error.replace(/\s+/g, ' ').trim();
  return line.length <= ERROR_WIDTH ? line || '-' : `${line.slice(0, ERROR_WIDTH - 1)}…`;
}
