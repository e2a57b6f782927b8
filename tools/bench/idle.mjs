#!/usr/bin/env node
// `npm run bench:idle [-- --seconds=30 --no-build]`: what each service costs with nothing to do. Starts the built
// services and the console the way the bench does (free ports, fresh schemas, a topic prefix of their own, the
// shipped timer settings), samples each process's CPU from /proc while idle after start-up, sends some traffic,
// samples again once it is handled, then times single events from an idle system to SES (the wake-up latency).
// Prints a table and writes bench/results/<date>-<commit>-idle.json.
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execSync } from 'node:child_process';
import pg from 'pg';
import {
  buildServices,
  CONSOLE,
  serviceEnvironment,
  startService,
  waitUntilReady,
  workspaceRoot,
} from '../start/services.mjs';
import { allAccepted, refCounter, waitUntil } from './measurements.mjs';
import { benchUsers, connectPlatform, mention, userUpserted } from './platform.mjs';
import { cpuMs, loadAverage } from './proc.mjs';
import { startSesRecorder } from './ses-recorder.mjs';
import { numericArgument, runWithCleanups, taggedLog } from './standalone.mjs';
import { postgresConfig, startBenchSystem } from './system.mjs';

const seconds = numericArgument('seconds', 30);
const settleSeconds = numericArgument('settle', 15);
const trafficCount = numericArgument('traffic', 200);
const wakeUps = numericArgument('wake-ups', 5);
// `--hold=<s>`: only start the system, print the pids and keep it idle that long (to trace or profile it).
const holdSeconds = numericArgument('hold', 0);

const log = taggedLog('idle');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const cleanups = [];

/** CPU of each of `processes` over `ms`, as a percentage of one core. */
async function sampleCpu(processes, ms) {
  const before = processes.map(({ pid }) => cpuMs(pid));
  const startedAt = performance.now();
  await sleep(ms);
  const elapsed = performance.now() - startedAt;
  return Object.fromEntries(
    processes.map(({ name, pid }, index) => [name, ((cpuMs(pid) - before[index]) / elapsed) * 100]),
  );
}

/** The console, pointed at the bench's services, with a schema of its own. */
async function startConsole(system, runId) {
  const env = {
    ...serviceEnvironment(CONSOLE, { ...process.env, CONSOLE_PORT: '0' }),
    ...Object.fromEntries(
      ['communities', 'moderation', 'preferences', 'dispatcher'].map((name) => [
        `${name.toUpperCase()}_URL`,
        system.url(name),
      ]),
    ),
    KAFKA_TOPIC_PREFIX: system.prefix,
    LOG_LEVEL: 'warn',
    DB_SCHEMA: `bench_${runId}_console`,
    PORT: String(await freePort()),
  };
  const log = createWriteStream(path.join(system.logDirectory, 'console.log'));
  const child = startService(CONSOLE, { env, onLine: (line) => log.write(`${line}\n`) });
  process.once('exit', () => child.kill('SIGKILL'));
  await waitUntilReady(`http://127.0.0.1:${env.PORT}`, child);
  return {
    child,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      log.end();
      const client = new pg.Client(postgresConfig());
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${env.DB_SCHEMA}" CASCADE`);
      await client.end();
    },
  };
}

async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** One mention at a time on an idle system: event time → SES acceptance, in ms. */
async function wakeUpLatencies({ platform, recorder, users, refs, count }) {
  const latencies = [];
  for (let index = 0; index < count; index += 1) {
    // Long enough for every lane to be back waiting, and not a multiple of any poll interval.
    await sleep(3_300 + index * 700);
    const [ref] = refs(1);
    const event = mention(users[ref % users.length], ref);
    await platform.publish([event]);
    await allAccepted(recorder, [ref], 30_000, `wake-up mention ${ref}`);
    latencies.push(recorder.accepted.get(String(ref)).first - event.time);
  }
  return latencies;
}

function formatRow(label, values, names) {
  return `${label.padEnd(22)}${names.map((name) => `${values[name].toFixed(2).padStart(12)}`).join('')}`;
}

