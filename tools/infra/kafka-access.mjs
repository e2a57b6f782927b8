// Who may do what on the local broker: SCRAM credentials per principal, the ACLs of deploy/k8s/kafka/kafka-users.yaml,
// the topics of deploy/k8s/kafka/kafka-topics.yaml, and one client file per principal for people and tools.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { InfraError } from './errors.mjs';
import { displayPath } from './output.mjs';

/** The super user operators use (dead letters, replays, ACLs); never a service's identity. */
export const ADMIN_PRINCIPAL = 'admin';
export const SCRAM_MECHANISM = 'SCRAM-SHA-512';
const CLUSTER_RESOURCE_NAME = 'kafka-cluster';

const RESOURCE_TYPES = { topic: 2, group: 3, cluster: 4, transactionalId: 5 };
const PATTERN_TYPES = { literal: 3, prefix: 4 };
const OPERATIONS = {
  All: 2,
  Read: 3,
  Write: 4,
  Create: 5,
  Delete: 6,
  Alter: 7,
  Describe: 8,
  ClusterAction: 9,
  DescribeConfigs: 10,
  AlterConfigs: 11,
  IdempotentWrite: 12,
};
const ALLOW = 3;

function documentsOf(file, kind) {
  if (!existsSync(file)) throw new InfraError(`${displayPath(file)} is missing`);
  const documents = parseAllDocuments(readFileSync(file, 'utf8')).map((document) => document.toJS());
  const wrong = documents.find((document) => document?.kind !== kind);
  if (wrong) throw new InfraError(`${displayPath(file)} holds a ${wrong?.kind} where only ${kind} belongs`);
  return documents;
}

/** `[{ name, acls: [{ resource: { type, name, patternType }, operations }] }]` from the Strimzi KafkaUser file. */
export function loadKafkaUsers(file) {
  return documentsOf(file, 'KafkaUser').map((user) => ({
    name: user.metadata.name,
    acls: user.spec?.authorization?.acls ?? [],
  }));
}

/** `[{ name, partitions, config }]` from the Strimzi KafkaTopic file. */
export function loadKafkaTopics(file) {
  return documentsOf(file, 'KafkaTopic').map((topic) => ({
    name: topic.spec?.topicName ?? topic.metadata.name,
    partitions: topic.spec.partitions,
    config: topic.spec.config ?? {},
  }));
}

/**
 * The kafkajs ACL entries of every user, with `prefix` in front of topic and group names (a deployment's or a test
 * suite's KAFKA_TOPIC_PREFIX), exactly as declared otherwise.
 */
export function aclEntries(users, prefix = '') {
  return users.flatMap((user) =>
    user.acls.flatMap(({ resource, operations, host = '*' }) => {
      const resourceType = RESOURCE_TYPES[resource.type];
      if (resourceType === undefined) throw new InfraError(`unknown ACL resource type ${resource.type}`);
      const isCluster = resource.type === 'cluster';
      return operations.map((operation) => {
        if (OPERATIONS[operation] === undefined) throw new InfraError(`unknown ACL operation ${operation}`);
        return {
          resourceType,
          resourceName: isCluster ? CLUSTER_RESOURCE_NAME : `${prefix}${resource.name}`,
          resourcePatternType: PATTERN_TYPES[resource.patternType ?? 'literal'],
          principal: `User:${user.name}`,
          host,
          operation: OPERATIONS[operation],
          permissionType: ALLOW,
        };
      });
    }),
  );
}

/** Cluster-level grants (IdempotentWrite) are shared by all prefixes: removing a suite's ACLs leaves them. */
export function prefixedOnly(entries) {
  return entries.filter((entry) => entry.resourceType !== RESOURCE_TYPES.cluster);
}

/**
 * Passwords of every principal, kept in `credentials.json` (owner-only) so restarts and client files agree.
 * A principal new since the storage was formatted is returned in `added`; the broker does not know it yet.
 */
export function ensureCredentials(file, principals) {
  const stored = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const added = principals.filter((principal) => typeof stored[principal] !== 'string');
  for (const principal of added) stored[principal] = newPassword();
  if (added.length > 0) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  }
  return { passwords: stored, added };
}

