import { REDACTED, redactSecrets, redactText } from './redact';

const JWT =
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEiLCJleHAiOjE5MDAwMDAwMDB9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';

describe('redactSecrets', () => {
  it('replaces values under secret-looking keys at any level, keeping the rest', () => {
    expect(
      redactSecrets({
        user: 'u1',
        password: 'hunter2',
        PGPASSWORD: 'pg',
        headers: { Authorization: 'Basic dXNlcjpwYXNz', 'x-api-key': 'k', accept: 'application/json' },
        keys: [{ id: 'k1', secret: 's' }],
        privateKey: 'pem',
        passport: 'FR-123',
      }),
    ).toEqual({
      user: 'u1',
      password: REDACTED,
      PGPASSWORD: REDACTED,
      headers: { Authorization: REDACTED, 'x-api-key': REDACTED, accept: 'application/json' },
      keys: [{ id: 'k1', secret: REDACTED }],
      privateKey: REDACTED,
      passport: 'FR-123',
    });
  });

  it('does not copy what lies deeper than it inspects', () => {
    let deep: Record<string, unknown> = { secret: 'too deep to check' };
    for (let level = 0; level < 10; level += 1) {
      deep = { level: deep };
    }

    expect(JSON.stringify(redactSecrets(deep))).not.toContain('too deep to check');
  });

  it('hides credentials written into text', () => {
    expect(redactText(`GET /users/u1 with Authorization: Bearer ${JWT}`)).toBe(
      `GET /users/u1 with Authorization: Bearer ${REDACTED}`,
    );
    expect(redactSecrets(`token=${JWT};`)).toBe(`token=${REDACTED};`);
    expect(redactText('Bearer opaque-access-token-0123456789')).toBe(`Bearer ${REDACTED}`);
  });

  it('leaves ordinary text and non-plain values alone', () => {
    const error = new Error('boom');

    expect(redactText('Missing bearer token')).toBe('Missing bearer token');
    expect(redactSecrets(error)).toBe(error);
    expect(redactSecrets(42)).toBe(42);
  });
});