async function main() {
  if (!process.argv.includes('--no-build')) {
    buildServices();
  }
  const load = loadAverage();
  const sesEndpoint = process.env.SES_ENDPOINT ?? 'http://127.0.0.1:8005';
  const runId = randomBytes(3).toString('hex');
  const recorder = await startSesRecorder(sesEndpoint);
  cleanups.push(() => recorder.close());
  log(`run ${runId}: starting the services`);
  // The bench turns the digest and reminder tickers off; an idle measurement keeps the shipped intervals.
  const shipped = { DIGEST_TICK_INTERVAL: '5m', REMINDER_SCAN_INTERVAL: '1m' };
  const system = await startBenchSystem({
    runId,
    sesEndpoint: recorder.endpoint,
    overrides: { dispatcher: shipped, moderation: shipped },
  });
  cleanups.unshift(() => system.stop());
  const consoleProcess = await startConsole(system, runId);
  cleanups.unshift(() => consoleProcess.stop());
  const names = ['communities', 'moderation', 'preferences', 'dispatcher', 'console'];
  const measured = names.map((name) => ({ name, pid: childRunning(name) }));
  if (holdSeconds > 0) {
    log(`holding ${holdSeconds} s: ${measured.map(({ name, pid }) => `${name}=${pid}`).join(' ')}`);
    await sleep(holdSeconds * 1000);
    return;
  }

  log(`settling ${settleSeconds} s, then sampling ${seconds} s idle after start-up`);
  await sleep(settleSeconds * 1000);
  const afterStart = await sampleCpu(measured, seconds * 1000);
  log(`after start-up: ${JSON.stringify(afterStart)}`);

  const platform = await connectPlatform(system.prefix);
  cleanups.unshift(() => platform.disconnect());
  const db = new pg.Client(postgresConfig());
  await db.connect();
  cleanups.unshift(() => db.end());
  await db.query(`SET search_path TO "${system.schema('dispatcher')}"`);
  const users = benchUsers(runId, 50);
  await platform.publish(users.map(userUpserted));
  await waitUntil(
    async () =>
      (await db.query(`SELECT count(*)::int AS n FROM profiles WHERE user_id LIKE $1`, [`bench-${runId}-u%`]))
        .rows[0].n >= users.length,
    { timeoutMs: 120_000, intervalMs: 200, description: 'the dispatcher to know every user' },
  );
  const refs = refCounter();
  log(`traffic: ${trafficCount} mentions`);
  const batch = refs(trafficCount);
  await platform.publish(batch.map((ref) => mention(users[ref % users.length], ref)));
  await allAccepted(recorder, batch, 120_000, `${trafficCount} emails`);

  log(`settling ${settleSeconds} s, then sampling ${seconds} s idle after traffic`);
  await sleep(settleSeconds * 1000);
  const afterTraffic = await sampleCpu(measured, seconds * 1000);
  log(`after traffic: ${JSON.stringify(afterTraffic)}`);

  log(`wake-up: ${wakeUps} single mentions on the idle system`);
  const latencies = await wakeUpLatencies({ platform, recorder, users, refs, count: wakeUps });
  const sorted = [...latencies].sort((a, b) => a - b);
  const wakeUp = {
    latenciesMs: latencies,
    medianMs: sorted[Math.floor(sorted.length / 2)],
    maxMs: sorted.at(-1),
  };

  const table = [
    `${'CPU % of one core'.padEnd(22)}${names.map((name) => name.padStart(12)).join('')}`,
    formatRow(`idle after start-up`, afterStart, names),
    formatRow(`idle after traffic`, afterTraffic, names),
    `wake-up, event → SES accepted: median ${wakeUp.medianMs} ms, max ${wakeUp.maxMs} ms (${latencies.join(', ')})`,
  ].join('\n');
  const file = saveIdleResults({
    seconds,
    settleSeconds,
    afterStart,
    afterTraffic,
    wakeUp,
    load,
    end: loadAverage(),
  });
  process.stdout.write(
    `\n${table}\n\nsampled ${seconds} s each; load average ${load.one.toFixed(2)} at the start\nsaved to ${file}\n`,
  );
}

/** The pid of this process's child running `dist/apps/<name>/main.js`, from /proc. */
function childRunning(name) {
  for (const entry of readdirSync('/proc').filter((file) => /^\d+$/.test(file))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (parent === process.pid && command.includes(`dist/apps/${name}/main.js`)) return Number(entry);
    } catch {
      // The process exited meanwhile.
    }
  }
  throw new Error(`no ${name} process started by this run`);
}

function saveIdleResults(results) {
  const directory = path.join(workspaceRoot, 'bench', 'results');
  mkdirSync(directory, { recursive: true });
  const commit = execSync('git rev-parse --short HEAD', { cwd: workspaceRoot, encoding: 'utf8' }).trim();
  const file = path.join(directory, `${new Date().toISOString().slice(0, 10)}-${commit}-idle.json`);
  writeFileSync(file, `${JSON.stringify({ kind: 'idle', commit, ...results }, null, 2)}\n`);
  return path.relative(workspaceRoot, file);
}

runWithCleanups(main, cleanups, log);
