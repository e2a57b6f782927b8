import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  kafkaClientSecurity,
  type KafkaClientSecurity,
  type KafkaSaslMechanism,
  type KafkaSecurityProtocol,
} from '@notify/config';

const WORKSPACE_ROOT = path.resolve(__dirname, '../../..');
const INFRA_TOOL = path.join(WORKSPACE_ROOT, 'tools', 'infra', 'infra.mjs');

/** The super user of the local broker; test helpers that stand in for operators connect as it. */
export const ADMIN_PRINCIPAL = 'admin';

/** One principal's settings, from the client file `npm run infra -- up` writes (librdkafka format). */
export interface KafkaClientFile {
  principal: string;
  protocol: KafkaSecurityProtocol;
  mechanism?: KafkaSaslMechanism;
  username?: string;
  password?: string;
  caFile?: string;
}

/**
 * How tests reach the broker as a given principal: kafkajs options for helpers, environment variables for services,
 * and the declared ACLs applied to a suite's own topic prefix. A broker without client files (a container) is
 * treated as PLAINTEXT with no authorisation.
 */
export interface KafkaAccess {
  readonly secured: boolean;
  clientSecurity(principal: string): KafkaClientSecurity;
  /** `KAFKA_SECURITY_PROTOCOL`, `KAFKA_SASL_*`, `KAFKA_SSL_CA_FILE` for a service authenticating as `principal`. */
  serviceEnv(principal: string): Record<string, string>;
  /** Applies the declared ACLs to topics and groups named with `prefix`; `revoke` removes them. */
  grantSuite(prefix: string): Promise<void>;
  revokeSuite(prefix: string): Promise<void>;
}

export function clientsDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(WORKSPACE_ROOT, env['INFRA_DIR'] ?? '.infra', 'kafka', 'clients');
}

export function readClientFile(file: string): KafkaClientFile {
  const settings = new Map(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const),
  );
  return {
    principal: path.basename(file, '.properties'),
    protocol: (settings.get('security.protocol') ?? 'PLAINTEXT') as KafkaSecurityProtocol,
    mechanism: settings.get('sasl.mechanisms')?.toLowerCase() as KafkaSaslMechanism | undefined,
    username: settings.get('sasl.username'),
    password: settings.get('sasl.password'),
    caFile: settings.get('ssl.ca.location'),
  };
}

let local: KafkaAccess | undefined;
let inUse: KafkaAccess | undefined;

/** The local broker's access, read once per test process; PLAINTEXT when there are no client files. */
export function localKafkaAccess(): KafkaAccess {
  local ??= createKafkaAccess(clientsDirectory());
  return local;
}

/** Set once the suite's infrastructure is resolved (`getTestInfra`): the broker it chose decides. */
export function useKafkaAccess(access: KafkaAccess): void {
  inUse = access;
}

/** The access of the broker the tests use; before `getTestInfra` resolved, the local broker's. */
export function currentKafkaAccess(): KafkaAccess {
  return inUse ?? localKafkaAccess();
}

/** `clientsDir` empty: a broker without authentication. */
export function createKafkaAccess(clientsDir: string): KafkaAccess {
  const fileOf = (principal: string): KafkaClientFile | undefined => {
    const file = path.join(clientsDir, `${principal}.properties`);
    return clientsDir !== '' && existsSync(file) ? readClientFile(file) : undefined;
  };
  const admin = fileOf(ADMIN_PRINCIPAL);
  const secured = admin !== undefined && admin.protocol !== 'PLAINTEXT';
  const required = (principal: string): KafkaClientFile => {
    const client = fileOf(principal);
    if (!client) {
      throw new Error(
        `no Kafka client file for principal ${principal} in ${clientsDir}: run \`npm run infra -- up\``,
      );
    }
    return client;
  };
  const runInfra = async (command: string, prefix: string): Promise<void> => {
    if (secured) {
      await promisify(execFile)(process.execPath, [INFRA_TOOL, command, prefix], { cwd: WORKSPACE_ROOT });
    }
  };
  return {
    secured,
    clientSecurity: (principal) => {
      if (!secured) {
        return {};
      }
      const client = required(principal);
      return kafkaClientSecurity({
        protocol: client.protocol,
        mechanism: client.mechanism ?? 'scram-sha-512',
        username: client.username,
        password: client.password,
        caFile: client.caFile,
      });
    },
    serviceEnv: (principal) => {
      if (!secured) {
        return { KAFKA_SECURITY_PROTOCOL: 'PLAINTEXT' };
      }
      const client = required(principal);
      return {
        KAFKA_SECURITY_PROTOCOL: client.protocol,
        KAFKA_SASL_MECHANISM: client.mechanism ?? 'scram-sha-512',
        KAFKA_SASL_USERNAME: client.username ?? principal,
        KAFKA_SASL_PASSWORD: client.password ?? '',
        ...(client.caFile ? { KAFKA_SSL_CA_FILE: client.caFile } : {}),
      };
    },
    grantSuite: (prefix) => runInfra('grant', prefix),
    revokeSuite: (prefix) => runInfra('revoke', prefix),
  };
}
