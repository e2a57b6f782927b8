import { join } from 'node:path';
import { expectInvalidConfigurationExit } from '@notify/testing';

describe('dispatcher start-up', () => {
  it('exits with 1 and lists every bad variable, and nothing else, when the configuration is invalid', async () => {
    await expectInvalidConfigurationExit(
      join(__dirname, '..', 'src', 'main.ts'),
      { PORT: 'eighty', SES_MAX_CONCURRENCY: '0', SENDER_BATCH_SIZE: 'many' },
      [
        'UNSUBSCRIBE_SIGNING_KEYS: is required',
        'SES_MAX_CONCURRENCY: must not be less than 1',
        'SENDER_BATCH_SIZE: must not be greater than 1000; must not be less than 1; must be an integer number',
        'KAFKA_SASL_USERNAME: is required',
        'PORT: must be a port number between 0 and 65535',
        'AUTH_JWT_SECRET: is required',
        'KAFKA_SASL_PASSWORD: is required with KAFKA_SECURITY_PROTOCOL SASL_SSL (or KAFKA_SASL_PASSWORD_FILE)',
      ],
    );
  });
});
