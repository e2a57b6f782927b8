import path from 'node:path';

/** Paths inside the working directory are shown relative to it, others in full. */
export function displayPath(file) {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** `heading` followed by `lines` indented under it; empty when there are no lines. */
export function excerpt(heading, lines) {
  return lines.length ? [`  ${heading}:`, ...lines.map((line) => `    ${line}`)].join('\n') : '';
}

export function formatSummary({ name, state, address, pid, logFile, note }) {
  return [
    name.padEnd(9),
    state.padEnd(9),
    address,
    pid ? `pid ${pid}` : null,
    logFile ? `log ${displayPath(logFile)}` : null,
    note ? `(${note})` : null,
  ]
    .filter(Boolean)
    .join('  ');
}

export function formatFailure(name, error) {
  return [name.padEnd(9), 'FAILED'.padEnd(9), error.message].join('  ');
}
