// One function per row of the bench: each produces its load, waits for the emails at the SES recorder and reads
// CPU and memory of the processes involved from /proc.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cpuMeter, loadAverage, rssSampler } from './proc.mjs';
import { mention } from './platform.mjs';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));

export async function waitUntil(condition, { timeoutMs = 120_000, intervalMs = 20, description }) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Hands out mention numbers (`benchref<n>x`) unique to the run. */
export function refCounter() {
  let next = 1;
  return (count) => {
    const refs = Array.from({ length: count }, (_, index) => next + index);
    next += count;
    return refs;
  };
}

function percentile(sorted, fraction) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

/** Waits until every ref was accepted once; resolves with the epoch ms of the last first acceptance. */
export async function allAccepted(recorder, refs, timeoutMs, description) {
  await waitUntil(() => recorder.countOf(refs) >= refs.length, { timeoutMs, description });
  return Math.max(...refs.map((ref) => recorder.accepted.get(String(ref)).first));
}

/** The bare client in a child process; `email` is a real notification email of this run. */
export async function bareClient({ endpoint, count, warmUp, concurrency, refs, email }) {
  const load = loadAverage();
  const output = await runChild(
    [
      here('./bare-ses-client.mjs'),
      JSON.stringify({ endpoint, count, warmUp, concurrency, firstRef: refs(warmUp + count)[0], email }),
    ],
    (line) => line.startsWith('{'),
  );
  const { seconds, cpuMs } = JSON.parse(output);
  return { count, seconds, perSecond: count / seconds, cpuMsPerEmail: cpuMs / count, concurrency, load };
}

/** Epoch ms at which each event's delivery row was created (the planning transaction's start), by event id. */
async function plannedTimes(db, eventIds) {
  const { rows } = await db.query(
    `SELECT e.event_id AS id, extract(epoch FROM d.created_at) * 1000 AS at
       FROM deliveries d JOIN notification_events e ON e.id = d.event_ref WHERE e.event_id = ANY($1)`,
    [eventIds],
  );
  return new Map(rows.map((row) => [row.id, Number(row.at)]));
}

/** p50 and p99 of `values` (unsorted). */
function spread(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
}

