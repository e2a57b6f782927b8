import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { RateLimitCountersRepository } from './rate-limit-counters.repository';
import { RATE_LIMIT_OPTIONS, type RateLimitOptions } from './rate-limit-options';

const DEFAULT_CLEANUP_INTERVAL_MS = 10 * 60_000;

/** Deletes the counters of ended windows now and then; any replica may do it, deleting twice is harmless. */
@Injectable()
export class RateLimitCleanup implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RateLimitCleanup.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(RATE_LIMIT_OPTIONS) private readonly options: RateLimitOptions,
    private readonly counters: RateLimitCountersRepository,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.options.cleanupIntervalMs ?? DEFAULT_CLEANUP_INTERVAL_MS;
    if (interval > 0) {
      this.timer = setInterval(() => void this.run(), interval);
      this.timer.unref();
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async run(): Promise<number> {
    try {
      return await this.counters.deleteEnded(this.options.now?.() ?? new Date());
    } catch (error) {
      this.logger.warn(`Could not delete ended rate-limit windows: ${String(error)}`);
      return 0;
    }
  }
}
