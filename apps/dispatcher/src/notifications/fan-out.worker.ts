import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { MetricsService } from '@notify/observability';
import type { Counter, Gauge } from 'prom-client';
import { ReplicaLease } from '../claims/replica-lease.service';
import { DispatcherConfig } from '../config/dispatcher.config';
import { FanOutJobsRepository } from './fan-out-jobs.repository';
import { FanOutWakeups } from './fan-out-wakeups';

const ERROR_PAUSE_MS = 1000;

/**
 * Continues the fan-out jobs of large communities one page per transaction while this replica's lease is held,
 * woken when an event leaves a job and polling every FANOUT_POLL_INTERVAL otherwise. On shutdown it finishes the
 * page in hand; the job's cursor tells whoever takes it next where to resume.
 */
@Injectable()
export class FanOutWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(FanOutWorker.name);
  private readonly pendingJobs: Gauge;
  private readonly pages: Counter;
  private running = false;
  private lane?: Promise<void>;

  constructor(
    private readonly config: DispatcherConfig,
    private readonly jobs: FanOutJobsRepository,
    private readonly wakeups: FanOutWakeups,
    private readonly lease: ReplicaLease,
    metrics: MetricsService,
  ) {
    this.pendingJobs = metrics.gauge('dispatcher_fan_out_jobs_pending', 'Fan-out jobs not finished yet');
    this.pages = metrics.counter(
      'dispatcher_fan_out_pages_total',
      'Pages of members planned by fan-out jobs',
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    this.running = true;
    await this.wakeups.start();
    this.lane = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.wakeups.stop();
    await this.lane;
    this.lane = undefined;
  }

  /**
   * Looking for a job is a transaction of its own; after a poll that no notification cut short, one statement
   * counting the pending jobs (the gauge's figure) decides whether to look, so an idle replica polls with it alone.
   */
  private async run(): Promise<void> {
    let look = true;
    while (this.running) {
      try {
        if (look && this.lease.isHeld() && (await this.jobs.planNextPage(this.config.FANOUT_PAGE_SIZE))) {
          this.pages.inc();
          continue;
        }
        if (await this.wakeups.wait(this.config.FANOUT_POLL_INTERVAL)) {
          look = true;
          continue;
        }
        const pending = await this.jobs.pendingCount();
        this.pendingJobs.set(pending);
        look = pending > 0;
      } catch (error) {
        this.logger.error({ msg: 'fan-out page failed; retrying', error: String(error) });
        look = true;
        await this.wakeups.wait(ERROR_PAUSE_MS);
      }
    }
  }
}
