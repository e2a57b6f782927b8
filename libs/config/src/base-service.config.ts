import type { LogLevel } from '@nestjs/common';
import { IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';
import type { ConfigProblem } from './config-validation.error';
import { CommaSeparated, Duration, HttpsUrl, HttpUrl, OneOf, Port, Required, UrlWith } from './config-fields';
import { KafkaClientConfig } from './kafka-client.config';

export const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
export const LOG_FORMATS = ['json', 'text'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** PostgreSQL keeps these settings in a signed 32-bit number of milliseconds. */
const POSTGRES_TIMEOUT_LIMIT = { ms: 2_147_483_647, label: '24d' };

/** Session settings every database connection of a service starts with, in milliseconds; 0 lifts a limit. */
export interface DatabaseTimeouts {
  statementMs: number;
  lockMs: number;
  idleInTransactionMs: number;
  /** `statement_timeout` (and lock wait) of the migrations run at start-up. */
  migrationStatementMs: number;
}

export type PostgresConnection =
  { url: string } | { host: string; port: number; user: string; password: string; database: string };

/**
 * Settings every service reads. An app extends it, overriding defaults such as `PORT` and `DB_SCHEMA`
 * (property initialisers in the subclass), and adds its own fields.
 */
export class BaseServiceConfig extends KafkaClientConfig {
  @Port()
  PORT: number = 3000;

  /** When set, wins over the PG* variables. */
  @IsOptional()
  @UrlWith(['postgres', 'postgresql'])
  DATABASE_URL?: string;

  @IsString()
  PGHOST: string = '127.0.0.1';

  @Port()
  PGPORT: number = 5432;

  @IsString()
  PGUSER: string = 'postgres';

  @IsString()
  PGPASSWORD: string = '';

  @IsString()
  PGDATABASE: string = 'test';

  /** Pooled connections per replica; replicas x (pool + 1 dedicated client) must fit PostgreSQL's budget. */
  @IsInt()
  @Min(2)
  @Max(200)
  DB_POOL_SIZE: number = 10;

  /** Longest one SQL statement may run (`statement_timeout`); `0` lifts the limit. */
  @Duration(POSTGRES_TIMEOUT_LIMIT)
  DB_STATEMENT_TIMEOUT: number = 30_000;

  /** Longest a statement waits for a lock (`lock_timeout`) before it fails; `0` waits as long as the statement may. */
  @Duration(POSTGRES_TIMEOUT_LIMIT)
  DB_LOCK_TIMEOUT: number = 5_000;

  /** A session idle inside an open transaction this long is closed, its locks released (`0`: never). */
  @Duration(POSTGRES_TIMEOUT_LIMIT)
  DB_IDLE_IN_TRANSACTION_TIMEOUT: number = 60_000;

  /** `statement_timeout` of the migrations at start-up, which may rewrite large tables; `0` lifts the limit. */
  @Duration(POSTGRES_TIMEOUT_LIMIT)
  DB_MIGRATION_STATEMENT_TIMEOUT: number = 15 * 60_000;

  /** Longest one try of an event handler, its transaction included; a late try fails and is retried. */
  @Duration()
  @Min(100, { message: 'must be at least 100ms' })
  KAFKA_HANDLER_TIMEOUT: number = 30_000;

  @Required()
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'must be a lower-case PostgreSQL identifier' })
  DB_SCHEMA!: string;

  /** Required unless AUTH_JWKS_URL is set: a JWKS-only deployment accepts no shared-secret tokens at all. */
  @ValidateIf((config: BaseServiceConfig) => !config.AUTH_JWKS_URL || config.AUTH_JWT_SECRET !== undefined)
  @Required()
  @MinLength(32, { message: 'must be at least 32 characters' })
  AUTH_JWT_SECRET?: string;

  /** Key material must not travel in clear text, so plain http is refused beyond this machine. */
  @IsOptional()
  @HttpsUrl()
  AUTH_JWKS_URL?: string;

  /** `iss` of user tokens (the identity provider); checked when set. */
  @IsOptional()
  @IsString()
  AUTH_JWT_ISSUER?: string;

  /** `aud` of every token, user or service; checked when set. */
  @IsOptional()
  @IsString()
  AUTH_JWT_AUDIENCE?: string;

  /** `iss` of platform-service tokens; with AUTH_SERVICE_JWT_SECRET, or no token is a service principal. */
  @IsOptional()
  @IsString()
  AUTH_SERVICE_JWT_ISSUER?: string;

  /** HS256 secrets of platform-service tokens, current first; more than one only while rotating. */
  @IsOptional()
  @CommaSeparated()
  @MinLength(32, { each: true, message: 'each secret must be at least 32 characters' })
  AUTH_SERVICE_JWT_SECRET?: string[];

  /** Oldest accepted token, counted from its `iat`; tokens must then carry one. `0` lifts the limit. */
  @Duration()
  AUTH_JWT_MAX_AGE: number = 24 * 3_600_000;

  /** Base URL of an OTLP/HTTP trace collector, e.g. `http://otel-collector:4318`; no tracing when unset. */
  @IsOptional()
  @HttpUrl()
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** A client must send a request's headers within this; slower clients (slow-loris) are disconnected. */
  @Duration()
  @Min(100, { message: 'must be at least 100ms' })
  HTTP_HEADERS_TIMEOUT: number = 10_000;

  /** A client must send a whole request (headers and body) within this. */
  @Duration()
  @Min(100, { message: 'must be at least 100ms' })
  HTTP_REQUEST_TIMEOUT: number = 30_000;

  /** An idle keep-alive connection is closed after this; longer than the ingress's upstream idle timeout. */
  @Duration()
  @Min(100, { message: 'must be at least 100ms' })
  HTTP_KEEP_ALIVE_TIMEOUT: number = 65_000;

  @OneOf(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'log';

  @OneOf(LOG_FORMATS)
  LOG_FORMAT: LogFormat = 'json';

  override configurationProblems(): ConfigProblem[] {
    const problems = [...super.configurationProblems(), ...this.serviceTokenProblems()];
    if (this.DB_STATEMENT_TIMEOUT > 0 && this.DB_LOCK_TIMEOUT >= this.DB_STATEMENT_TIMEOUT) {
      problems.push({
        variable: 'DB_LOCK_TIMEOUT',
        reason: 'must be shorter than DB_STATEMENT_TIMEOUT, or a lock wait is never reported as one',
      });
    }
    if (this.HTTP_HEADERS_TIMEOUT > this.HTTP_REQUEST_TIMEOUT) {
      problems.push({
        variable: 'HTTP_HEADERS_TIMEOUT',
        reason: 'must not be longer than HTTP_REQUEST_TIMEOUT, which includes the headers',
      });
    }
    return problems;
  }

  get postgres(): PostgresConnection {
    if (this.DATABASE_URL) {
      return { url: this.DATABASE_URL };
    }
    return {
      host: this.PGHOST,
      port: this.PGPORT,
      user: this.PGUSER,
      password: this.PGPASSWORD,
      database: this.PGDATABASE,
    };
  }

  /** Shaped for the persistence library's `timeouts` option. */
  get databaseTimeouts(): DatabaseTimeouts {
    return {
      statementMs: this.DB_STATEMENT_TIMEOUT,
      lockMs: this.DB_LOCK_TIMEOUT,
      idleInTransactionMs: this.DB_IDLE_IN_TRANSACTION_TIMEOUT,
      migrationStatementMs: this.DB_MIGRATION_STATEMENT_TIMEOUT,
    };
  }

  /** Shaped for `bootstrapService`. */
  get httpServer(): { headersTimeoutMs: number; requestTimeoutMs: number; keepAliveTimeoutMs: number } {
    return {
      headersTimeoutMs: this.HTTP_HEADERS_TIMEOUT,
      requestTimeoutMs: this.HTTP_REQUEST_TIMEOUT,
      keepAliveTimeoutMs: this.HTTP_KEEP_ALIVE_TIMEOUT,
    };
  }

  /** Shaped for `AuthModule.forRoot`. */
  get auth(): {
    jwtSecret?: string;
    jwksUrl?: string;
    issuer?: string;
    audience?: string;
    maxTokenAgeSeconds?: number;
    serviceTokens?: { issuer: string; secrets: string[] };
  } {
    const serviceIssuer = this.AUTH_SERVICE_JWT_ISSUER;
    const serviceSecrets = this.AUTH_SERVICE_JWT_SECRET;
    return {
      jwtSecret: this.AUTH_JWT_SECRET,
      jwksUrl: this.AUTH_JWKS_URL,
      issuer: this.AUTH_JWT_ISSUER,
      audience: this.AUTH_JWT_AUDIENCE,
      maxTokenAgeSeconds: this.AUTH_JWT_MAX_AGE > 0 ? Math.ceil(this.AUTH_JWT_MAX_AGE / 1000) : undefined,
      serviceTokens:
        serviceIssuer && serviceSecrets ? { issuer: serviceIssuer, secrets: serviceSecrets } : undefined,
    };
  }

  /** Service tokens must be told apart from user tokens: an issuer and a secret of their own, both or neither. */
  private serviceTokenProblems(): ConfigProblem[] {
    const issuer = this.AUTH_SERVICE_JWT_ISSUER;
    const secrets = this.AUTH_SERVICE_JWT_SECRET;
    const problems: ConfigProblem[] = [];
    if (secrets !== undefined && secrets.length > 0 && issuer === undefined) {
      problems.push({
        variable: 'AUTH_SERVICE_JWT_ISSUER',
        reason: 'is required with AUTH_SERVICE_JWT_SECRET',
      });
    }
    if (issuer !== undefined && (secrets === undefined || secrets.length === 0)) {
      problems.push({
        variable: 'AUTH_SERVICE_JWT_SECRET',
        reason: 'is required with AUTH_SERVICE_JWT_ISSUER',
      });
    }
    if (issuer !== undefined && issuer === this.AUTH_JWT_ISSUER) {
      problems.push({ variable: 'AUTH_SERVICE_JWT_ISSUER', reason: 'must differ from AUTH_JWT_ISSUER' });
    }
    if (this.AUTH_JWT_SECRET !== undefined && secrets?.includes(this.AUTH_JWT_SECRET)) {
      problems.push({ variable: 'AUTH_SERVICE_JWT_SECRET', reason: 'must differ from AUTH_JWT_SECRET' });
    }
    return problems;
  }

  /** Shaped for `startTracing`. */
  get tracing(): { otlpEndpoint?: string } {
    return { otlpEndpoint: this.OTEL_EXPORTER_OTLP_ENDPOINT };
  }

  /** Shaped for `createLogger`. */
  get logging(): { level: LogLevel; format: LogFormat } {
    return { level: this.LOG_LEVEL, format: this.LOG_FORMAT };
  }
}
