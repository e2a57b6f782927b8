import { Injectable, Logger } from '@nestjs/common';
import { ReplicaLease } from '../claims/replica-lease.service';
import { DispatcherConfig } from '../config/dispatcher.config';
import { NotificationContextLoader } from '../deliveries/notification-context.loader';
import { ProfilesRepository } from '../read-models/profiles.repository';
import { AlertSummarySender } from './alert-summary-sender.service';
import { dueZones, type DuePeriod } from './digest-schedule';
import type { DigestOutcome } from './digest-outcomes';
import { DigestSender } from './digest-sender.service';
import { DigestsRepository } from './digests.repository';

export interface DigestRunSummary {
  at: string;
  /** Digests opened by this run for the periods due at `at`. */
  opened: number;
  sent: number;
  skipped: number;
  failed: number;
  /** Digests left pending for a later try (transient failure, sending paused). */
  retrying: number;
  /** Results discarded because their claim was taken over meanwhile. */
  fenced: number;
}

/**
 * Builds and sends the digests due at an instant: for every time zone whose local hour is the configured one,
 * users with queued items get this period's digest, batch by batch; moderators with alerts held back by the hourly
 * cap get the summary of each hour that ended; digests waiting for a retry go out too.
 */
@Injectable()
export class DigestRunner {
  private readonly logger = new Logger(DigestRunner.name);

  constructor(
    private readonly config: DispatcherConfig,
    private readonly profiles: ProfilesRepository,
    private readonly digests: DigestsRepository,
    private readonly sender: DigestSender,
    private readonly alertSummaries: AlertSummarySender,
    private readonly contexts: NotificationContextLoader,
    private readonly lease: ReplicaLease,
  ) {}

  async run(at: Date): Promise<DigestRunSummary> {
    const summary: DigestRunSummary = {
      at: at.toISOString(),
      opened: 0,
      sent: 0,
      skipped: 0,
      failed: 0,
      retrying: 0,
      fenced: 0,
    };
    const due = dueZones(at, await this.profiles.timeZones(), this.config.digestSchedule);
    for (const { period, timeZones } of due.values()) {
      summary.opened += await this.openPeriod(period, timeZones);
    }
    summary.opened += await this.openAlertSummaries(at);
    await this.sendDue(summary);
    if (summary.opened > 0) {
      this.logger.log({ msg: 'digest run', ...summary });
    }
    return summary;
  }

  /**
   * Sends every digest that is due, claimed under this replica's lease, in SENDER_CONCURRENCY lanes: a lane claims
   * its next batch while the others still send, so SES is not left waiting on a batch's slowest email.
   */
  private async sendDue(summary: DigestRunSummary): Promise<void> {
    const lanes = await Promise.allSettled(
      Array.from({ length: this.config.SENDER_CONCURRENCY }, () => this.sendLane(summary)),
    );
    const failed = lanes.find((lane) => lane.status === 'rejected');
    if (failed) {
      throw failed.reason;
    }
  }

  private async sendLane(summary: DigestRunSummary): Promise<void> {
    while (this.lease.isHeld()) {
      const claimed = await this.digests.claimDue(this.config.SENDER_BATCH_SIZE, this.lease.replicaId);
      if (claimed.length === 0) {
        return;
      }
      // One read of the batch's items and one of their context, rather than one of each per digest.
      const items = await this.digests.itemsOf(claimed.map((digest) => digest.id));
      const context = await this.contexts.load([...items.values()].flat());
      const outcomes = await Promise.allSettled(
        claimed.map((digest) => {
          const itemsOfDigest = items.get(digest.id) ?? [];
          return digest.kind === 'alerts'
            ? this.alertSummaries.send(digest, itemsOfDigest, context)
            : this.sender.send(digest, itemsOfDigest, context);
        }),
      );
      for (const outcome of outcomes) {
        if (outcome.status === 'fulfilled') {
          count(summary, outcome.value);
        } else {
          // Its claim stays until CLAIM_TIMEOUT takes it back, so it is tried again.
          summary.retrying++;
          this.logger.error({ msg: 'digest could not be sent', error: String(outcome.reason) });
        }
      }
    }
  }

  private async openAlertSummaries(at: Date): Promise<number> {
    const batchSize = this.config.DIGEST_USER_BATCH_SIZE;
    let opened = 0;
    for (;;) {
      const batch = await this.digests.openAlertSummaries(at, batchSize);
      opened += batch;
      if (batch === 0) {
        return opened;
      }
    }
  }

  private async openPeriod(period: DuePeriod, timeZones: string[]): Promise<number> {
    const pageSize = this.config.DIGEST_USER_BATCH_SIZE;
    let opened = 0;
    let after = '';
    for (;;) {
      const page = await this.digests.openDigestPage(
        period,
        timeZones,
        after,
        pageSize,
        this.config.DIGEST_MAX_ITEMS,
      );
      opened += page.opened;
      if (page.lastUserId === null || page.users < pageSize) {
        return opened;
      }
      after = page.lastUserId;
    }
  }
}

function count(summary: DigestRunSummary, outcome: DigestOutcome): void {
  switch (outcome) {
    case 'sent':
      summary.sent++;
      return;
    case 'skipped':
      summary.skipped++;
      return;
    case 'failed':
      summary.failed++;
      return;
    case 'retry':
      summary.retrying++;
      return;
    case 'fenced':
      summary.fenced++;
      return;
  }
}