export function newPassword() {
  return randomBytes(24).toString('base64url');
}

export function saveCredentials(file, passwords) {
  writeFileSync(file, `${JSON.stringify(passwords, null, 2)}\n`, { mode: 0o600 });
}

/** The storage tool's `--add-scram` arguments: the credentials exist before the broker first starts. */
export function scramFormatArguments(passwords) {
  return Object.entries(passwords).flatMap(([name, password]) => [
    '--add-scram',
    `${SCRAM_MECHANISM}=[name=${name},password=${password}]`,
  ]);
}

/**
 * `<principal>.properties` in librdkafka's format (`kcat -F`), one per principal; PLAINTEXT brokers get files too,
 * so tools read one place whatever the mode.
 */
export function writeClientFiles(clientsDir, { address, secured, caFile, passwords }) {
  mkdirSync(clientsDir, { recursive: true, mode: 0o700 });
  return Object.entries(passwords).map(([principal, password]) => {
    const lines = [`bootstrap.servers=${address}`];
    if (secured) {
      lines.push(
        'security.protocol=SASL_SSL',
        `sasl.mechanisms=${SCRAM_MECHANISM}`,
        `sasl.username=${principal}`,
        `sasl.password=${password}`,
        `ssl.ca.location=${caFile}`,
      );
    } else {
      lines.push('security.protocol=PLAINTEXT');
    }
    const file = path.join(clientsDir, `${principal}.properties`);
    writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
    // The password alone, for KAFKA_SASL_PASSWORD_FILE: services read it again on every new connection.
    writeFileSync(path.join(clientsDir, `${principal}.password`), `${password}\n`, { mode: 0o600 });
    return file;
  });
}

/** Java client settings for the broker's own tools (the SCRAM tool), as the super user. */
export function writeJavaAdminConfig(file, { caFile, password }) {
  const jaas =
    'org.apache.kafka.common.security.scram.ScramLoginModule required ' +
    `username="${ADMIN_PRINCIPAL}" password="${password}";`;
  writeFileSync(
    file,
    [
      'security.protocol=SASL_SSL',
      `sasl.mechanism=${SCRAM_MECHANISM}`,
      `sasl.jaas.config=${jaas}`,
      'ssl.truststore.type=PEM',
      `ssl.truststore.location=${caFile}`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
}

/**
 * kafkajs connection settings of one principal, read from its client file.
 * @param {string} clientFile
 * @returns {import('kafkajs').KafkaConfig}
 */
export function kafkajsOptions(clientFile) {
  const settings = Object.fromEntries(
    readFileSync(clientFile, 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  const brokers = settings['bootstrap.servers'].split(',');
  if (settings['security.protocol'] !== 'SASL_SSL') return { brokers };
  return {
    brokers,
    ssl: { ca: [readFileSync(settings['ssl.ca.location'], 'utf8')] },
    sasl: {
      mechanism: /** @type {'scram-sha-512'} */ (settings['sasl.mechanisms'].toLowerCase()),
      username: settings['sasl.username'],
      password: settings['sasl.password'],
    },
  };
}

/** Creates the declared topics that are missing (dead-letter topics are declared like the rest). */
export async function createDeclaredTopics(admin, topics, { prefix = '', replicationFactor = 1 } = {}) {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((topic) => !existing.has(`${prefix}${topic.name}`));
  if (missing.length === 0) return [];
  await admin.createTopics({
    waitForLeaders: true,
    topics: missing.map((topic) => ({
      topic: `${prefix}${topic.name}`,
      numPartitions: topic.partitions,
      replicationFactor,
      configEntries: Object.entries(topic.config)
        // One broker cannot keep two in-sync replicas; production's setting would refuse every write.
        .filter(([name]) => replicationFactor > 1 || name !== 'min.insync.replicas')
        .map(([name, value]) => ({ name, value: String(value) })),
    })),
  });
  return missing.map((topic) => `${prefix}${topic.name}`);
}
