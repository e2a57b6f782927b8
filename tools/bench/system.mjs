// The four built services as processes, started the way `npm start` starts them, but on free ports, with fresh
// PostgreSQL schemas and a Kafka topic prefix of their own, so a bench never meets a running `npm start`.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { createDeclaredTopics, kafkajsOptions, loadKafkaTopics } from '../infra/kafka-access.mjs';
import {
  kafkaClientsDirectory,
  SERVICES,
  serviceEnvironment,
  startService,
  waitUntilReady,
  workspaceRoot,
} from '../start/services.mjs';

const TOPICS_FILE = path.join(workspaceRoot, 'deploy', 'k8s', 'kafka', 'kafka-topics.yaml');

export function postgresConfig(env = process.env) {
  return {
    host: env.PGHOST ?? '127.0.0.1',
    port: Number(env.PGPORT ?? 5432),
    user: env.PGUSER ?? 'postgres',
    password: env.PGPASSWORD,
    database: env.PGDATABASE ?? 'test',
  };
}

/** kafkajs options of one principal of the local broker (`admin`, `platform`, a service). */
export function kafkaAs(principal, clientId) {
  const options = kafkajsOptions(path.join(kafkaClientsDirectory(), `${principal}.properties`));
  return new Kafka({ ...options, clientId, logLevel: logLevel.NOTHING });
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

function runInfra(command, prefix) {
  const result = spawnSync(process.execPath, ['tools/infra/infra.mjs', command, prefix], {
    cwd: workspaceRoot,
    encoding: 'utf8',
  });
  if (result.status !== 0)
    throw new Error(`infra ${command} ${prefix} failed: ${result.stdout}${result.stderr}`);
}

/**
 * Starts communities, moderation, preferences and one dispatcher. `overrides[service]` adds variables;
 * `sesEndpoint` is where the dispatcher sends (the bench's recording proxy); `servicesRoot` is the checkout whose
 * `dist/apps` runs (this one by default).
 */
export async function startBenchSystem({
  runId,
  sesEndpoint,
  overrides = {},
  nodeArgs = {},
  servicesRoot = workspaceRoot,
}) {
  const prefix = `bench-${runId}.`;
  const logDirectory = path.join(workspaceRoot, 'tmp', 'bench-logs', runId);
  mkdirSync(logDirectory, { recursive: true });
  const admin = kafkaAs('admin', 'bench-admin').admin();
  await admin.connect();
  await createDeclaredTopics(admin, loadKafkaTopics(TOPICS_FILE), { prefix });
  await admin.disconnect();
  runInfra('grant', prefix);

  const ports = {};
  for (const service of SERVICES) ports[service.name] = await freePort();
  const schema = (name) => `bench_${runId}_${name}`;
  const baseEnv = {
    ...process.env,
    TZ: 'UTC',
    KAFKA_TOPIC_PREFIX: prefix,
    LOG_LEVEL: 'warn',
    // Digests run when the bench asks (`POST /digests/run`).
    DIGEST_TICK_INTERVAL: '0',
    REMINDER_SCAN_INTERVAL: '0',
    ...Object.fromEntries(
      SERVICES.map((service) => [`${service.name.toUpperCase()}_PORT`, String(ports[service.name])]),
    ),
  };
  const environments = Object.fromEntries(
    SERVICES.map((service) => [
      service.name,
      {
        ...serviceEnvironment(service, baseEnv),
        DB_SCHEMA: schema(service.name),
        ...(service.name === 'dispatcher'
          ? { SES_ENDPOINT: sesEndpoint, UNSUBSCRIBE_BASE_URL: `http://127.0.0.1:${ports.preferences}` }
          : {}),
        ...overrides[service.name],
      },
    ]),
  );
  const processes = [];
  const launch = async (service, name, env) => {
    const log = createWriteStream(path.join(logDirectory, `${name}.log`));
    const child = startService(service, {
      env,
      nodeArgs: nodeArgs[service.name],
      root: servicesRoot,
      onLine: (line) => log.write(`${line}\n`),
    });
    // A bench that ends abruptly must not leave services running.
    process.once('exit', () => child.kill('SIGKILL'));
    const entry = { name, child, port: Number(env.PORT), url: `http://127.0.0.1:${env.PORT}`, log };
    processes.push(entry);
    await waitUntilReady(entry.url, child);
    return entry;
  };
  const byName = (name) => SERVICES.find((service) => service.name === name);
  await Promise.all(SERVICES.map((service) => launch(service, service.name, environments[service.name])));

  return {
    prefix,
    logDirectory,
    environments,
    schema,
    url: (name) => processes.find((entry) => entry.name === name).url,
    dispatchers: () =>
      processes.filter(
        (entry) =>
          entry.name.startsWith('dispatcher') &&
          entry.child.exitCode === null &&
          entry.child.signalCode === null,
      ),
    /** One more dispatcher with the same environment on a port of its own. */
    addDispatcher: async (name) => {
      const port = await freePort();
      return launch(byName('dispatcher'), name, { ...environments.dispatcher, PORT: String(port) });
    },
    /** Resolves once every dispatcher consumer group is stable with `members` members (a rebalance is over). */
    waitForDispatcherGroup: async (members, timeoutMs = 120_000) => {
      const admin = kafkaAs('admin', 'bench-admin').admin();
      await admin.connect();
      try {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const ids = (await admin.listGroups()).groups
            .map((group) => group.groupId)
            .filter((id) => id.startsWith(`${prefix}dispatcher`));
          const { groups } = await admin.describeGroups(ids);
          if (
            groups.length > 0 &&
            groups.every((group) => group.state === 'Stable' && group.members.length === members)
          ) {
            return;
          }
          if (Date.now() > deadline) throw new Error(`dispatcher group not stable with ${members} members`);
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      } finally {
        await admin.disconnect();
      }
    },
    stop: async () => {
      await Promise.all(
        processes.map(async ({ child, log }) => {
          if (child.exitCode === null && child.signalCode === null) {
            const exited = new Promise((resolve) => child.once('exit', resolve));
            child.kill('SIGTERM');
            const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
            await exited;
            clearTimeout(timer);
          }
          log.end();
        }),
      );
      const client = new pg.Client(postgresConfig());
      await client.connect();
      for (const service of SERVICES)
        await client.query(`DROP SCHEMA IF EXISTS "${schema(service.name)}" CASCADE`);
      await client.end();
      const cleaner = kafkaAs('admin', 'bench-admin').admin();
      try {
        await cleaner.connect();
        const topics = (await cleaner.listTopics()).filter((topic) => topic.startsWith(prefix));
        if (topics.length > 0) await cleaner.deleteTopics({ topics, timeout: 10_000 });
        runInfra('revoke', prefix);
      } catch {
        // Tidying up only: every run has its own prefix.
      } finally {
        await cleaner.disconnect();
      }
    },
  };
}
