import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { getTestInfra, TestTokens, uniqueTopicPrefix } from '@notify/testing';
import { freePorts } from './free-ports';
import { ServiceProcess } from './service-process';
import { dropSchemas, createRunTopics, deleteRunTopics } from './system-resources';
import { formatServiceOutput, type OutputMarks } from './service-output';
import {
  consoleEnvironment,
  CONSOLE_SCHEMA_SUFFIX,
  schemaOf,
  serviceEnvironment,
  SERVICES,
  type ServiceEnv,
  type ServiceName,
  type SystemSettings,
} from './system-environment';

export const WORKSPACE_ROOT = path.resolve(__dirname, '../../../..');

const READY_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 15_000;

export interface SystemOptions {
  /** Variables added to (or replacing) a service's generated environment, e.g. a shorter claim timeout. */
  environment?: Partial<Record<ServiceName, ServiceEnv>>;
  /** Also start the support console (apps/console) against the four services; its URL is `consoleUrl`. */
  console?: boolean;
}

/** An extra replica of a service, to kill on its own. */
export interface ServiceReplica {
  readonly name: string;
  /** Signals the replica; SIGKILL and SIGTERM resolve once it has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** The four services of one run, started from their built output, sharing a topic prefix. */
export interface RunningSystem {
  readonly settings: SystemSettings;
  readonly urls: Readonly<Record<ServiceName, string>>;
  readonly schemas: Readonly<Record<ServiceName, string>>;
  /** The support console's URL, when the system was started with `console: true`. */
  readonly consoleUrl?: string;
  /** The whole environment each service was started with. */
  readonly environments: Readonly<Record<ServiceName, Readonly<ServiceEnv>>>;
  /** One variable a service was started with; an error when the harness did not set it. */
  setting(service: ServiceName, name: string): string;
  /** Where every service's full output is written. */
  readonly logDirectory: string;
  mark(): OutputMarks;
  /** Warnings, errors and the last lines of each service since `marks`. */
  report(marks?: OutputMarks): string;
  /** Every line one service wrote since `marks` (or since it started). */
  output(service: ServiceName, marks?: OutputMarks): string[];
  /** Signals one service; SIGKILL and SIGTERM resolve once it has exited, SIGSTOP and SIGCONT at once. */
  kill(service: ServiceName, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a killed service again on its port, with its environment, and waits until it is ready. */
  restart(service: ServiceName): Promise<void>;
  /**
   * Starts one more replica of a service, with its environment on a port of its own, and waits until it is ready.
   * It is named `<service>-<n>` in the output and stops with the system.
   */
  addReplica(service: ServiceName): Promise<ServiceReplica>;
  stop(): Promise<void>;
}

/**
 * Spawns communities, moderation, preferences and dispatcher (`dist/apps/<app>/main.js`, built by
 * `node tools/build/build-all.mjs`) on free ports, each with a fresh schema, and waits until all are ready.
 */
export async function startSystem(label = 'e2e', options: SystemOptions = {}): Promise<RunningSystem> {
  assertBuilt(options.console ? [...SERVICES, 'console'] : SERVICES);
  const infra = await getTestInfra();
  const runId = `e2e_${randomBytes(4).toString('hex')}`;
  const ports = await freePorts(SERVICES.length + 1);
  const settings: SystemSettings = {
    runId,
    topicPrefix: uniqueTopicPrefix(`e2e-${label}`),
    ports: Object.fromEntries(SERVICES.map((service, index) => [service, ports[index]])) as Record<
      ServiceName,
      number
    >,
    infra,
    tokens: TestTokens.random().settings,
    unsubscribeSigningKeys: `k2:${randomBytes(24).toString('hex')},k1:${randomBytes(24).toString('hex')}`,
    publicBaseUrl: 'https://portal.example.test',
    supportEmail: 'support@example.test',
    platformName: 'Public Buyers Community',
  };
  const logDirectory = path.join(WORKSPACE_ROOT, 'tmp', 'e2e-logs', `${label}-${runId}`);
  mkdirSync(logDirectory, { recursive: true });

  await createRunTopics(infra, settings.topicPrefix);
  const environments = Object.fromEntries(
    SERVICES.map((service) => [
      service,
      { ...serviceEnvironment(service, settings), ...options.environment?.[service] },
    ]),
  ) as Record<ServiceName, ServiceEnv>;
  const processes = SERVICES.map(
    (service) =>
      new ServiceProcess({
        name: service,
        entry: builtEntry(service),
        cwd: WORKSPACE_ROOT,
        env: environments[service],
        port: settings.ports[service],
        logFile: path.join(logDirectory, `${service}.log`),
      }),
  );
  if (options.console) {
    const port = ports[SERVICES.length];
    processes.push(
      new ServiceProcess({
        name: 'console',
        entry: builtEntry('console'),
        cwd: WORKSPACE_ROOT,
        env: consoleEnvironment(settings, port, randomBytes(32).toString('hex')),
        port,
        logFile: path.join(logDirectory, 'console.log'),
      }),
    );
  }
  const system = runningSystem(settings, environments, processes, logDirectory);
  processes.forEach((child) => child.start());
  try {
    await Promise.all(processes.map((child) => child.waitUntilReady(READY_TIMEOUT_MS)));
  } catch (error) {
    const report = system.report();
    await system.stop();
    throw new Error(`The system did not start: ${(error as Error).message}\n\n${report}`, { cause: error });
  }
  return system;
}

function runningSystem(
  settings: SystemSettings,
  environments: Record<ServiceName, ServiceEnv>,
  processes: ServiceProcess[],
  logDirectory: string,
): RunningSystem {
  const byName = (service: ServiceName): ServiceProcess => processes.find((child) => child.name === service)!;
  let stopped: Promise<void> | undefined;
  return {
    settings,
    environments,
    logDirectory,
    urls: Object.fromEntries(SERVICES.map((service) => [service, byName(service).baseUrl])) as Record<
      ServiceName,
      string
    >,
    schemas: Object.fromEntries(SERVICES.map((service) => [service, schemaOf(settings, service)])) as Record<
      ServiceName,
      string
    >,
    consoleUrl: processes.find((child) => child.name === 'console')?.baseUrl,
    mark: () => Object.fromEntries(processes.map((child) => [child.name, child.mark()])),
    report: (marks = {}) =>
      [
        `Service output (full logs in ${logDirectory}):`,
        ...processes.map((child) =>
          formatServiceOutput(child.name, child.outputSince(marks[child.name] ?? 0)),
        ),
      ].join('\n'),
    setting: (service, name) => {
      const value = environments[service][name];
      if (value === undefined) {
        throw new Error(`${service} was started without ${name}`);
      }
      return value;
    },
    output: (service, marks = {}) => byName(service).outputSince(marks[service] ?? 0),
    kill: (service, signal = 'SIGKILL') => byName(service).kill(signal),
    restart: (service) => byName(service).restart(READY_TIMEOUT_MS),
    addReplica: async (service) => {
      const [port] = await freePorts(1);
      const name = `${service}-${processes.filter((child) => child.name.startsWith(service)).length + 1}`;
      const replica = new ServiceProcess({
        name,
        entry: builtEntry(service),
        cwd: WORKSPACE_ROOT,
        env: { ...environments[service], PORT: String(port) },
        port,
        logFile: path.join(logDirectory, `${name}.log`),
      });
      processes.push(replica);
      replica.start();
      await replica.waitUntilReady(READY_TIMEOUT_MS);
      return { name, kill: (signal = 'SIGKILL') => replica.kill(signal) };
    },
    stop: () => {
      stopped ??= (async () => {
        await Promise.all(processes.map((child) => child.stop(STOP_GRACE_MS)));
        await dropSchemas(settings.infra.postgres, [
          ...SERVICES.map((service) => schemaOf(settings, service)),
          `${settings.runId}_${CONSOLE_SCHEMA_SUFFIX}`,
        ]);
        await deleteRunTopics(settings.infra, settings.topicPrefix);
      })();
      return stopped;
    },
  };
}

function builtEntry(app: string): string {
  return path.join('dist', 'apps', app, 'main.js');
}

function assertBuilt(apps: readonly string[]): void {
  const missing = apps.filter((app) => !existsSync(path.join(WORKSPACE_ROOT, builtEntry(app))));
  if (missing.length > 0) {
    throw new Error(
      `Not built: ${missing.map((service) => builtEntry(service)).join(', ')}. Run \`node tools/build/build-all.mjs\` first.`,
    );
  }
}
