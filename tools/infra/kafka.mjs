import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InfraError } from './errors.mjs';
import { managedService } from './managed-service.mjs';
import { fileSize, readLines } from './files.mjs';
import { displayPath, excerpt } from './output.mjs';
import { waitUntil } from './probes.mjs';
import { outputOfLastStart, runCommand, spawnDetached } from './processes.mjs';
import {
  ADMIN_PRINCIPAL,
  aclEntries,
  createDeclaredTopics,
  ensureCredentials,
  kafkajsOptions,
  loadKafkaTopics,
  loadKafkaUsers,
  saveCredentials,
  newPassword,
  prefixedOnly,
  scramFormatArguments,
  writeClientFiles,
  writeJavaAdminConfig,
} from './kafka-access.mjs';
import { BROKER_CERT_NAME, ensureCertificates } from './kafka-tls.mjs';

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

function render(templateFile, values) {
  return readFileSync(templateFile, 'utf8').replace(/\{\{(\w+)\}\}/g, (placeholder, key) => {
    if (!(key in values)) {
      throw new InfraError(`unknown placeholder ${placeholder} in ${displayPath(templateFile)}`);
    }
    return String(values[key]);
  });
}

function writeServerProperties(config, access) {
  const values = {
    HOST: config.host,
    KAFKA_PORT: config.port,
    CONTROLLER_PORT: config.controllerPort,
    DATA_DIR: config.dataDir,
    ...(access.tls && {
      ADMIN_USER: ADMIN_PRINCIPAL,
      ADMIN_PASSWORD: access.passwords[ADMIN_PRINCIPAL],
      KEYSTORE: access.tls.brokerKeystore,
      KEYSTORE_PASSWORD: access.tls.keystorePassword,
      CA_FILE: access.tls.caCert,
      BROKER_PRINCIPAL: BROKER_CERT_NAME,
    }),
  };
  const security = render(config.securityTemplates[config.security], values);
  mkdirSync(config.dir, { recursive: true });
  writeFileSync(config.propertiesFile, render(config.propertiesTemplate, { ...values, SECURITY: security }), {
    mode: 0o600,
  });
}

