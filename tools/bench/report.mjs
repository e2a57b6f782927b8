// The printed table and the saved JSON of one run: absolute numbers, and ratios to the baselines of the same run.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { workspaceRoot } from '../start/services.mjs';

const fixed = (value, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const ratio = (value) => `${fixed(value, 2)}x`;

export function ratiosOf(r) {
  const perEmailCpu = (row) => row && row.cpuMsPerEmail / r.bare?.cpuMsPerEmail;
  return {
    naiveToBare: r.naive?.perSecond / r.bare?.perSecond,
    pipeline1ToBare: r.pipeline1?.perSecond / r.bare?.perSecond,
    pipeline1ToNaive: r.pipeline1?.perSecond / r.naive?.perSecond,
    pipeline2ToBare: r.pipeline2 && r.pipeline2.perSecond / r.bare?.perSecond,
    pipeline2ToPipeline1: r.pipeline2 && r.pipeline2.perSecond / r.pipeline1?.perSecond,
    pipeline1CpuToBareCpu: perEmailCpu(r.pipeline1),
    pipeline2CpuToBareCpu: perEmailCpu(r.pipeline2),
    naiveCpuToBareCpu: perEmailCpu(r.naive),
    digestsToBare: r.digests && r.digests.perSecond / r.bare?.perSecond,
  };
}

/** The p99 the product asks for at a paced rate: 250 ms up to 200 events/s, 500 ms up to 400 events/s. */
export function latencyTargetMs(rate) {
  return rate <= 200 ? 250 : 500;
}

export function formatTable(r) {
  const q = ratiosOf(r);
  const rate = (row, unit) =>
    `${fixed(row.perSecond)} ${unit}/s (${row.count} in ${fixed(row.seconds, 2)} s)`;
  const cpu = (row) => `${fixed(row.cpuMsPerEmail, 2)} CPU-ms/email`;
  const pipeline = (row) =>
    `${rate(row, 'events')}; planned at ${fixed(row.plannedPerSecond)} events/s (${fixed(row.plannedSeconds, 2)} s)`;
  const rows = [];
  if (r.bare) {
    rows.push([
      `bare SES client, ${r.bare.concurrency} in flight`,
      rate(r.bare, 'emails'),
      cpu(r.bare),
      '1.00x (ceiling)',
    ]);
  }
  if (r.naive) {
    rows.push([
      'naive handler (kafkajs → SES, one at a time)',
      rate(r.naive, 'events'),
      cpu(r.naive),
      `${ratio(q.naiveToBare)} bare`,
    ]);
  }
  if (r.pipeline1) {
    rows.push([
      'pipeline, 1 dispatcher',
      pipeline(r.pipeline1),
      `${cpu(r.pipeline1)} (${ratio(q.pipeline1CpuToBareCpu)} bare); peak RSS ${fixed(r.pipeline1.peakRssMiB)} MiB`,
      `${ratio(q.pipeline1ToBare)} bare (≥ 0.8x), ${ratio(q.pipeline1ToNaive)} naive (≥ 5x)`,
    ]);
  }
  for (const { round, bare, pipeline1 } of r.repeats ?? []) {
    rows.push([
      `round ${round}, same processes: pipeline, 1 dispatcher`,
      `${pipeline(pipeline1)}; bare ${fixed(bare.perSecond)} emails/s`,
      `${cpu(pipeline1)}; bare ${cpu(bare)}`,
      `${ratio(pipeline1.perSecond / bare.perSecond)} bare, CPU ${ratio(pipeline1.cpuMsPerEmail / bare.cpuMsPerEmail)} bare`,
    ]);
  }
  if (r.latency) {
    const l = r.latency;
    rows.push([
      `latency at ${l.rate} events/s for ${l.seconds} s, 1 dispatcher`,
      `p50 ${fixed(l.p50)} ms, p95 ${fixed(l.p95)} ms, p99 ${fixed(l.p99)} ms, max ${fixed(l.max)} ms; planned p50 ${fixed(l.plannedP50)} ms, p99 ${fixed(l.plannedP99)} ms` +
        (l.queued
          ? `; planned → request p50 ${fixed(l.queued.p50)} ms, p99 ${fixed(l.queued.p99)} ms; SES p50 ${fixed(l.ses.p50)} ms, p99 ${fixed(l.ses.p99)} ms`
          : ''),
      cpu(l),
      `p99 < ${latencyTargetMs(l.rate)} ms`,
    ]);
  }
  if (r.pipeline2) {
    rows.push([
      'pipeline, 2 dispatchers',
      pipeline(r.pipeline2),
      `${cpu(r.pipeline2)} (${ratio(q.pipeline2CpuToBareCpu)} bare); peak RSS ${fixed(r.pipeline2.peakRssMiB)} MiB (both)`,
      `${ratio(q.pipeline2ToBare)} bare, ${ratio(q.pipeline2ToPipeline1)} 1 dispatcher`,
    ]);
  }
  if (r.kill) {
    const k = r.kill;
    rows.push([
      `SIGKILL 1 of 2 dispatchers a third into ${k.count} events`,
      `last email ${fixed(k.secondsKillToLastEmail, 1)} s after the kill (${fixed(k.secondsExpectedWithoutKill, 1)} s at 1 dispatcher's rate)`,
      `${k.duplicates} duplicates`,
      `${ratio(k.secondsKillToLastEmail / k.secondsExpectedWithoutKill)} expected`,
    ]);
  }
  for (const f of r.fanOut ?? []) {
    rows.push([
      `fan-out to ${f.members.toLocaleString('en')} members`,
      `${fixed(f.seconds, 2)} s to every delivery row`,
      `dispatcher peak RSS ${fixed(f.peakRssMiB)} MiB`,
      '< 5 s per 100k, < 256 MB',
    ]);
  }
  if (r.digests) {
    rows.push([
      `daily digests for ${r.digests.count.toLocaleString('en')} users, 1 dispatcher`,
      rate(r.digests, 'digests'),
      `peak RSS ${fixed(r.digests.peakRssMiB)} MiB`,
      `${ratio(q.digestsToBare)} bare`,
    ]);
  }
  return [
    '| row | result | cost | ratio (target) |',
    '| --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

function git(args, cwd = workspaceRoot) {
  return execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
}

/** The commit of a checkout, `+dirty` when tracked files differ from it. */
export function commitOf(checkout) {
  const commit = git(['rev-parse', '--short', 'HEAD'], checkout);
  const dirty = git(['status', '--porcelain', '--untracked-files=no'], checkout) !== '';
  return { commit, dirty };
}

/** This checkout's commit at the run's first save: a run that outlives a commit keeps one file. */
let checkoutAtStart;

/**
 * Writes `bench/results/<date>-<commit>[-<label>].json` (`complete: false` while rows are still to come); returns its
 * path. `services` says which build ran when it is not this checkout's.
 */
export function saveResults({ mode, sizes, results, loadAverages, startedAt, complete, label, services }) {
  checkoutAtStart ??= commitOf(workspaceRoot);
  const { commit, dirty } = checkoutAtStart;
  const file = path.join(
    workspaceRoot,
    'bench',
    'results',
    `${startedAt.toISOString().slice(0, 10)}-${commit}${label ? `-${label}` : ''}.json`,
  );
  mkdirSync(path.dirname(file), { recursive: true });
  const document = {
    date: startedAt.toISOString(),
    commit,
    dirty,
    mode,
    ...(services ? { services } : {}),
    complete,
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    loadAverages,
    sizes,
    results,
    ratios: ratiosOf(results),
  };
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  return file;
}
