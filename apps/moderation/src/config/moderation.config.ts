import { BaseServiceConfig, Duration } from '@notify/config';
import { IsInt, Max, Min } from 'class-validator';

const HOUR_MS = 3_600_000;

/** Environment of the moderation service; defaults suit a local run. */
export class ModerationConfig extends BaseServiceConfig {
  override PORT = 3002;
  override DB_SCHEMA = 'moderation';

  /** How long an item waits before its community's moderators are reminded (once). */
  @Duration()
  REMINDER_AFTER: number = 48 * HOUR_MS;

  /** How often this replica looks for items due a reminder; 0 turns the scheduler off. */
  @Duration()
  REMINDER_SCAN_INTERVAL: number = 60_000;

  @IsInt({ message: 'must be a whole number between 1 and 10000' })
  @Min(1, { message: 'must be a whole number between 1 and 10000' })
  @Max(10_000, { message: 'must be a whole number between 1 and 10000' })
  REMINDER_BATCH_SIZE: number = 200;
}
