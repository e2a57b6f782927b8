// How the services run as local processes: build steps, each service's environment and ports, spawning the built
// output. Used by `npm start` (start-all.mjs) and `npm run bench` (tools/bench).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

export const workspaceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Every service with its default HTTP port; `<NAME>_PORT` (e.g. `DISPATCHER_PORT`) overrides it. */
export const SERVICES = [
  { name: 'communities', port: 3001 },
  { name: 'moderation', port: 3002 },
  { name: 'preferences', port: 3003 },
  { name: 'dispatcher', port: 3004 },
];

/** The support and operations console: started by `npm start`, not by the benchmark. */
export const CONSOLE = { name: 'console', port: 3005 };

// Development-only values, used when the environment does not set them; production must set its own.
export const LOCAL_DEFAULTS = {
  AUTH_JWT_SECRET: 'local-development-secret-change-me-0123456789',
  UNSUBSCRIBE_SIGNING_KEYS: 'local1:local-unsubscribe-signing-key-change-me-0123456789',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_REGION: 'eu-west-1',
  SES_ENDPOINT: 'http://127.0.0.1:8005',
  KAFKA_BROKERS: '127.0.0.1:9092',
  PGHOST: '127.0.0.1',
  PGPORT: '5432',
  PGUSER: 'postgres',
  PGDATABASE: 'test',
  PUBLIC_BASE_URL: 'http://localhost:8080',
  UNSUBSCRIBE_BASE_URL: 'http://127.0.0.1:3003',
  // The emulator has no account quota to read, so the local send rate is set explicitly.
  SES_MAX_SEND_RATE: '500',
  TEMPLATE_PREVIEW_ENABLED: 'true',
  CONSOLE_SESSION_SECRET: 'local-console-session-secret-change-me-0123456789',
  CONSOLE_DEV_SIGN_IN: 'true',
};

/** Runs one step in the foreground; exits the process when it fails. */
export function runStep(description, command, args) {
  console.log(`==> ${description}`);
  const result = spawnSync(command, args, { cwd: workspaceRoot, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${description} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

export function infraUp() {
  runStep('infrastructure up', process.execPath, ['tools/infra/infra.mjs', 'up']);
}

export function buildServices() {
  runStep('build services', process.execPath, ['tools/build/build-all.mjs']);
}

export function kafkaClientsDirectory(env = process.env) {
  return path.resolve(workspaceRoot, env.INFRA_DIR ?? '.infra', 'kafka', 'clients');
}

/** Each service authenticates to the local broker as its own principal, from the files `infra up` wrote. */
export function kafkaEnvironment(principal, env = process.env) {
  const clientsDir = kafkaClientsDirectory(env);
  const clientFile = path.join(clientsDir, `${principal}.properties`);
  if (!existsSync(clientFile)) {
    console.error(`no Kafka client file ${clientFile}: \`npm run infra -- up\` writes it`);
    process.exit(1);
  }
  const settings = Object.fromEntries(
    readFileSync(clientFile, 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  if (settings['security.protocol'] !== 'SASL_SSL') return { KAFKA_SECURITY_PROTOCOL: 'PLAINTEXT' };
  return {
    KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
    KAFKA_SASL_MECHANISM: settings['sasl.mechanisms'].toLowerCase(),
    KAFKA_SASL_USERNAME: settings['sasl.username'],
    KAFKA_SASL_PASSWORD_FILE: path.join(clientsDir, `${principal}.password`),
    KAFKA_SSL_CA_FILE: settings['ssl.ca.location'],
  };
}

/** The service's HTTP port: `<NAME>_PORT` from `env`, else its default. */
export function servicePort(service, env = process.env) {
  return Number(env[`${service.name.toUpperCase()}_PORT`] ?? service.port);
}

/** `env` (the caller's environment by default) completed with the local defaults, the Kafka principal and the port. */
export function serviceEnvironment(service, env = process.env) {
  const result = { ...env };
  for (const [key, value] of Object.entries({ ...LOCAL_DEFAULTS, ...kafkaEnvironment(service.name, env) })) {
    result[key] ??= value;
  }
  result.PORT = String(servicePort(service, env));
  return result;
}

/**
 * Spawns `dist/apps/<service>/main.js` of `root` (this checkout by default); `onLine(line, stream)` receives every
 * output line. `nodeArgs` go to node before the entry point (e.g. `--cpu-prof`).
 * @param {{ name: string, port: number }} service
 * @param {{ env?: NodeJS.ProcessEnv, onLine?: (line: string, stream: 'stdout' | 'stderr') => void,
 *   nodeArgs?: string[], root?: string }} [options]
 */
export function startService(
  service,
  { env = serviceEnvironment(service), onLine, nodeArgs = [], root = workspaceRoot } = {},
) {
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--enable-source-maps', `dist/apps/${service.name}/main.js`],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  for (const stream of /** @type {const} */ (['stdout', 'stderr'])) {
    readline.createInterface({ input: child[stream] }).on('line', (line) => onLine?.(line, stream));
  }
  return child;
}

/** Resolves once `GET /health/ready` answers 200; rejects when `child` exits first or after `timeoutMs`. */
export async function waitUntilReady(baseUrl, child, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  let lastAnswer = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${baseUrl} exited during start-up (${child.signalCode ?? `code ${child.exitCode}`})`);
    }
    try {
      const response = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      lastAnswer = `${response.status}`;
    } catch (error) {
      lastAnswer = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${baseUrl} was not ready after ${timeoutMs} ms (last answer: ${lastAnswer})`);
}
