import { readFileSync } from 'node:fs';

export const KAFKA_SECURITY_PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;
export type KafkaSecurityProtocol = (typeof KAFKA_SECURITY_PROTOCOLS)[number];

export const KAFKA_SASL_MECHANISMS = ['scram-sha-256', 'scram-sha-512', 'plain'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

export interface KafkaTlsOptions {
  ca?: string[];
  cert?: string;
  key?: string;
}

/** One variant per mechanism, as Kafka clients type them; the password is read when a connection authenticates. */
export type KafkaSaslCredentials = {
  [M in KafkaSaslMechanism]: { mechanism: M; username: string; readonly password: string };
}[KafkaSaslMechanism];

/** The `ssl` and `sasl` options of a kafkajs client; both absent for PLAINTEXT. */
export interface KafkaClientSecurity {
  ssl?: KafkaTlsOptions | true;
  sasl?: KafkaSaslCredentials;
}

export interface KafkaSecuritySettings {
  protocol: KafkaSecurityProtocol;
  mechanism: KafkaSaslMechanism;
  username?: string;
  password?: string;
  passwordFile?: string;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
}

export function usesSasl(protocol: KafkaSecurityProtocol): boolean {
  return protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL';
}

export function usesTls(protocol: KafkaSecurityProtocol): boolean {
  return protocol === 'SSL' || protocol === 'SASL_SSL';
}

export function kafkaClientSecurity(settings: KafkaSecuritySettings): KafkaClientSecurity {
  return {
    ...(usesTls(settings.protocol) ? { ssl: tlsOptions(settings) } : {}),
    ...(usesSasl(settings.protocol) ? { sasl: saslCredentials(settings) } : {}),
  };
}

function tlsOptions({ caFile, certFile, keyFile }: KafkaSecuritySettings): KafkaTlsOptions | true {
  if (!caFile && !certFile) {
    return true;
  }
  return {
    ...(caFile ? { ca: [readFileSync(caFile, 'utf8')] } : {}),
    ...(certFile && keyFile
      ? { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') }
      : {}),
  };
}

function saslCredentials({
  mechanism,
  username,
  password,
  passwordFile,
}: KafkaSecuritySettings): KafkaSaslCredentials {
  const credentials = { mechanism, username: username ?? '' };
  // Not enumerable, so logging or serialising the options never shows the password.
  Object.defineProperty(credentials, 'password', {
    enumerable: false,
    get: passwordFile ? () => readFileSync(passwordFile, 'utf8').trim() : () => password ?? '',
  });
  return credentials as KafkaSaslCredentials;
}
