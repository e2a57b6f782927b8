import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigValidationError } from './config-validation.error';
import { KafkaClientConfig } from './kafka-client.config';
import { loadConfig } from './load-config';

const dir = mkdtempSync(path.join(tmpdir(), 'kafka-config-'));
const file = (name: string, content: string): string => {
  const target = path.join(dir, name);
  writeFileSync(target, content);
  return target;
};
const CA = file('ca.pem', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
const PASSWORD_FILE = file('password', 's3cret-from-file\n');

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(KafkaClientConfig, env);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      return error.problems.map(({ variable, reason }) => `${variable}: ${reason}`);
    }
    throw error;
  }
  return [];
}

describe('KafkaClientConfig', () => {
  it('is secure by default: SASL_SSL with SCRAM-SHA-512 needs a user and a password', () => {
    expect(problems({})).toEqual([
      'KAFKA_SASL_USERNAME: is required',
      'KAFKA_SASL_PASSWORD: is required with KAFKA_SECURITY_PROTOCOL SASL_SSL (or KAFKA_SASL_PASSWORD_FILE)',
    ]);
  });

  it.each([
    [
      'an unknown protocol and mechanism',
      { KAFKA_SECURITY_PROTOCOL: 'TLS', KAFKA_SASL_MECHANISM: 'gssapi' },
      [
        'KAFKA_SECURITY_PROTOCOL: must be one of: PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL',
        'KAFKA_SASL_MECHANISM: must be one of: scram-sha-256, scram-sha-512, plain',
      ],
    ],
    [
      'SASL settings without SASL and TLS files without TLS',
      {
        KAFKA_SECURITY_PROTOCOL: 'PLAINTEXT',
        KAFKA_SASL_USERNAME: 'communities',
        KAFKA_SASL_PASSWORD: 'x',
        KAFKA_SSL_CA_FILE: CA,
      },
      [
        'KAFKA_SASL_USERNAME: is only used with KAFKA_SECURITY_PROTOCOL SASL_SSL or SASL_PLAINTEXT',
        'KAFKA_SASL_PASSWORD: is only used with KAFKA_SECURITY_PROTOCOL SASL_SSL or SASL_PLAINTEXT',
        'KAFKA_SSL_CA_FILE: is only used with KAFKA_SECURITY_PROTOCOL SSL or SASL_SSL',
      ],
    ],
    [
      'both password sources, a missing CA file and a certificate without its key',
      {
        KAFKA_SASL_USERNAME: 'communities',
        KAFKA_SASL_PASSWORD: 'x',
        KAFKA_SASL_PASSWORD_FILE: PASSWORD_FILE,
        KAFKA_SSL_CA_FILE: path.join(dir, 'missing.pem'),
        KAFKA_SSL_CERT_FILE: CA,
      },
      [
        'KAFKA_SSL_CA_FILE: must be the path of a readable file',
        'KAFKA_SASL_PASSWORD: and KAFKA_SASL_PASSWORD_FILE are both set: set one',
        'KAFKA_SSL_KEY_FILE: is required: mutual TLS needs both a certificate and its key',
      ],
    ],
    [
      'PLAIN over a connection without TLS',
      {
        KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
        KAFKA_SASL_MECHANISM: 'PLAIN',
        KAFKA_SASL_USERNAME: 'communities',
        KAFKA_SASL_PASSWORD: 'x',
      },
      [
        'KAFKA_SASL_MECHANISM: plain sends the password in clear text: use it only with KAFKA_SECURITY_PROTOCOL SASL_SSL',
      ],
    ],
    [
      'a record limit below 1 kB and a parking threshold of zero',
      {
        KAFKA_SECURITY_PROTOCOL: 'PLAINTEXT',
        KAFKA_MAX_MESSAGE_BYTES: '512',
        OUTBOX_PARK_AFTER_ATTEMPTS: '0',
        KAFKA_FETCH_MIN_BYTES: '0',
        KAFKA_ACTIVITY_READ_INTERVAL: '2m',
      },
      [
        'KAFKA_FETCH_MIN_BYTES: must be a whole number of bytes from 1 to 1048576',
        'KAFKA_ACTIVITY_READ_INTERVAL: must be at most 60s',
        'KAFKA_MAX_MESSAGE_BYTES: must be a whole number of bytes from 1024 to 100000000',
        'OUTBOX_PARK_AFTER_ATTEMPTS: must be a whole number from 1 to 1000',
      ],
    ],
  ])('names every variable at fault: %s', (_case, env, expected) => {
    expect(problems(env)).toEqual(expected);
  });

  it('never puts a value in the error', () => {
    expect(
      problems({ KAFKA_SECURITY_PROTOCOL: 'PLAINTEXT', KAFKA_SASL_PASSWORD: 'hunter2-very-secret' }).join(
        '\n',
      ),
    ).not.toContain('hunter2');
  });

  it('builds kafkajs TLS and SCRAM options; the password file is read on every authentication', () => {
    const passwordFile = file('rotating', 'first\n');
    const config = loadConfig(KafkaClientConfig, {
      KAFKA_SASL_USERNAME: 'dispatcher',
      KAFKA_SASL_PASSWORD_FILE: passwordFile,
      KAFKA_SSL_CA_FILE: CA,
    });
    const security = config.kafkaSecurity;

    expect(security.ssl).toEqual({ ca: [expect.stringContaining('BEGIN CERTIFICATE')] });
    expect(security.sasl).toMatchObject({ mechanism: 'scram-sha-512', username: 'dispatcher' });
    expect(security.sasl?.password).toBe('first');
    writeFileSync(passwordFile, 'rotated\n');
    expect(security.sasl?.password).toBe('rotated');
    expect(JSON.stringify(security)).not.toContain('rotated');
  });

  it('uses the system certificate authorities when no CA file is given, and nothing for PLAINTEXT', () => {
    const tls = loadConfig(KafkaClientConfig, { KAFKA_SECURITY_PROTOCOL: 'SSL' });
    const plain = loadConfig(KafkaClientConfig, { KAFKA_SECURITY_PROTOCOL: 'PLAINTEXT' });

    expect(tls.kafkaSecurity).toEqual({ ssl: true });
    expect(plain.kafkaSecurity).toEqual({});
  });
});
