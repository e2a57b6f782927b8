import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InfraError } from './errors.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const HOST = '127.0.0.1';
const KAFKA_DEPLOY_DIR = path.join(repoRoot, 'deploy', 'kafka');

export const defaults = {
  KAFKA_PORT: 9092,
  KAFKA_CONTROLLER_PORT: 9093,
  SES_PORT: 8005,
  INFRA_DIR: '.infra',
  INFRA_KAFKA_SECURITY: 'sasl_ssl',
};

const SECURITY_MODES = ['sasl_ssl', 'plaintext'];

function securityFromEnv(env) {
  const mode = (env.INFRA_KAFKA_SECURITY || defaults.INFRA_KAFKA_SECURITY).toLowerCase();
  if (!SECURITY_MODES.includes(mode)) {
    throw new InfraError(`INFRA_KAFKA_SECURITY must be one of ${SECURITY_MODES.join(', ')}, got "${mode}"`);
  }
  return mode;
}

function portFromEnv(env, name) {
  const raw = env[name];
  if (raw === undefined || raw === '') return defaults[name];
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new InfraError(`${name} must be a TCP port number, got "${raw}"`);
  }
  return port;
}

function kafkaVersionFromPom(pomFile) {
  const match = readFileSync(pomFile, 'utf8').match(/<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/);
  if (!match) throw new InfraError(`no <kafka.version> property in ${pomFile}`);
  return match[1];
}

function kafkaConfig(env, infraDir) {
  const dir = path.join(infraDir, 'kafka');
  const pomFile = path.join(KAFKA_DEPLOY_DIR, 'pom.xml');
  const logsDir = path.join(dir, 'logs');
  return {
    host: HOST,
    port: portFromEnv(env, 'KAFKA_PORT'),
    controllerPort: portFromEnv(env, 'KAFKA_CONTROLLER_PORT'),
    version: env.KAFKA_VERSION || kafkaVersionFromPom(pomFile),
    pomFile,
    propertiesTemplate: path.join(KAFKA_DEPLOY_DIR, 'server.properties.template'),
    security: securityFromEnv(env),
    securityTemplates: {
      sasl_ssl: path.join(KAFKA_DEPLOY_DIR, 'security-sasl-ssl.properties.template'),
      plaintext: path.join(KAFKA_DEPLOY_DIR, 'security-plaintext.properties.template'),
    },
    scramTool: path.join(KAFKA_DEPLOY_DIR, 'tools', 'ScramCredentials.java'),
    usersFile: path.join(repoRoot, 'deploy', 'k8s', 'kafka', 'kafka-users.yaml'),
    topicsFile: path.join(repoRoot, 'deploy', 'k8s', 'kafka', 'kafka-topics.yaml'),
    credentialsFile: path.join(dir, 'credentials.json'),
    clientsDir: path.join(dir, 'clients'),
    javaAdminConfig: path.join(dir, 'admin-client.properties'),
    securityModeFile: path.join(dir, 'data-security'),
    runningSecurityFile: path.join(dir, 'broker-security'),
    replicationFactor: 1,
    log4jConfig: path.join(KAFKA_DEPLOY_DIR, 'log4j2.properties'),
    dir,
    libsDir: path.join(dir, 'libs'),
    dataDir: path.join(dir, 'data'),
    logsDir,
    serverLog: path.join(logsDir, 'server.log'),
    stdoutLog: path.join(logsDir, 'stdout.log'),
    propertiesFile: path.join(dir, 'server.properties'),
    clusterIdFile: path.join(dir, 'cluster.id'),
    pidFile: path.join(dir, 'kafka.pid'),
  };
}

function sesConfig(env, infraDir) {
  const dir = path.join(infraDir, 'ses');
  return {
    host: HOST,
    port: portFromEnv(env, 'SES_PORT'),
    bin: path.join(repoRoot, 'node_modules', '.bin', 'aws-ses-v2-local'),
    dir,
    logFile: path.join(dir, 'ses.log'),
    pidFile: path.join(dir, 'ses.pid'),
  };
}

export function loadConfig(env = process.env) {
  const infraDir = path.resolve(repoRoot, env.INFRA_DIR || defaults.INFRA_DIR);
  return {
    infraDir,
    kafka: kafkaConfig(env, infraDir),
    ses: sesConfig(env, infraDir),
    postgres: { host: HOST, port: 5432 },
  };
}
