import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InfraError } from './errors.mjs';
import { managedService } from './managed-service.mjs';
import { fileSize, readLines } from './files.mjs';
import { displayPath, excerpt } from './output.mjs';
import { waitUntil } from './probes.mjs';
import { outputOfLastStart, runCommand, spawnDetached } from './processes.mjs';

const READY_TIMEOUT_MS = 90_000;
// A clean KRaft shutdown of one node takes a few seconds; give it room before SIGKILL.
const STOP_GRACE_MS = 30_000;
const BROKER_JVM_OPTIONS = [
  '-Xms256m',
  '-Xmx512m',
  '-XX:+UseG1GC',
  '-XX:MaxGCPauseMillis=20',
  '-XX:+ExitOnOutOfMemoryError',
  '-Djava.awt.headless=true',
];
const STORAGE_TOOL = 'kafka.tools.StorageTool';
const CLUSTER_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
const LOGGED_ERROR = /^\[[^\]]+\] (ERROR|FATAL) |^Caused by: /;
const MAX_ERROR_LINES = 8;
// Describing a group makes the broker create __consumer_offsets, so the first real consumer joins without retries.
const READINESS_GROUP = 'infra-readiness-probe';

function javaBinary() {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

function javaArgs(config, jvmOptions, mainClass, args) {
  return [
    ...jvmOptions,
    `-Dlog4j2.configurationFile=${config.log4jConfig}`,
    `-Dkafka.logs.dir=${config.logsDir}`,
    '-cp',
    path.join(config.libsDir, '*'),
    mainClass,
    ...args,
  ];
}

function runStorageTool(config, args) {
  return runCommand(javaBinary(), javaArgs(config, [], STORAGE_TOOL, args));
}

async function resolveLibraries(config, progress) {
  if (existsSync(path.join(config.libsDir, `kafka_2.13-${config.version}.jar`))) return;
  progress(`resolving Kafka ${config.version} jars with Maven into ${displayPath(config.libsDir)}`);
  const staging = `${config.libsDir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  await runCommand('mvn', [
    '-q',
    '-B',
    '-f',
    config.pomFile,
    'dependency:copy-dependencies',
    `-DoutputDirectory=${staging}`,
    '-DincludeScope=runtime',
    `-Dkafka.version=${config.version}`,
  ]);
  // Swapped in whole, so an interrupted download never passes for a complete classpath.
  rmSync(config.libsDir, { recursive: true, force: true });
  renameSync(staging, config.libsDir);
}

function writeServerProperties(config) {
  const values = {
    HOST: config.host,
    KAFKA_PORT: config.port,
    CONTROLLER_PORT: config.controllerPort,
    DATA_DIR: config.dataDir,
  };
  const template = readFileSync(config.propertiesTemplate, 'utf8');
  const rendered = template.replace(/\{\{(\w+)\}\}/g, (placeholder, key) => {
    if (!(key in values)) {
      throw new InfraError(`unknown placeholder ${placeholder} in ${displayPath(config.propertiesTemplate)}`);
    }
    return String(values[key]);
  });
  mkdirSync(config.dir, { recursive: true });
  writeFileSync(config.propertiesFile, rendered);
}

async function clusterId(config) {
  if (existsSync(config.clusterIdFile)) return readFileSync(config.clusterIdFile, 'utf8').trim();
  const generated = (await runStorageTool(config, ['random-uuid'])).trim();
  if (!CLUSTER_ID_PATTERN.test(generated)) {
    throw new InfraError(`unexpected output from ${STORAGE_TOOL} random-uuid: ${generated}`);
  }
  writeFileSync(config.clusterIdFile, `${generated}\n`);
  return generated;
}

async function formatStorageOnce(config, progress) {
  if (existsSync(path.join(config.dataDir, 'meta.properties'))) return;
  const id = await clusterId(config);
  progress(`formatting storage in ${displayPath(config.dataDir)} (cluster id ${id})`);
  await runStorageTool(config, ['format', '--standalone', '-t', id, '-c', config.propertiesFile]);
}

async function loadKafkaJs() {
  try {
    return (await import('kafkajs')).default;
  } catch (error) {
    if (error.code === 'ERR_MODULE_NOT_FOUND') {
      throw new InfraError('kafkajs is not installed: run `npm install` first');
    }
    throw error;
  }
}

async function brokerServesGroups(kafka) {
  const admin = kafka.admin({ retry: { retries: 0 } });
  try {
    await admin.connect();
    await admin.describeCluster();
    await admin.describeGroups([READINESS_GROUP]);
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect();
  }
}

function startupFailure(config, reason, serverLogStart) {
  const errors = readLines(config.serverLog, serverLogStart).filter((line) => LOGGED_ERROR.test(line));
  return [
    `broker ${reason}; see ${displayPath(config.serverLog)}`,
    excerpt(`errors in ${displayPath(config.serverLog)}`, errors.slice(-MAX_ERROR_LINES)),
    excerpt(`output in ${displayPath(config.stdoutLog)}`, outputOfLastStart(config.stdoutLog)),
  ]
    .filter(Boolean)
    .join('\n');
}

/** A single-node Kafka broker in KRaft mode (combined broker and controller), run from Maven-resolved jars. */
export function kafkaBroker(config, { progress }) {
  const address = `${config.host}:${config.port}`;
  let serverLogStart = 0;

  async function start() {
    await loadKafkaJs();
    await resolveLibraries(config, progress);
    writeServerProperties(config);
    await formatStorageOnce(config, progress);
    serverLogStart = fileSize(config.serverLog);
    return spawnDetached({
      command: javaBinary(),
      args: javaArgs(config, BROKER_JVM_OPTIONS, 'kafka.Kafka', [config.propertiesFile]),
      cwd: config.dir,
      logFile: config.stdoutLog,
    });
  }

  async function waitUntilReady(isAlive) {
    const { Kafka, logLevel } = await loadKafkaJs();
    const kafka = new Kafka({
      clientId: 'infra-readiness',
      brokers: [address],
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    });
    progress(`waiting for the broker on ${address} (up to ${READY_TIMEOUT_MS / 1000} s)`);
    await waitUntil({
      isReady: () => brokerServesGroups(kafka),
      stillStarting: isAlive,
      timeoutMs: READY_TIMEOUT_MS,
      failure: (reason) => startupFailure(config, reason, serverLogStart),
    });
  }

  const service = managedService({
    name: 'kafka',
    host: config.host,
    port: config.port,
    address,
    pidFile: config.pidFile,
    processMarker: config.propertiesFile,
    logFile: config.serverLog,
    stopGraceMs: STOP_GRACE_MS,
    start,
    waitUntilReady,
  });

  async function up() {
    const result = await service.up();
    return result.state === 'started' ? { ...result, note: `Kafka ${config.version}` } : result;
  }

  async function down({ purge = false } = {}) {
    const result = await service.down();
    if (!purge) return result;
    if (result.state === 'running') {
      throw new InfraError(`a broker not started by infra answers on ${address}; not deleting data under it`);
    }
    rmSync(config.dataDir, { recursive: true, force: true });
    rmSync(config.clusterIdFile, { force: true });
    const purged = `deleted ${displayPath(config.dataDir)}`;
    return { ...result, note: result.note ? `${result.note}; ${purged}` : purged };
  }

  return { name: 'kafka', status: service.status, up, down };
}
