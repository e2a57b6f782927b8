import { Inject, Injectable, Logger } from '@nestjs/common';
import { MESSAGING_OPTIONS } from '../messaging.constants';
import type { ResolvedMessagingOptions } from '../messaging.options';
import { MessagingMetrics } from '../metrics/messaging-metrics';
import { errorMessage } from '../shared/errors';
import { ParkedRowsRepository } from './parked-rows.repository';

/**
 * Keeps `messaging_outbox_parked_rows` equal to the table: every replica counts on an interval (so each reports
 * the same value, whichever parked or retried a row), and again at once after its own changes.
 */
@Injectable()
export class ParkedRowsGauge {
  private readonly logger = new Logger(ParkedRowsGauge.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions,
    private readonly repository: ParkedRowsRepository,
    private readonly metrics: MessagingMetrics,
  ) {}

  start(): void {
    if (this.timer) {
      return;
    }
    this.refreshQuietly();
    this.timer = setInterval(() => this.refreshQuietly(), this.options.parking.gaugeIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  async refresh(): Promise<void> {
    this.metrics.parkedRows(await this.repository.countByTopic());
  }

  /** A refresh that only logs when the database is away: the gauge keeps its last value meanwhile. */
  refreshQuietly(): void {
    this.refresh().catch((error: unknown) =>
      this.logger.warn({ msg: 'could not count parked outbox rows', error: errorMessage(error) }),
    );
  }
}
