/** Output positions of each service, from `RunningSystem.mark()`. */
export type OutputMarks = Record<string, number>;

const TAIL_LINES = 40;
const MAX_NOTABLE_LINES = 80;
const MAX_LINE_LENGTH = 800;
const NOTABLE = /"level":"(warn|error|fatal)"|\b(WARN|ERROR|FATAL)\b|Error\b|^\s+at |\[process exited/;

/** What a reader needs from one service's output after a failure: its warnings and errors, then its last lines. */
export function formatServiceOutput(service: string, lines: readonly string[]): string {
  if (lines.length === 0) {
    return `--- ${service}: no output`;
  }
  const tailStart = Math.max(0, lines.length - TAIL_LINES);
  const notable = lines
    .slice(0, tailStart)
    .filter((line) => NOTABLE.test(line))
    .slice(-MAX_NOTABLE_LINES);
  const tail = lines.slice(tailStart);
  return [
    `--- ${service}: ${lines.length} line(s)`,
    ...(notable.length > 0 ? ['  warnings and errors before the last lines:', ...notable.map(clip)] : []),
    `  last ${tail.length} line(s):`,
    ...tail.map(clip),
  ].join('\n');
}

function clip(line: string): string {
  return `    ${line.length > MAX_LINE_LENGTH ? `${line.slice(0, MAX_LINE_LENGTH)}…` : line}`;
}
