import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ReplicaLease } from '../claims/replica-lease.service';
import { DispatcherConfig } from '../config/dispatcher.config';
import { BatchClaimRepository } from './batch-claim.repository';
import { DeliverySender } from './delivery-sender.service';
import { DeliveryWakeups } from './delivery-wakeups';

const ERROR_PAUSE_MS = 1000;

/**
 * Runs SENDER_CONCURRENCY lanes, each claiming a batch of due deliveries (SKIP LOCKED, so replicas share the
 * work) under this replica's lease and sending it. On shutdown the lanes finish their batch.
 *
 * Idle lanes wait for a wake-up: the NOTIFY of new or handed-back deliveries wakes one, and a lane that claimed a full
 * batch wakes the next. Only the first lane also polls every SENDER_POLL_INTERVAL, for the retries that came due
 * (they send no NOTIFY) and for notifications lost while the listening connection was down; what it finds wakes the
 * others the same way.
 */
@Injectable()
export class DeliverySenderWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliverySenderWorker.name);
  private running = false;
  private lanes: Promise<void>[] = [];

  constructor(
    private readonly config: DispatcherConfig,
    private readonly batches: BatchClaimRepository,
    private readonly sender: DeliverySender,
    private readonly wakeups: DeliveryWakeups,
    private readonly lease: ReplicaLease,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SENDER_ENABLED) {
      return;
    }
    this.running = true;
    await this.wakeups.start();
    this.lanes = Array.from({ length: this.config.SENDER_CONCURRENCY }, (_, lane) =>
      this.runLane(lane === 0 ? this.config.SENDER_POLL_INTERVAL : undefined),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.wakeups.stop();
    await Promise.all(this.lanes);
    this.lanes = [];
  }

  /** `pollInterval`: how long the lane waits for a wake-up before it looks anyway; unset, it waits for one. */
  private async runLane(pollInterval?: number): Promise<void> {
    while (this.running) {
      try {
        const batch = this.lease.isHeld()
          ? await this.batches.claim(this.config.SENDER_BATCH_SIZE, this.lease.replicaId)
          : undefined;
        if (batch?.rows.length === this.config.SENDER_BATCH_SIZE) {
          // More may be due: let another lane claim them while this one sends.
          this.wakeups.wakeOne();
        }
        if (batch && batch.rows.length > 0) {
          await this.sender.sendBatch(batch);
        } else {
          await this.wakeups.wait(pollInterval);
        }
      } catch (error) {
        this.logger.error({ msg: 'sender lane failed; retrying', error: String(error) });
        await this.wakeups.wait(ERROR_PAUSE_MS);
      }
    }
  }
}
