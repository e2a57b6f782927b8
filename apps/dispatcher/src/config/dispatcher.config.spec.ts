import { ConfigValidationError, loadConfig } from '@notify/config';
import { DispatcherConfig } from './dispatcher.config';

const required = {
  AUTH_JWT_SECRET: 'dispatcher-config-spec-secret-0123456789',
  UNSUBSCRIBE_SIGNING_KEYS:
    'k2:new-secret-0123456789abcdef0123456789,k1:old:secret-with-colon-0123456789abcdef',
};

describe('DispatcherConfig', () => {
  it('has defaults for a local run', () => {
    const config = loadConfig(DispatcherConfig, required);

    expect(config).toMatchObject({
      PORT: 3004,
      DB_SCHEMA: 'dispatcher',
      DIGEST_HOUR: 8,
      DIGEST_WEEKDAY: 'monday',
      DIGEST_TICK_INTERVAL: 5 * 60_000,
      CLAIM_TIMEOUT: 2 * 60_000,
      SES_ENDPOINT: 'http://127.0.0.1:8005',
    });
    expect(config.SES_MAX_SEND_RATE).toBeUndefined();
    expect(config.unsubscribeKeys).toEqual([
      { id: 'k2', secret: 'new-secret-0123456789abcdef0123456789' },
      { id: 'k1', secret: 'old:secret-with-colon-0123456789abcdef' },
    ]);
    expect(config.digestSchedule).toEqual({ hour: 8, weekday: 'monday' });
  });

  it('reads durations, numbers and flags', () => {
    const config = loadConfig(DispatcherConfig, {
      ...required,
      DIGEST_TICK_INTERVAL: '0',
      CLAIM_TIMEOUT: '30s',
      SENDER_ENABLED: 'false',
      SES_MAX_SEND_RATE: '200',
      DIGEST_WEEKDAY: 'friday',
      DIGEST_HOUR: '6',
      DIGEST_USER_BATCH_SIZE: '4',
      TEMPLATE_PREVIEW_ENABLED: 'yes',
    });

    expect(config).toMatchObject({
      DIGEST_HOUR: 6,
      DIGEST_USER_BATCH_SIZE: 4,
      TEMPLATE_PREVIEW_ENABLED: true,
      DIGEST_TICK_INTERVAL: 0,
      CLAIM_TIMEOUT: 30_000,
      SENDER_ENABLED: false,
      SES_MAX_SEND_RATE: 200,
      DIGEST_WEEKDAY: 'friday',
    });
  });

  it('lists every invalid variable without repeating a secret', () => {
    const load = () =>
      loadConfig(DispatcherConfig, {
        AUTH_JWT_SECRET: required.AUTH_JWT_SECRET,
        UNSUBSCRIBE_SIGNING_KEYS: 'k1:too-short-secret',
        DIGEST_HOUR: '24',
        DIGEST_WEEKDAY: 'someday',
        SENDER_BATCH_SIZE: '0',
      });

    expect(load).toThrow(ConfigValidationError);
    let message = '';
    try {
      load();
    } catch (error) {
      message = (error as Error).message;
    }
    for (const variable of [
      'UNSUBSCRIBE_SIGNING_KEYS',
      'DIGEST_HOUR',
      'DIGEST_WEEKDAY',
      'SENDER_BATCH_SIZE',
    ]) {
      expect(message).toContain(variable);
    }
    expect(message).not.toContain('too-short-secret');
  });

  it('requires the unsubscribe signing keys', () => {
    expect(() => loadConfig(DispatcherConfig, { AUTH_JWT_SECRET: required.AUTH_JWT_SECRET })).toThrow(
      /UNSUBSCRIBE_SIGNING_KEYS: is required/,
    );
  });
});
