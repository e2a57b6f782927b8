import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ModerationConfig } from '../config/moderation.config';
import { RemindersService } from './reminders.service';

/** Looks for due reminders every REMINDER_SCAN_INTERVAL on every replica; row locks keep them from overlapping. */
@Injectable()
export class ReminderScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReminderScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly reminders: RemindersService,
    private readonly config: ModerationConfig,
  ) {}

  onApplicationBootstrap(): void {
    const intervalMs = this.config.REMINDER_SCAN_INTERVAL;
    if (intervalMs > 0) {
      this.timer = setInterval(() => this.tick(), intervalMs);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) {
      return;
    }
    this.running = this.reminders
      .remindDue()
      .then(() => undefined)
      .catch((error: unknown) =>
        this.logger.error(`Reminder run failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => {
        this.running = undefined;
      });
  }
}
