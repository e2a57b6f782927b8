export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** The samples of a Prometheus text exposition; comments and unparsable lines are skipped. */
export function parsePrometheusText(text: string): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const line of text.split('\n')) {
    const match = LINE.exec(line.trim());
    if (!match || line.startsWith('#')) {
      continue;
    }
    const value = Number(match[3]);
    if (Number.isNaN(value)) {
      continue;
    }
    const labels: Record<string, string> = {};
    for (const [, key, raw] of (match[2] ?? '').matchAll(LABEL)) {
      labels[key] = raw.replace(/\\(.)/g, (_all, escaped: string) => (escaped === 'n' ? '\n' : escaped));
    }
    samples.push({ name: match[1], labels, value });
  }
  return samples;
}

/** The sum of one metric's samples whose labels match `where`; 0 when there is none. */
export function sumOf(
  samples: readonly MetricSample[],
  name: string,
  where: Record<string, string> = {},
): number {
  return samples
    .filter(
      (sample) => sample.name === name && Object.entries(where).every(([k, v]) => sample.labels[k] === v),
    )
    .reduce((sum, sample) => sum + sample.value, 0);
}

/** The largest value of one metric, or undefined when the service does not expose it. */
export function maxOf(samples: readonly MetricSample[], name: string): number | undefined {
  const values = samples.filter((sample) => sample.name === name).map((sample) => sample.value);
  return values.length === 0 ? undefined : Math.max(...values);
}
