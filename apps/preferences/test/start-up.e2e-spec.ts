import { join } from 'node:path';
import { expectInvalidConfigurationExit } from '@notify/testing';

describe('preferences start-up', () => {
  it('exits with 1 and lists every bad variable, and nothing else, when the configuration is invalid', async () => {
    await expectInvalidConfigurationExit(
      join(__dirname, '..', 'src', 'main.ts'),
      {
        PORT: 'eighty',
        KAFKA_BROKERS: 'broker-without-port',
        UNSUBSCRIBE_SIGNING_KEYS: 'k1:too-short-secret',
      },
      [
        'UNSUBSCRIBE_SIGNING_KEYS: Link key 1: secret must be at least 32 characters',
        'KAFKA_BROKERS: must be a comma-separated list of host:port',
        'PORT: must be a port number between 0 and 65535',
        'AUTH_JWT_SECRET: is required',
      ],
    );
  });
});
