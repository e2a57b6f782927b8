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

  it('leaves ordinary text and other non-plain values alone', () => {
    const when = new Date();

    expect(redactText('Missing bearer token')).toBe('Missing bearer token');
    expect(redactSecrets(when)).toBe(when);
    expect(redactSecrets(42)).toBe(42);
  });
});

/** Shaped like TypeORM's QueryFailedError wrapping a pg driver error. */
class QueryFailedError extends Error {
  readonly code = '23505';
  readonly detail = 'Key (email)=(marta@example.org) already exists.';
  readonly driverError = { detail: this.detail, parameters: ['marta@example.org'] };

  constructor(
    readonly query: string,
    readonly parameters: unknown[],
  ) {
    super('duplicate key value violates unique constraint "profiles_email_key"');
    this.name = 'QueryFailedError';
  }
}

describe('redactSecrets on errors', () => {
  const failure = new QueryFailedError('INSERT INTO profiles (email, display_name) VALUES ($1, $2)', [
    'marta@example.org',
    'Marta Rossi',
  ]);

  it('keeps the name, message, stack and code of a database error, and none of its values', () => {
    const redacted = redactSecrets(failure);

    expect(redacted).toEqual({
      name: 'QueryFailedError',
      message: 'duplicate key value violates unique constraint "profiles_email_key"',
      stack: failure.stack,
      code: '23505',
    });
    expect(JSON.stringify(redacted)).not.toMatch(/marta|Rossi|INSERT/i);
  });

  it('reduces errors nested in logged objects and in causes', () => {
    const wrapped = new Error(`delivery failed with Bearer ${JWT}`, { cause: failure });

    const redacted = redactSecrets({ userId: 'u1', error: wrapped });

    expect(redacted).toMatchObject({
      userId: 'u1',
      error: {
        name: 'Error',
        message: `delivery failed with Bearer ${REDACTED}`,
        cause: { name: 'QueryFailedError', code: '23505' },
      },
    });
    expect(JSON.stringify(redacted)).not.toMatch(/marta|Rossi|INSERT|eyJ/i);
  });
});