/** Certificates and credentials of a secured broker; only the client address for a plaintext one. */
async function prepareAccess(config, progress) {
  const principals = [ADMIN_PRINCIPAL, ...loadKafkaUsers(config.usersFile).map((user) => user.name)];
  const { passwords, added } = ensureCredentials(config.credentialsFile, principals);
  const tls =
    config.security === 'sasl_ssl' ? await ensureCertificates(config.dir, config.host, progress) : null;
  return { passwords, added, tls };
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

/** Formats once, with every principal's SCRAM credentials; true when it did (those principals then exist). */
async function formatStorageOnce(config, access, progress) {
  if (existsSync(path.join(config.dataDir, 'meta.properties'))) {
    const formattedFor = existsSync(config.securityModeFile)
      ? readFileSync(config.securityModeFile, 'utf8').trim()
      : 'plaintext';
    if (formattedFor === 'plaintext' && config.security === 'sasl_ssl') {
      throw new InfraError(
        `the storage in ${displayPath(config.dataDir)} was formatted for a plaintext broker and holds no credentials: ` +
          'run `npm run infra -- down --purge` to start afresh',
      );
    }
    return false;
  }
  const id = await clusterId(config);
  progress(`formatting storage in ${displayPath(config.dataDir)} (cluster id ${id}, ${config.security})`);
  const scram = config.security === 'sasl_ssl' ? scramFormatArguments(access.passwords) : [];
  await runStorageTool(config, ['format', '--standalone', '-t', id, '-c', config.propertiesFile, ...scram]);
  writeFileSync(config.securityModeFile, `${config.security}\n`);
  return true;
}

/** Sets SCRAM passwords on the running broker with its own Java client (principals added after formatting, rotation). */
async function setScramPasswords(config, address, passwords) {
  const input = Object.entries(passwords)
    .map(([name, password]) => `${name} ${password}`)
    .join('\n');
  await runCommand(
    javaBinary(),
    ['-cp', path.join(config.libsDir, '*'), config.scramTool, address, config.javaAdminConfig],
    {
      input: `${input}\n`,
    },
  );
}

async function loadKafkaJs() {
  try {
    return (await import('kafkajs')).default;
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ERR_MODULE_NOT_FOUND') {
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
  const secured = config.security === 'sasl_ssl';
  let serverLogStart = 0;
  let access;
  let formattedNow = false;

  async function prepare() {
    access ??= await prepareAccess(config, progress);
    return access;
  }

  function clientFiles() {
    return writeClientFiles(config.clientsDir, {
      address,
      secured,
      caFile: access.tls?.caCert,
      passwords: access.passwords,
    });
  }

  async function adminClient(clientId) {
    const { Kafka, logLevel } = await loadKafkaJs();
    const options = kafkajsOptions(path.join(config.clientsDir, `${ADMIN_PRINCIPAL}.properties`));
    return new Kafka({ ...options, clientId, logLevel: logLevel.NOTHING, retry: { retries: 0 } });
  }

  async function start() {
    await loadKafkaJs();
    await resolveLibraries(config, progress);
    await prepare();
    writeServerProperties(config, access);
    formattedNow = await formatStorageOnce(config, access, progress);
    if (!formattedNow && secured && access.added.includes(ADMIN_PRINCIPAL)) {
      throw new InfraError(
        `${displayPath(config.credentialsFile)} is gone but the broker's storage is not: run \`npm run infra -- down --purge\``,
      );
    }
    clientFiles();
    writeFileSync(config.runningSecurityFile, `${config.security}\n`);
    serverLogStart = fileSize(config.serverLog);
    return spawnDetached({
      command: javaBinary(),
      args: javaArgs(config, BROKER_JVM_OPTIONS, 'kafka.Kafka', [config.propertiesFile]),
      cwd: config.dir,
      logFile: config.stdoutLog,
    });
  }

  async function waitUntilReady(isAlive) {
    await prepare();
    clientFiles();
    const kafka = await adminClient('infra-readiness');
    progress(`waiting for the broker on ${address} (up to ${READY_TIMEOUT_MS / 1000} s)`);
    await waitUntil({
      isReady: () => brokerServesGroups(kafka),
      stillStarting: isAlive,
      timeoutMs: READY_TIMEOUT_MS,
      failure: (reason) => startupFailure(config, reason, serverLogStart),
    });
  }

  /** Users, ACLs and topics as deploy/k8s/kafka declares them; every step is idempotent, so it runs on each `up`. */
  async function provision() {
    const users = loadKafkaUsers(config.usersFile);
    const kafka = await adminClient('infra-provisioning');
    const admin = kafka.admin();
    await admin.connect();
    try {
      if (secured) {
        const unknown = formattedNow ? [] : access.added;
        if (unknown.length > 0) {
          writeJavaAdminConfig(config.javaAdminConfig, {
            caFile: access.tls.caCert,
            password: access.passwords[ADMIN_PRINCIPAL],
          });
          progress(`adding principals ${unknown.join(', ')}`);
          await setScramPasswords(
            config,
            address,
            Object.fromEntries(unknown.map((name) => [name, access.passwords[name]])),
          );
        }
        await admin.createAcls({ acl: aclEntries(users) });
      }
      const topics = loadKafkaTopics(config.topicsFile);
      const created = await createDeclaredTopics(admin, topics, {
        replicationFactor: config.replicationFactor,
      });
      if (created.length > 0)
        progress(`created ${created.length} topics from ${displayPath(config.topicsFile)}`);
    } finally {
      await admin.disconnect();
    }
    return `${secured ? 'SASL_SSL, ACLs of ' + users.length + ' principals' : 'PLAINTEXT, no ACLs'}; clients ${displayPath(config.clientsDir)}`;
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
    if (result.pid === undefined && result.note?.startsWith('not started by infra')) return result;
    const runningAs = existsSync(config.runningSecurityFile)
      ? readFileSync(config.runningSecurityFile, 'utf8').trim()
      : 'plaintext';
    if (runningAs !== config.security) {
      throw new InfraError(
        `the running broker is ${runningAs}, not ${config.security}: run \`npm run infra -- down\` first`,
      );
    }
    await prepare();
    clientFiles();
    const provisioned = await provision();
    const version = result.state === 'started' ? `Kafka ${config.version}; ` : '';
    return { ...result, note: `${result.note ? result.note + '; ' : ''}${version}${provisioned}` };
  }

  async function status() {
    const result = await service.status();
    const files = existsSync(config.clientsDir)
      ? `client files in ${displayPath(config.clientsDir)}`
      : 'no client files yet';
    return { ...result, note: `${result.note ? result.note + '; ' : ''}${config.security}; ${files}` };
  }

  /** A new SCRAM password for one principal on the running broker; its client file follows. Others are untouched. */
  async function rotate(principal) {
    await prepare();
    if (!secured) throw new InfraError('rotation needs the secured broker (INFRA_KAFKA_SECURITY=sasl_ssl)');
    if (!(principal in access.passwords)) {
      throw new InfraError(
        `unknown principal ${principal}; known: ${Object.keys(access.passwords).join(', ')}`,
      );
    }
    const password = newPassword();
    writeJavaAdminConfig(config.javaAdminConfig, {
      caFile: access.tls.caCert,
      password: access.passwords[ADMIN_PRINCIPAL],
    });
    await setScramPasswords(config, address, { [principal]: password });
    access.passwords[principal] = password;
    saveCredentials(config.credentialsFile, access.passwords);
    clientFiles();
    return {
      name: 'kafka',
      state: 'running',
      address,
      note: `new password for ${principal} in ${displayPath(path.join(config.clientsDir, principal + '.properties'))}`,
    };
  }

  /** The declared ACLs again with a test suite's topic prefix (or without them, `revoke`); the broker must be up. */
  async function suiteAcls(prefix, { revoke = false } = {}) {
    await prepare();
    if (!secured)
      return { name: 'kafka', state: 'running', address, note: 'plaintext broker: no ACLs to change' };
    const entries = aclEntries(loadKafkaUsers(config.usersFile), prefix);
    const admin = (await adminClient('infra-acls')).admin();
    await admin.connect();
    try {
      if (revoke) await admin.deleteAcls({ filters: prefixedOnly(entries) });
      else await admin.createAcls({ acl: entries });
    } finally {
      await admin.disconnect();
    }
    return {
      name: 'kafka',
      state: 'running',
      address,
      note: `${revoke ? 'revoked' : 'granted'} ${entries.length} ACLs for ${prefix}`,
    };
  }

  async function down({ purge = false } = {}) {
    const result = await service.down();
    if (!purge) return result;
    if (result.state === 'running') {
      throw new InfraError(`a broker not started by infra answers on ${address}; not deleting data under it`);
    }
    rmSync(config.dataDir, { recursive: true, force: true });
    rmSync(config.clusterIdFile, { force: true });
    rmSync(config.securityModeFile, { force: true });
    const purged = `deleted ${displayPath(config.dataDir)}`;
    return { ...result, note: result.note ? `${result.note}; ${purged}` : purged };
  }

  return { name: 'kafka', status, up, down, rotate, suiteAcls };
}
