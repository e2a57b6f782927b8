import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { MetricsService } from '@notify/observability';
import type { Counter } from 'prom-client';
import { DispatcherConfig } from '../config/dispatcher.config';
import { RetentionRepository } from './retention.repository';

export interface RetentionReport {
  deliveries: number;
  digests: number;
  emptiedPayloads: number;
  events: number;
  fanOutJobs: number;
}

/**
 * Keeps the delivery log for RETENTION_DELIVERY_LOG and event payloads (and finished fan-out jobs, which hold
 * what their event's members were planned from) for RETENTION_EVENT_PAYLOADS: every
 * RETENTION_INTERVAL it deletes (or empties) the expired rows batch by batch, each batch a short transaction.
 */
@Injectable()
export class RetentionJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RetentionJob.name);
  private readonly removed: Counter<'table'>;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  /** Payloads up to this id are already empty; kept between sweeps so a sweep does not walk them again. */
  private emptiedUpTo = '0';

  constructor(
    private readonly config: DispatcherConfig,
    private readonly repository: RetentionRepository,
    metrics: MetricsService,
  ) {
    this.removed = metrics.counter(
      'dispatcher_retention_rows_total',
      'Rows deleted (or payloads emptied) by the retention job',
      ['table'],
    );
  }

  onApplicationBootstrap(): void {
    if (this.config.RETENTION_INTERVAL === 0) {
      return;
    }
    this.timer = setInterval(() => {
      this.running ??= this.sweep()
        .catch((error: unknown) => this.logger.warn({ msg: 'retention sweep failed', error: String(error) }))
        .finally(() => (this.running = undefined));
    }, this.config.RETENTION_INTERVAL);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async sweep(now = new Date()): Promise<RetentionReport> {
    const logCutoff = new Date(now.getTime() - this.config.RETENTION_DELIVERY_LOG);
    const payloadCutoff = new Date(now.getTime() - this.config.RETENTION_EVENT_PAYLOADS);
    const limit = this.config.RETENTION_BATCH_SIZE;
    const report: RetentionReport = {
      deliveries: await this.drain((size) => this.repository.deleteDeliveries(logCutoff, size)),
      digests: await this.drain((size) => this.repository.deleteDigests(logCutoff, size)),
      emptiedPayloads: 0,
      events: 0,
      fanOutJobs: await this.drain((size) => this.repository.deleteFanOutJobs(payloadCutoff, size)),
    };
    for (;;) {
      const { emptied, lastId } = await this.repository.emptyEventPayloads(
        payloadCutoff,
        this.emptiedUpTo,
        limit,
      );
      report.emptiedPayloads += emptied;
      if (lastId === undefined) {
        break;
      }
      this.emptiedUpTo = lastId;
    }
    report.events = await this.drain((size) => this.repository.deleteOrphanEvents(logCutoff, size));
    for (const [table, count] of Object.entries(report) as [string, number][]) {
      this.removed.inc({ table }, count);
    }
    if (Object.values(report).some((count) => count > 0)) {
      this.logger.log({ msg: 'retention sweep', ...report });
    }
    return report;
  }

  private async drain(batch: (limit: number) => Promise<number>): Promise<number> {
    const limit = this.config.RETENTION_BATCH_SIZE;
    let total = 0;
    for (;;) {
      const removed = await batch(limit);
      total += removed;
      if (removed < limit) {
        return total;
      }
    }
  }
}
