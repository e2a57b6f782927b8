import { Inject, Injectable, Logger } from '@nestjs/common';
import { MESSAGING_OPTIONS } from '../messaging.constants';
import type { ResolvedMessagingOptions } from '../messaging.options';
import { errorMessage } from '../shared/errors';
import { HousekeepingRepository, type SweptTable } from './housekeeping.repository';

export interface HousekeepingReport {
  outboxRows: number;
  inboxRows: number;
}

/**
 * Deletes published outbox rows and inbox rows older than the retention, which is therefore also the window in
 * which a redelivered event is recognised as a duplicate. Every replica runs it; one at a time gets through.
 */
@Injectable()
export class HousekeepingService {
  private readonly logger = new Logger(HousekeepingService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions,
    private readonly repository: HousekeepingRepository,
  ) {}

  start(): void {
    if (this.timer) {
      return;
    }
    this.timer = setInterval(() => {
      this.running ??= this.sweep()
        .catch((error: unknown) =>
          this.logger.warn({ msg: 'housekeeping failed', error: errorMessage(error) }),
        )
        .finally(() => (this.running = undefined));
    }, this.options.housekeeping.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  async sweep(now = new Date()): Promise<HousekeepingReport> {
    const cutoff = new Date(now.getTime() - this.options.housekeeping.retentionMs);
    const report = {
      outboxRows: await this.drain('outbox', cutoff),
      inboxRows: await this.drain('inbox', cutoff),
    };
    if (report.outboxRows + report.inboxRows > 0) {
      this.logger.log({ msg: 'housekeeping deleted expired rows', ...report });
    }
    return report;
  }

  private async drain(table: SweptTable, cutoff: Date): Promise<number> {
    const { batchSize } = this.options.housekeeping;
    let total = 0;
    for (;;) {
      const deleted = await this.repository.deleteExpired(table, cutoff, batchSize);
      total += deleted ?? 0;
      if (deleted === undefined || deleted < batchSize) {
        return total;
      }
    }
  }
}
