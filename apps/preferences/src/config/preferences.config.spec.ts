import { ConfigValidationError, loadConfig } from '@notify/config';
import { PreferencesConfig } from './preferences.config';

const secret = 'x'.repeat(32);
const base = {
  KAFKA_SASL_USERNAME: 'preferences',
  KAFKA_SASL_PASSWORD: 'preferences-kafka-password',
  AUTH_JWT_SECRET: 'j'.repeat(32),
  UNSUBSCRIBE_SIGNING_KEYS: `k2:${secret},k1:${'y'.repeat(32)}`,
};

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(PreferencesConfig, env);
    return '';
  } catch (error) {
    return error instanceof ConfigValidationError ? error.message : String(error);
  }
}

describe('PreferencesConfig', () => {
  it('defaults to port 3003 and the preferences schema and lists the signing keys in order', () => {
    const config = loadConfig(PreferencesConfig, base);

    expect(config.PORT).toBe(3003);
    expect(config.DB_SCHEMA).toBe('preferences');
    // It reads the platform's activity for its users' events only: once a second, answered on the first record.
    expect(config.KAFKA_ACTIVITY_READ_INTERVAL).toBe(1_000);
    expect(config.KAFKA_FETCH_MIN_BYTES).toBe(1);
    expect(config.UNSUBSCRIBE_SIGNING_KEYS.map((key) => key.id)).toEqual(['k2', 'k1']);
  });

  it('keeps a colon inside a secret', () => {
    const config = loadConfig(PreferencesConfig, { ...base, UNSUBSCRIBE_SIGNING_KEYS: `k1:${secret}:more` });

    expect(config.UNSUBSCRIBE_SIGNING_KEYS).toEqual([{ id: 'k1', secret: `${secret}:more` }]);
  });

  it('requires the signing keys', () => {
    expect(problemsOf({ AUTH_JWT_SECRET: base.AUTH_JWT_SECRET })).toContain(
      'UNSUBSCRIBE_SIGNING_KEYS: is required',
    );
  });

  it('rejects a short secret without printing it', () => {
    const message = problemsOf({ ...base, UNSUBSCRIBE_SIGNING_KEYS: 'k1:too-short-secret' });

    expect(message).toMatch(/UNSUBSCRIBE_SIGNING_KEYS: .*at least 32 characters/);
    expect(message).not.toContain('too-short-secret');
  });

  it('rejects a key id used twice', () => {
    expect(problemsOf({ ...base, UNSUBSCRIBE_SIGNING_KEYS: `k1:${secret},k1:${secret}` })).toContain(
      'used twice',
    );
  });
});
