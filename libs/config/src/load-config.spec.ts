import { IsOptional, IsString } from 'class-validator';
import { BaseServiceConfig } from './base-service.config';
import { CommaSeparated, Duration, Flag, HostPortList, Port, Required } from './config-fields';
import { ConfigValidationError } from './config-validation.error';
import { loadConfig } from './load-config';

const SECRET = 'a-very-long-development-secret-of-40-chars';
/** Kafka client security has its own spec; here it is only made valid. */
const KAFKA_CLIENT = { KAFKA_SASL_USERNAME: 'communities', KAFKA_SASL_PASSWORD: 'kafka-password' };

class SampleConfig {
  @Required()
  @IsString()
  NAME!: string;

  @Port()
  PORT: number = 3000;

  @HostPortList()
  BROKERS: string[] = ['127.0.0.1:9092'];

  @Duration()
  REMINDER_AFTER: number = 48 * 3_600_000;

  @Flag()
  ENABLED: boolean = false;

  @IsOptional()
  @CommaSeparated()
  @IsString({ each: true })
  TAGS?: string[];
}

class CommunitiesConfig extends BaseServiceConfig {
  override PORT = 3001;
  override DB_SCHEMA = 'communities';
}

function problemsOf(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      return error.message;
    }
    throw error;
  }
  throw new Error('expected a ConfigValidationError');
}

describe('loadConfig', () => {
  it('converts variables to the declared types', () => {
    const config = loadConfig(SampleConfig, {
      NAME: 'dispatcher',
      PORT: '8080',
      BROKERS: 'kafka-1:9092, kafka-2:9092',
      REMINDER_AFTER: '15m',
      ENABLED: 'yes',
      TAGS: 'a,,b',
    });

    expect(config).toBeInstanceOf(SampleConfig);
    expect(config).toEqual({
      NAME: 'dispatcher',
      PORT: 8080,
      BROKERS: ['kafka-1:9092', 'kafka-2:9092'],
      REMINDER_AFTER: 900_000,
      ENABLED: true,
      TAGS: ['a', 'b'],
    });
  });

  it('keeps class defaults for unset and empty variables and drops unrelated ones', () => {
    const config = loadConfig(SampleConfig, { NAME: 'x', PORT: '', HOME: '/root', PATH: '/bin' });

    expect(config).toEqual({
      NAME: 'x',
      PORT: 3000,
      BROKERS: ['127.0.0.1:9092'],
      REMINDER_AFTER: 172_800_000,
      ENABLED: false,
    });
  });

  it('lists every bad variable in one error', () => {
    const message = problemsOf(() =>
      loadConfig(SampleConfig, {
        PORT: '70000',
        BROKERS: 'kafka-1',
        REMINDER_AFTER: 'two days',
        ENABLED: 'maybe',
      }),
    );

    expect(message).toBe(
      [
        'Invalid configuration:',
        ' - NAME: is required',
        ' - PORT: must be a port number between 0 and 65535',
        ' - BROKERS: must be a comma-separated list of host:port',
        ' - REMINDER_AFTER: must be a duration such as 500ms, 30s, 15m, 48h or 2d',
        ' - ENABLED: must be true or false',
      ].join('\n'),
    );
  });

  it('never echoes the values of invalid variables', () => {
    const message = problemsOf(() =>
      loadConfig(CommunitiesConfig, {
        ...KAFKA_CLIENT,
        AUTH_JWT_SECRET: 'hunter2-short',
        PGPORT: 'p4ssw0rd',
      }),
    );

    expect(message).toContain(' - AUTH_JWT_SECRET: must be at least 32 characters');
    expect(message).toContain(' - PGPORT: must be a port number');
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('p4ssw0rd');
  });
});

