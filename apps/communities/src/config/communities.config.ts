import { BaseServiceConfig, CountPerWindowField, type CountPerWindow } from '@notify/config';

const HOUR_MS = 3_600_000;

/** Environment of the communities service; defaults suit a local run. */
export class CommunitiesConfig extends BaseServiceConfig {
  override PORT = 3001;
  override DB_SCHEMA = 'communities';

  /** Joins and access requests one user may make per window, e.g. `10/1h`; each one emails moderators. */
  @CountPerWindowField()
  RATE_LIMIT_JOIN: CountPerWindow = { limit: 10, windowMs: HOUR_MS };

  /** Submissions one user may make per window, e.g. `20/1h`; each one emails moderators. */
  @CountPerWindowField()
  RATE_LIMIT_SUBMIT: CountPerWindow = { limit: 20, windowMs: HOUR_MS };
}
