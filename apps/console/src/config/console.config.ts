import { IsInt, Max, Min, MinLength } from 'class-validator';
import { BaseServiceConfig, Duration, Flag, HttpUrl, Required, type ConfigProblem } from '@notify/config';

/** The only place the console reads its environment. */
export class ConsoleConfig extends BaseServiceConfig {
  override PORT: number = 3005;

  override DB_SCHEMA: string = 'console';

  override DB_POOL_SIZE: number = 4;

  /** Keys the CSRF tokens of the forms to the session; at least 32 characters, never shared with another app. */
  @Required()
  @MinLength(32, { message: 'must be at least 32 characters' })
  CONSOLE_SESSION_SECRET!: string;

  /** How long a session cookie lives at most; the token inside it may expire sooner. */
  @Duration()
  CONSOLE_SESSION_MAX_AGE: number = 8 * 3_600_000;

  /** Development only: a sign-in form that mints a token for any user and role. Never on in production. */
  @Flag()
  CONSOLE_DEV_SIGN_IN: boolean = false;

  /** Lifetime of the service tokens the console signs for its calls to the other services. */
  @Duration()
  CONSOLE_SERVICE_TOKEN_TTL: number = 5 * 60_000;

  /** Rows per page; at most 200, the largest page the services' list endpoints answer. */
  @IsInt()
  @Min(1)
  @Max(200)
  CONSOLE_PAGE_SIZE: number = 50;

  /** How often the status page's metrics are sampled in the background; `0` samples only when the page is viewed. */
  @Duration()
  CONSOLE_STATUS_INTERVAL: number = 15_000;

  /** Samples kept in memory per chart (with the default interval, 30 minutes). */
  @IsInt()
  @Min(2)
  @Max(1000)
  CONSOLE_STATUS_SAMPLES: number = 120;

  @HttpUrl()
  COMMUNITIES_URL: string = 'http://127.0.0.1:3001';

  @HttpUrl()
  MODERATION_URL: string = 'http://127.0.0.1:3002';

  @HttpUrl()
  PREFERENCES_URL: string = 'http://127.0.0.1:3003';

  @HttpUrl()
  DISPATCHER_URL: string = 'http://127.0.0.1:3004';

  /** The development sign-in and, without service keys, the console's service tokens use the shared user secret. */
  override configurationProblems(): ConfigProblem[] {
    const problems = super.configurationProblems();
    if (!this.AUTH_JWT_SECRET && (this.CONSOLE_DEV_SIGN_IN || !this.AUTH_SERVICE_JWT_SECRET)) {
      problems.push({
        variable: 'AUTH_JWT_SECRET',
        reason: 'is required by the console for the development sign-in, or for service tokens without AUTH_SERVICE_JWT_*',
      });
    }
    return problems;
  }

  get upstreams(): Record<UpstreamService, string> {
    return {
      communities: this.COMMUNITIES_URL,
      moderation: this.MODERATION_URL,
      preferences: this.PREFERENCES_URL,
      dispatcher: this.DISPATCHER_URL,
    };
  }
}

export const UPSTREAM_SERVICES = ['communities', 'moderation', 'preferences', 'dispatcher'] as const;
export type UpstreamService = (typeof UPSTREAM_SERVICES)[number];
