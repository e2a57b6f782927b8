#!/usr/bin/env node
// `npm run bench [-- --quick]`: builds the services and starts them as processes, the way `npm start` does (on
// free ports, fresh schemas and a topic prefix of their own), then measures the pipeline against the bare SES
// client and a naive handler in one run. Prints a table and writes bench/results/<date>-<commit>.json.
// See bench/README.md.
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { buildServices, infraUp, workspaceRoot } from '../start/services.mjs';
import { fanOut, dailyDigests, seedCommunity } from './fan-out.mjs';
import {
  bareClient,
  burst,
  killOneOfTwo,
  naiveHandler,
  paced,
  refCounter,
  waitUntil,
} from './measurements.mjs';
import { benchUsers, connectPlatform, userUpserted } from './platform.mjs';
import { loadAverage } from './proc.mjs';
import { commitOf, formatTable, saveResults } from './report.mjs';
import { startSesRecorder } from './ses-recorder.mjs';
import { kafkaAs, postgresConfig, startBenchSystem } from './system.mjs';

const SIZES = {
  full: {
    users: 200,
    warmUp: 50,
    bare: 5000,
    naive: 2000,
    pipeline: 5000,
    rate: 200,
    seconds: 30,
    kill: 5000,
    fanOut: [100_000, 1_000_000],
    digests: 100_000,
  },
  quick: {
    users: 200,
    warmUp: 20,
    bare: 1500,
    naive: 500,
    pipeline: 1500,
    rate: 200,
    seconds: 10,
    kill: 1500,
    fanOut: [10_000],
    digests: 1000,
  },
};
const ROWS = ['bare', 'naive', 'pipeline1', 'latency', 'pipeline2', 'kill', 'digests', 'fanOut'];
const option = (name) =>
  process.argv.find((argument) => argument.startsWith(`--${name}=`))?.slice(`--${name}=`.length);
const mode = process.argv.includes('--quick') ? 'quick' : 'full';
const rateArgument = option('rate');
// `--cpu-prof`: every dispatcher writes a V8 CPU profile to tmp/bench-profiles/ when it stops.
const cpuProfile = process.argv.includes('--cpu-prof');
// `--dispatcher-node-args=--max-old-space-size=192,...`: node options for the dispatchers only (e.g. a heap cap).
const dispatcherNodeArgs = option('dispatcher-node-args')?.split(',') ?? [];
// `--dist=<checkout>/dist`: the services of another checkout's build (e.g. an older commit), with this bench.
const distArgument = option('dist');
const servicesRoot = distArgument ? path.dirname(path.resolve(distArgument)) : workspaceRoot;
// `--repeat=<n>`: the bare client and the 1-dispatcher burst n times over, on the same processes, as `repeats`: does
// a dispatcher that has already sent thousands of emails cost less per email than a fresh one?
const repeat = Number(option('repeat') ?? 1);
if (!(Number.isInteger(repeat) && repeat >= 1 && repeat <= 20)) {
  throw new Error(`--repeat must be an integer from 1 to 20, got ${option('repeat')}`);
}
// `--rows=pipeline1,latency`: only these rows (the warm-up always runs); `--label=<text>` names the results file.
const rows = new Set(option('rows')?.split(',') ?? ROWS);
const unknownRows = [...rows].filter((row) => !ROWS.includes(row));
if (unknownRows.length > 0) {
  throw new Error(`unknown rows ${unknownRows.join(', ')}; the rows are ${ROWS.join(', ')}`);
}
if (rows.has('kill') && !rows.has('pipeline1')) {
  throw new Error('the kill row compares with the pipeline1 row: select both');
}
const services = distArgument ? { dist: path.resolve(distArgument), ...commitOf(servicesRoot) } : undefined;
const label = option('label') ?? (services ? `dist-${services.commit}` : undefined);
const sizes = {
  ...SIZES[mode],
  ...(rateArgument ? { rate: Number(rateArgument) } : {}),
};
const SES_CONCURRENCY = 16;

const log = (text) => process.stderr.write(`[bench] ${text}\n`);
/** Run last first when the bench ends, fails or is interrupted: services, schemas, topics, connections. */
const cleanups = [];

