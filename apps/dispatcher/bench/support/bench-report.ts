import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import type { Latency } from './pipeline-load';
import type { Throughput } from './throughput';

export interface BenchResults {
  sesConcurrency: number;
  bareSes: Throughput;
  naive: Throughput;
  pipeline: { planned: Throughput; sent: Throughput };
  paced: Latency & { rate: number; seconds: number };
  fanOut: { members: number; ms: number };
  /** Resident set size of the whole test process: before the dispatcher booted, and at its peak while it ran. */
  memory: { beforeBootMiB: number; peakMiB: number };
}

export interface Ratios {
  pipelineToBare: number;
  pipelineToNaive: number;
}

export function ratiosOf(results: BenchResults): Ratios {
  return {
    pipelineToBare: results.pipeline.sent.perSecond / results.bareSes.perSecond,
    pipelineToNaive: results.pipeline.sent.perSecond / results.naive.perSecond,
  };
}

const rate = (value: Throughput, unit: string): string =>
  `${value.perSecond.toFixed(0)} ${unit}/s (${value.count} in ${value.seconds.toFixed(2)} s)`;

/** A Markdown table of the run: absolute numbers, then the ratios to the baselines measured in the same run. */
export function formatReport(results: BenchResults): string {
  const ratios = ratiosOf(results);
  const { paced, fanOut } = results;
  const rows: [string, string, string][] = [
    [`bare SES client, ${results.sesConcurrency} in flight`, rate(results.bareSes, 'emails'), 'ceiling'],
    ['naive NestJS handler, one at a time', rate(results.naive, 'events'), 'baseline'],
    ['pipeline: event → delivery planned', rate(results.pipeline.planned, 'events'), 'ingest'],
    [
      'pipeline: event → SES accepted, recorded sent',
      rate(results.pipeline.sent, 'events'),
      '≥ 0.8x bare, ≥ 5x naive',
    ],
    ['pipeline / bare SES', `${ratios.pipelineToBare.toFixed(2)}x`, '≥ 0.8x'],
    ['pipeline / naive', `${ratios.pipelineToNaive.toFixed(2)}x`, '≥ 5x'],
    [
      `latency at ${paced.rate} events/s for ${paced.seconds} s (${paced.count} events)`,
      `p50 ${paced.p50.toFixed(0)} ms, p95 ${paced.p95.toFixed(0)} ms, p99 ${paced.p99.toFixed(0)} ms, max ${paced.max.toFixed(0)} ms (planned: p99 ${paced.plannedP99.toFixed(0)} ms)`,
      'p99 < 250 ms',
    ],
    [
      `fan-out to ${fanOut.members.toLocaleString('en')} members`,
      `${(fanOut.ms / 1000).toFixed(2)} s`,
      '< 5 s',
    ],
    [
      'peak RSS during the pipeline runs (whole test process)',
      `${results.memory.peakMiB.toFixed(0)} MiB (${results.memory.beforeBootMiB.toFixed(0)} MiB before the dispatcher booted)`,
      '< 256 MB (dispatcher)',
    ],
  ];
  return [
    `| measure | result | bar |`,
    `| --- | --- | --- |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

/** Keeps the run's numbers with the date and the machine, for bench/README.md. */
export async function saveResults(results: BenchResults, directory: string): Promise<string> {
  const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown cpu'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB`;
  const file = path.join(
    directory,
    `dispatcher-bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  );
  await mkdir(directory, { recursive: true });
  await writeFile(
    file,
    JSON.stringify({ date: new Date().toISOString(), machine, results, ratios: ratiosOf(results) }, null, 2),
  );
  return file;
}
