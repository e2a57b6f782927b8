#!/usr/bin/env node
// Runs the whole system locally: infrastructure, a build of every service, then the four services and the console
// (each applies its own migrations at start-up). Ctrl-C stops the services; `npm run infra -- down`
// stops the infrastructure.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const workspaceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SERVICES = [
  { name: 'communities', port: 3001 },
  { name: 'moderation', port: 3002 },
  { name: 'preferences', port: 3003 },
  { name: 'dispatcher', port: 3004 },
  { name: 'console', port: 3005 },
];

// Development-only values, used when the environment does not set them; production must set its own.
const LOCAL_DEFAULTS = {
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

function runStep(description, command, args) {
  console.log(`==> ${description}`);
  const result = spawnSync(command, args, { cwd: workspaceRoot, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${description} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

/** Each service authenticates to the local broker as its own principal, from the files `infra up` wrote. */
function kafkaEnvironment(principal) {
  const clientsDir = path.join(workspaceRoot, process.env.INFRA_DIR ?? '.infra', 'kafka', 'clients');
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

function serviceEnvironment(service) {
  const env = { ...process.env };
  for (const [key, value] of Object.entries({ ...LOCAL_DEFAULTS, ...kafkaEnvironment(service.name) })) {
    env[key] ??= value;
  }
  const prefix = service.name.toUpperCase();
  env.PORT = process.env[`${prefix}_PORT`] ?? String(service.port);
  return env;
}

function pipeWithPrefix(stream, name, target) {
  const lines = readline.createInterface({ input: stream });
  lines.on('line', (line) => target.write(`[${name.padEnd(11)}] ${line}\n`));
}

function startService(service) {
  const child = spawn(process.execPath, ['--enable-source-maps', `dist/apps/${service.name}/main.js`], {
    cwd: workspaceRoot,
    env: serviceEnvironment(service),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  pipeWithPrefix(child.stdout, service.name, process.stdout);
  pipeWithPrefix(child.stderr, service.name, process.stderr);
  return child;
}

runStep('infrastructure up', process.execPath, ['tools/infra/infra.mjs', 'up']);
runStep('build services', process.execPath, ['tools/build/build-all.mjs']);
if (!process.env.AUTH_JWT_SECRET) {
  console.warn('AUTH_JWT_SECRET is not set: using the local development secret (never do this in production)');
}

const children = new Map(SERVICES.map((service) => [service.name, startService(service)]));
let stopping = false;

for (const [name, child] of children) {
  child.on('exit', (code, signal) => {
    children.delete(name);
    console.log(`[${name.padEnd(11)}] exited (${signal ?? code})`);
    if (!stopping) {
      console.error(`${name} stopped unexpectedly; stopping the others`);
      stopAll('SIGTERM');
    }
    if (children.size === 0) {
      process.exit(stopping ? 0 : 1);
    }
  });
}

function stopAll(signal) {
  stopping = true;
  for (const child of children.values()) {
    child.kill(signal);
  }
}

process.on('SIGINT', () => stopAll('SIGTERM'));
process.on('SIGTERM', () => stopAll('SIGTERM'));
console.log(
  `Services starting: ${SERVICES.map((s) => `${s.name} http://127.0.0.1:${s.port}/docs`).join(', ')}; ` +
    'SES inbox at http://127.0.0.1:8005',
);
console.log(`Support console: http://localhost:${process.env.CONSOLE_PORT ?? 3005}/ (development sign-in on)`);