/** Epoch ms at which the dispatcher's schema (`db`) holds `count` delivery rows created since `since`. */
async function plannedAt(db, since, count) {
  const created = async () =>
    (await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE created_at >= $1`, [new Date(since)]))
      .rows[0].n;
  await waitUntil(async () => (await created()) >= count, {
    intervalMs: 50,
    description: `${count} deliveries planned`,
  });
  return Date.now();
}

/** Produces `count` mentions at once and times them until the recorder saw each email; CPU of `pids`. */
/**
 * @param {{ platform: any, recorder: any, users: any[], refs: (count: number) => number[], count: number,
 *   pids: (number | undefined)[], topic?: string, db?: any, timeoutMs?: number }} options
 */
export async function burst({
  platform,
  recorder,
  users,
  refs,
  count,
  pids,
  topic,
  db,
  timeoutMs = 300_000,
}) {
  const load = loadAverage();
  const batch = refs(count);
  const cpu = cpuMeter(pids);
  const rss = rssSampler(pids);
  const startedAt = Date.now();
  await platform.publish(
    batch.map((ref) => mention(users[ref % users.length], ref)),
    topic,
  );
  const planned = db ? plannedAt(db, startedAt, count) : undefined;
  const lastAt = await allAccepted(recorder, batch, timeoutMs, `${count} emails`);
  const cpuMs = cpu.stop();
  const seconds = (lastAt - startedAt) / 1000;
  const plannedSeconds = planned ? ((await planned) - startedAt) / 1000 : undefined;
  return {
    count,
    seconds,
    perSecond: count / seconds,
    ...(plannedSeconds === undefined ? {} : { plannedSeconds, plannedPerSecond: count / plannedSeconds }),
    cpuMsPerEmail: cpuMs / count,
    peakRssMiB: rss.stop(),
    load,
  };
}

/** The naive handler in a child process, consuming its own topic; returns a burst's measurement. */
export async function naiveHandler({
  adminPublisher,
  topic,
  groupId,
  endpoint,
  users,
  email,
  recorder,
  refs,
  count,
  warmUp,
}) {
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let child;
  /** @type {Promise<void>} */
  const ready = new Promise((resolve, reject) => {
    child = spawn(
      process.execPath,
      [here('./naive-handler.mjs'), JSON.stringify({ topic, groupId, endpoint, users, email })],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    child.stdout?.on('data', (chunk) => chunk.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`naive handler exited (${code})`)));
  });
  try {
    await ready;
    const options = { platform: adminPublisher, recorder, users, refs, pids: [child?.pid], topic };
    await burst({ ...options, count: warmUp });
    return await burst({ ...options, count });
  } finally {
    child?.kill('SIGTERM');
  }
}

/** `rate` mentions per second for `seconds`; latency of each from its event time to the emulator's acceptance. */
export async function paced({ platform, recorder, users, refs, rate, seconds, pids, db }) {
  const load = loadAverage();
  const total = rate * seconds;
  const sent = [];
  const cpu = cpuMeter(pids);
  const startedAt = performance.now();
  while (sent.length < total) {
    const due = Math.min(total, Math.floor(((performance.now() - startedAt) / 1000) * rate) + 1);
    if (due > sent.length) {
      const events = refs(due - sent.length).map((ref) => mention(users[ref % users.length], ref));
      await platform.publish(events);
      sent.push(...events);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const batch = sent.map((event) => event.ref);
  await allAccepted(recorder, batch, 120_000, `${total} paced emails`);
  const cpuMs = cpu.stop();
  const accepted = sent.map((event) => recorder.accepted.get(String(event.ref)));
  const latencies = sent.map((event, index) => accepted[index].first - event.time).sort((a, b) => a - b);
  // Where the time goes: event → planned (delivery row created), planned → SendEmail request, request → accepted.
  const planned = db
    ? await plannedTimes(
        db,
        sent.map((event) => event.id),
      )
    : new Map();
  const stages = sent.flatMap((event, index) => {
    const at = planned.get(event.id);
    return at === undefined
      ? []
      : [
          {
            planned: at - event.time,
            queued: accepted[index].requested - at,
            ses: accepted[index].first - accepted[index].requested,
          },
        ];
  });
  const toPlanned = spread(stages.map((stage) => stage.planned));
  return {
    rate,
    seconds,
    count: total,
    plannedP50: toPlanned.p50,
    plannedP99: toPlanned.p99,
    /** Delivery row created → the SendEmail request reached the recorder: claim, context, render, send slots. */
    queued: spread(stages.map((stage) => stage.queued)),
    /** The request at the emulator until it answered. */
    ses: spread(stages.map((stage) => stage.ses)),
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    max: latencies[latencies.length - 1],
    cpuMsPerEmail: cpuMs / total,
    load,
  };
}

/**
 * A burst to two replicas; once a third of it was sent, SIGKILL one. Measures the time from the kill until the last
 * email of the burst and how many emails went out twice.
 */
export async function killOneOfTwo({ platform, recorder, users, refs, count, victim, survivorRate }) {
  const load = loadAverage();
  const batch = refs(count);
  const startedAt = Date.now();
  await platform.publish(batch.map((ref) => mention(users[ref % users.length], ref)));
  await waitUntil(() => recorder.countOf(batch) >= count / 3, { description: 'a third of the burst' });
  const exited = new Promise((resolve) => victim.child.once('exit', resolve));
  victim.child.kill('SIGKILL');
  const killedAt = Date.now();
  await exited;
  const sentBeforeKill = recorder.countOf(batch);
  const lastAt = await allAccepted(recorder, batch, 300_000, `${count} emails after the kill`);
  // Duplicates may still arrive from a takeover; the settle time is as long as the replica lease (8 s by default).
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const duplicates = batch.reduce((sum, ref) => sum + recorder.accepted.get(String(ref)).count - 1, 0);
  const leftAtKill = count - sentBeforeKill;
  return {
    count,
    sentBeforeKill,
    secondsKillToLastEmail: (lastAt - killedAt) / 1000,
    /** What the emails left at the kill would take one surviving replica at its measured rate. */
    secondsExpectedWithoutKill: leftAtKill / survivorRate,
    totalSeconds: (lastAt - startedAt) / 1000,
    duplicates,
    load,
  };
}

/** Runs a node script; resolves with the last stdout line that `isResult` accepts, once it exited with 0. */
function runChild(args, isResult) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk.toString()));
    child.once('exit', (code) => {
      const line = output.split('\n').filter(isResult).pop();
      if (code === 0 && line) resolve(line);
      else reject(new Error(`${args[0]} exited with ${code}: ${output}`));
    });
  });
}