async function cleanUp() {
  while (cleanups.length > 0) {
    await cleanups
      .shift()()
      .catch((error) => log(`cleanup: ${error.message}`));
  }
}

async function main() {
  const startedAt = new Date();
  const loadAverages = { start: loadAverage() };
  if (!process.argv.includes('--no-build')) {
    infraUp();
    // Another checkout's dist is built there, with that checkout's own build.
    if (!distArgument) buildServices();
  }
  const sesEndpoint = process.env.SES_ENDPOINT ?? 'http://127.0.0.1:8005';
  const runId = randomBytes(3).toString('hex');
  const recorder = await startSesRecorder(sesEndpoint);
  log(`run ${runId}: SES ${sesEndpoint} through the recorder at ${recorder.endpoint}`);
  const system = await startBenchSystem({
    runId,
    sesEndpoint: recorder.endpoint,
    // The quota is lifted so the comparison with the bare client measures the pipeline, not the configured rate.
    overrides: { dispatcher: { SES_MAX_SEND_RATE: '100000' } },
    nodeArgs: {
      dispatcher: [
        ...dispatcherNodeArgs,
        ...(cpuProfile
          ? ['--cpu-prof', `--cpu-prof-dir=${path.join(workspaceRoot, 'tmp', 'bench-profiles')}`]
          : []),
      ],
    },
    servicesRoot,
  });
  const db = new pg.Client(postgresConfig());
  cleanups.push(
    () => system.stop(),
    () => recorder.close(),
    () => db.end(),
  );
  try {
    await db.connect();
    await db.query(`SET search_path TO "${system.schema('dispatcher')}"`);
    const platform = await connectPlatform(system.prefix);
    cleanups.unshift(() => platform.disconnect());
    const refs = refCounter();
    const users = benchUsers(runId, sizes.users);
    log(`registering ${users.length} users through platform.user.upserted`);
    await platform.publish(users.map(userUpserted));
    await waitUntil(
      async () =>
        (
          await db.query(`SELECT count(*)::int AS n FROM profiles WHERE user_id LIKE $1`, [
            `bench-${runId}-u%`,
          ])
        ).rows[0].n >= users.length,
      { timeoutMs: 120_000, intervalMs: 200, description: 'the dispatcher to know every bench user' },
    );
    const [first] = system.dispatchers();
    const context = { platform, recorder, users, refs };
    const results = {};
    // Saved after every row, so a long run that is interrupted keeps what it measured.
    const keep = (name, value) => {
      results[name] = value;
      saveResults({ mode, sizes, results, loadAverages, startedAt, complete: false, label, services });
      log(`${name}: ${JSON.stringify(value)}`);
    };

    log('warm-up');
    await burst({ ...context, count: sizes.warmUp, pids: [first.child.pid] });
    const email = await sampleEmail(sesEndpoint, startedAt);
    const bareRun = () =>
      bareClient({
        endpoint: recorder.endpoint,
        count: sizes.bare,
        warmUp: sizes.warmUp * 10,
        concurrency: SES_CONCURRENCY,
        refs,
        email,
      });

    if (rows.has('bare')) {
      log(`bare SES client: ${sizes.bare} emails`);
      keep('bare', await bareRun());
    }

    if (rows.has('naive')) {
      log(`naive handler: ${sizes.naive} events`);
      const naiveTopic = `${system.prefix}bench.naive`;
      const admin = kafkaAs('admin', 'bench-admin').admin();
      await admin.connect();
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic: naiveTopic, numPartitions: 12 }] });
      await admin.disconnect();
      const adminPublisher = await connectPlatform(system.prefix, 'admin');
      cleanups.unshift(() => adminPublisher.disconnect());
      keep(
        'naive',
        await naiveHandler({
          adminPublisher,
          topic: naiveTopic,
          groupId: `${system.prefix}bench-naive`,
          endpoint: recorder.endpoint,
          users,
          email,
          recorder,
          refs,
          count: sizes.naive,
          warmUp: sizes.warmUp,
        }),
      );
    }

    if (rows.has('pipeline1')) {
      log(`pipeline, 1 dispatcher: ${sizes.pipeline} events`);
      keep('pipeline1', await burst({ ...context, db, count: sizes.pipeline, pids: [first.child.pid] }));
    }

    const repeats = [];
    for (let round = 2; round <= repeat && rows.has('bare') && rows.has('pipeline1'); round += 1) {
      log(`round ${round} of ${repeat} on the same processes: bare client, then pipeline`);
      const bare = await bareRun();
      const pipeline1 = await burst({ ...context, db, count: sizes.pipeline, pids: [first.child.pid] });
      repeats.push({ round, bare, pipeline1 });
      keep('repeats', repeats);
    }

    if (rows.has('latency')) {
      log(`latency: ${sizes.rate} events/s for ${sizes.seconds} s`);
      keep(
        'latency',
        await paced({
          ...context,
          db,
          rate: sizes.rate,
          seconds: sizes.seconds,
          pids: [first.child.pid],
        }),
      );
    }

    if (rows.has('pipeline2') || rows.has('kill')) {
      log('starting a second dispatcher');
      const second = await system.addDispatcher('dispatcher-2');
      await system.waitForDispatcherGroup(2);
      const both = [first.child.pid, second.child.pid];
      await burst({ ...context, count: sizes.warmUp * 5, pids: both });
      if (rows.has('pipeline2')) {
        log(`pipeline, 2 dispatchers: ${sizes.pipeline} events`);
        keep('pipeline2', await burst({ ...context, db, count: sizes.pipeline, pids: both }));
      }

      if (rows.has('kill')) {
        log(`SIGKILL one of two dispatchers during ${sizes.kill} events`);
        keep(
          'kill',
          await killOneOfTwo({
            ...context,
            count: sizes.kill,
            victim: second,
            survivorRate: results.pipeline1.perSecond,
          }),
        );
      }
    }

    // Before the large fan-outs: their queued weekly items would otherwise be scanned by every digest run.
    if (rows.has('digests')) {
      log(`daily digests for ${sizes.digests} users`);
      keep(
        'digests',
        await dailyDigests({
          db,
          platform,
          recorder,
          communityId: `bench-${runId}-digest`,
          members: sizes.digests,
          ref: refs(1)[0],
          dispatcherUrl: first.url,
          jwtSecret: system.environments.dispatcher.AUTH_JWT_SECRET,
          pids: [first.child.pid],
        }),
      );
    }

    const fanOuts = [];
    for (const members of rows.has('fanOut') ? sizes.fanOut : []) {
      log(`fan-out to ${members} members`);
      const communityId = `bench-${runId}-fan${members}`;
      await seedCommunity(db, { communityId, members, communityActivity: 'weekly' });
      fanOuts.push(
        await fanOut({ db, platform, communityId, members, ref: refs(1)[0], pids: [first.child.pid] }),
      );
      keep('fanOut', fanOuts);
    }

    loadAverages.end = loadAverage();
    const table = formatTable(results);
    const file = saveResults({
      mode,
      sizes,
      results,
      loadAverages,
      startedAt,
      complete: true,
      label,
      services,
    });
    process.stdout.write(
      `\n${table}\n\nload average ${fmtLoad(loadAverages.start)} at the start, ${fmtLoad(loadAverages.end)} at the end\nsaved to ${file}\n`,
    );
  } finally {
    await cleanUp();
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: stopping the services and removing the run's schemas and topics`);
    void cleanUp().then(() => process.exit(130));
  });
}

const fmtLoad = (load) => `${load.one.toFixed(2)}/${load.five.toFixed(2)}/${load.fifteen.toFixed(2)}`;

/** One mention email the dispatcher sent in this run, as the emulator stored it: the bare client sends copies. */
async function sampleEmail(sesEndpoint, since) {
  const response = await fetch(`${sesEndpoint}/store?since=${Math.floor(since.getTime() / 1000)}`);
  const { emails } = /** @type {{ emails: any[] }} */ (await response.json());
  const sample = emails.find((stored) => /benchref\d+x/.test(stored.subject));
  if (!sample) throw new Error('no mention email of this run in the SES emulator store');
  return {
    from: sample.from,
    subject: sample.subject,
    html: sample.body.html ?? '',
    text: sample.body.text ?? '',
  };
}

main().then(
  () => process.exit(0),
  (error) => {
    log(error.stack ?? String(error));
    process.exit(1);
  },
);