describe('BaseServiceConfig', () => {
  it('applies the documented defaults and the subclass overrides', () => {
    const config = loadConfig(CommunitiesConfig, { ...KAFKA_CLIENT, AUTH_JWT_SECRET: SECRET });

    expect(config).toMatchObject({
      PORT: 3001,
      DB_SCHEMA: 'communities',
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      KAFKA_TOPIC_PREFIX: '',
      LOG_LEVEL: 'log',
      LOG_FORMAT: 'json',
    });
    expect(config.postgres).toEqual({
      host: '127.0.0.1',
      port: 5432,
      user: 'postgres',
      password: '',
      database: 'test',
    });
    expect(config.auth).toEqual({ jwtSecret: SECRET, maxTokenAgeSeconds: 86_400 });
  });

  it('prefers DATABASE_URL over the PG* variables', () => {
    const url = 'postgres://app:pw@db.internal:5433/notify';
    const config = loadConfig(CommunitiesConfig, {
      ...KAFKA_CLIENT,
      AUTH_JWT_SECRET: SECRET,
      DATABASE_URL: url,
      PGHOST: 'ignored',
    });

    expect(config.postgres).toEqual({ url });
  });

  it('requires the JWT secret and a schema', () => {
    class UnnamedService extends BaseServiceConfig {}

    const message = problemsOf(() => loadConfig(UnnamedService, {}));

    expect(message).toContain(' - DB_SCHEMA: is required');
    expect(message).toContain(' - AUTH_JWT_SECRET: is required');
  });

  it('lets a JWKS deployment go without a shared secret, but still checks one that is given', () => {
    const jwksUrl = 'https://id.example.org/.well-known/jwks.json';

    expect(loadConfig(CommunitiesConfig, { ...KAFKA_CLIENT, AUTH_JWKS_URL: jwksUrl }).auth).toEqual({
      jwksUrl,
      maxTokenAgeSeconds: 86_400,
    });
    expect(
      problemsOf(() =>
        loadConfig(CommunitiesConfig, { ...KAFKA_CLIENT, AUTH_JWKS_URL: jwksUrl, AUTH_JWT_SECRET: 'short' }),
      ),
    ).toBe('Invalid configuration:\n - AUTH_JWT_SECRET: must be at least 32 characters');
  });

  it('rejects malformed URLs, log settings and topic prefixes', () => {
    const message = problemsOf(() =>
      loadConfig(CommunitiesConfig, {
        ...KAFKA_CLIENT,
        AUTH_JWT_SECRET: SECRET,
        AUTH_JWKS_URL: 'not a url',
        DATABASE_URL: 'mysql://db/x',
        LOG_LEVEL: 'chatty',
        LOG_FORMAT: 'xml',
        KAFKA_TOPIC_PREFIX: 'bad prefix!',
      }),
    );

    expect(message.split('\n').slice(1)).toEqual([
      ' - KAFKA_TOPIC_PREFIX: may contain only letters, digits, ".", "_" and "-"',
      ' - DATABASE_URL: must be a postgres/postgresql URL',
      ' - AUTH_JWKS_URL: must be an https URL (http only on localhost, 127.0.0.1 or ::1)',
      ' - LOG_LEVEL: must be one of: fatal, error, warn, log, debug, verbose',
      ' - LOG_FORMAT: must be one of: json, text',
    ]);
  });

  it.each([
    'https://id.example.org/.well-known/jwks.json',
    'http://localhost:8080/jwks.json',
    'http://127.0.0.1:8080/jwks.json',
    'http://[::1]:8080/jwks.json',
  ])('accepts the key set URL %s', (jwksUrl) => {
    expect(loadConfig(CommunitiesConfig, { ...KAFKA_CLIENT, AUTH_JWKS_URL: jwksUrl }).AUTH_JWKS_URL).toBe(
      jwksUrl,
    );
  });

  it.each([
    'http://id.example.org/.well-known/jwks.json',
    'http://127.0.0.1.example.org/jwks.json',
    'http://10.0.0.5/jwks.json',
    'ftp://localhost/jwks.json',
  ])('refuses the key set URL %s, which would fetch keys in clear text', (jwksUrl) => {
    expect(problemsOf(() => loadConfig(CommunitiesConfig, { ...KAFKA_CLIENT, AUTH_JWKS_URL: jwksUrl }))).toBe(
      'Invalid configuration:\n - AUTH_JWKS_URL: must be an https URL (http only on localhost, 127.0.0.1 or ::1)',
    );
  });

  describe('service tokens', () => {
    const SERVICE_SECRET = 'service-token-secret-of-at-least-32-chars';
    const PREVIOUS_SECRET = 'previous-service-secret-of-32-chars-min';
    const base = {
      ...KAFKA_CLIENT,
      AUTH_JWT_SECRET: SECRET,
      AUTH_JWT_ISSUER: 'https://id.example.org/',
      AUTH_JWT_AUDIENCE: 'notifications',
    };

    it('passes issuer, audience and the service secrets, current first, to the verifier', () => {
      const config = loadConfig(CommunitiesConfig, {
        ...base,
        AUTH_SERVICE_JWT_ISSUER: 'urn:notify:platform-services',
        AUTH_SERVICE_JWT_SECRET: `${SERVICE_SECRET}, ${PREVIOUS_SECRET}`,
      });

      expect(config.auth).toEqual({
        jwtSecret: SECRET,
        issuer: 'https://id.example.org/',
        audience: 'notifications',
        maxTokenAgeSeconds: 86_400,
        serviceTokens: { issuer: 'urn:notify:platform-services', secrets: [SERVICE_SECRET, PREVIOUS_SECRET] },
      });
    });

    it('accepts no service tokens at all when neither variable is set', () => {
      expect(loadConfig(CommunitiesConfig, base).auth.serviceTokens).toBeUndefined();
    });

    it.each<[string, Record<string, string>, string[]]>([
      [
        'a secret without an issuer',
        { AUTH_SERVICE_JWT_SECRET: SERVICE_SECRET },
        [' - AUTH_SERVICE_JWT_ISSUER: is required with AUTH_SERVICE_JWT_SECRET'],
      ],
      [
        'an issuer without a secret',
        { AUTH_SERVICE_JWT_ISSUER: 'urn:notify:platform-services' },
        [' - AUTH_SERVICE_JWT_SECRET: is required with AUTH_SERVICE_JWT_ISSUER'],
      ],
      [
        'a short secret among the list',
        {
          AUTH_SERVICE_JWT_ISSUER: 'urn:notify:platform-services',
          AUTH_SERVICE_JWT_SECRET: `${SERVICE_SECRET},short`,
        },
        [' - AUTH_SERVICE_JWT_SECRET: each secret must be at least 32 characters'],
      ],
      [
        'the user issuer and the user secret',
        {
          AUTH_SERVICE_JWT_ISSUER: 'https://id.example.org/',
          AUTH_SERVICE_JWT_SECRET: `${SERVICE_SECRET},${SECRET}`,
        },
        [
          ' - AUTH_SERVICE_JWT_ISSUER: must differ from AUTH_JWT_ISSUER',
          ' - AUTH_SERVICE_JWT_SECRET: must differ from AUTH_JWT_SECRET',
        ],
      ],
    ])('lists %s', (_case, variables, problems) => {
      const message = problemsOf(() => loadConfig(CommunitiesConfig, { ...base, ...variables }));

      expect(message.split('\n').slice(1)).toEqual(problems);
      expect(message).not.toContain(SERVICE_SECRET);
    });
  });

  it('gives every connection statement, lock and idle-in-transaction timeouts, and migrations a longer one', () => {
    const defaults = loadConfig(CommunitiesConfig, { ...KAFKA_CLIENT, AUTH_JWT_SECRET: SECRET });
    const configured = loadConfig(CommunitiesConfig, {
      ...KAFKA_CLIENT,
      AUTH_JWT_SECRET: SECRET,
      DB_STATEMENT_TIMEOUT: '2s',
      DB_LOCK_TIMEOUT: '0',
      DB_IDLE_IN_TRANSACTION_TIMEOUT: '5m',
      DB_MIGRATION_STATEMENT_TIMEOUT: '1h',
    });

    expect(defaults.databaseTimeouts).toEqual({
      statementMs: 30_000,
      lockMs: 5_000,
      idleInTransactionMs: 60_000,
      migrationStatementMs: 900_000,
    });
    expect(configured.databaseTimeouts).toEqual({
      statementMs: 2_000,
      lockMs: 0,
      idleInTransactionMs: 300_000,
      migrationStatementMs: 3_600_000,
    });
  });

  it('lists every bad timeout, including a lock timeout the statement timeout would always cut first', () => {
    const message = problemsOf(() =>
      loadConfig(CommunitiesConfig, {
        ...KAFKA_CLIENT,
        AUTH_JWT_SECRET: SECRET,
        DB_STATEMENT_TIMEOUT: 'soon',
        DB_IDLE_IN_TRANSACTION_TIMEOUT: '30d',
        KAFKA_HANDLER_TIMEOUT: '10ms',
      }),
    );

    expect(message.split('\n').slice(1)).toEqual([
      ' - DB_STATEMENT_TIMEOUT: must be a duration such as 500ms, 30s, 15m, 48h or 2d',
      ' - DB_IDLE_IN_TRANSACTION_TIMEOUT: must be at most 24d',
      ' - KAFKA_HANDLER_TIMEOUT: must be at least 100ms',
    ]);
    expect(
      problemsOf(() =>
        loadConfig(CommunitiesConfig, {
          ...KAFKA_CLIENT,
          AUTH_JWT_SECRET: SECRET,
          DB_STATEMENT_TIMEOUT: '5s',
          DB_LOCK_TIMEOUT: '5s',
        }),
      ),
    ).toBe(
      'Invalid configuration:\n - DB_LOCK_TIMEOUT: must be shorter than DB_STATEMENT_TIMEOUT, ' +
        'or a lock wait is never reported as one',
    );
  });

  it('gives the HTTP server header, request and keep-alive timeouts, headers within the request', () => {
    const config = loadConfig(CommunitiesConfig, {
      ...KAFKA_CLIENT,
      AUTH_JWT_SECRET: SECRET,
      HTTP_HEADERS_TIMEOUT: '5s',
      HTTP_KEEP_ALIVE_TIMEOUT: '2m',
    });

    expect(config.httpServer).toEqual({
      headersTimeoutMs: 5_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 120_000,
    });
    expect(
      problemsOf(() =>
        loadConfig(CommunitiesConfig, {
          ...KAFKA_CLIENT,
          AUTH_JWT_SECRET: SECRET,
          HTTP_HEADERS_TIMEOUT: '1m',
          HTTP_REQUEST_TIMEOUT: '30s',
          HTTP_KEEP_ALIVE_TIMEOUT: '0',
        }),
      ).split('\n'),
    ).toEqual([
      'Invalid configuration:',
      ' - HTTP_KEEP_ALIVE_TIMEOUT: must be at least 100ms',
      ' - HTTP_HEADERS_TIMEOUT: must not be longer than HTTP_REQUEST_TIMEOUT, which includes the headers',
    ]);
  });

  it('limits token age to a day unless configured, and lifts the limit with 0', () => {
    const withAge = (age?: string) =>
      loadConfig(CommunitiesConfig, {
        ...KAFKA_CLIENT,
        AUTH_JWT_SECRET: SECRET,
        ...(age === undefined ? {} : { AUTH_JWT_MAX_AGE: age }),
      }).auth.maxTokenAgeSeconds;

    expect(withAge()).toBe(86_400);
    expect(withAge('15m')).toBe(900);
    expect(withAge('0')).toBeUndefined();
    expect(
      problemsOf(() =>
        loadConfig(CommunitiesConfig, {
          ...KAFKA_CLIENT,
          AUTH_JWT_SECRET: SECRET,
          AUTH_JWT_MAX_AGE: 'a day',
        }),
      ),
    ).toBe(
      'Invalid configuration:\n - AUTH_JWT_MAX_AGE: must be a duration such as 500ms, 30s, 15m, 48h or 2d',
    );
  });
});
