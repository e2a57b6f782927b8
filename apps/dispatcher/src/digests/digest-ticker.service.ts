import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DispatcherConfig } from '../config/dispatcher.config';
import { DigestRunner } from './digest-runner.service';

/** Runs the digest schedule every DIGEST_TICK_INTERVAL on each replica; replicas share the work through row locks. */
@Injectable()
export class DigestTicker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DigestTicker.name);
  private timer?: NodeJS.Timeout;
  private current?: Promise<void>;

  constructor(
    private readonly config: DispatcherConfig,
    private readonly runner: DigestRunner,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.DIGEST_TICK_INTERVAL > 0) {
      this.timer = setInterval(() => this.tick(), this.config.DIGEST_TICK_INTERVAL);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.current;
  }

  private tick(): void {
    if (this.current) {
      return;
    }
    this.current = this.runner
      .run(new Date())
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error({ msg: 'digest run failed', error: String(error) }))
      .finally(() => {
        this.current = undefined;
      });
  }
}
