import { Injectable, Logger } from '@nestjs/common';
import { ClaimMetrics } from '../claims/claim-metrics';
import { DispatcherConfig } from '../config/dispatcher.config';
import type { DeliveryEntity } from '../deliveries/delivery.entity';
import type { NotificationContext } from '../deliveries/notification-context';
import { TRANSACTIONAL, type SkipReason } from '../policy/delivery-vocabulary';
import { decideOnSend } from '../policy/notification-policy';
import { SendingService } from '../sending/sending.service';
import { PortalLinks } from '../templates/portal-links';
import { digestEntry, type DigestEntry } from './digest-entry';
import { digestModel } from './digest-model';
import { DigestOutcomes, type DigestOutcome } from './digest-outcomes';
import { DigestsRepository, type ClaimedDigest } from './digests.repository';

/** Builds and sends one claimed digest: items re-checked one by one, one email, one recorded outcome. */
@Injectable()
export class DigestSender {
  private readonly logger = new Logger(DigestSender.name);
  private readonly portal: PortalLinks;
  private readonly outcomes: DigestOutcomes;

  constructor(
    config: DispatcherConfig,
    private readonly digests: DigestsRepository,
    private readonly sending: SendingService,
    claimMetrics: ClaimMetrics,
  ) {
    this.portal = new PortalLinks(config.PUBLIC_BASE_URL);
    this.outcomes = new DigestOutcomes(digests, claimMetrics, this.logger);
  }

  /** `items`: the digest's queued items; `context`: what the read models say about them (loaded for its batch). */
  async send(
    digest: ClaimedDigest,
    items: readonly DeliveryEntity[],
    context: NotificationContext,
  ): Promise<DigestOutcome> {
    const kept = await this.keepSendable(digest, items, context);
    const recipient = kept.length > 0 ? context.recipient(kept[0].item) : undefined;
    if (!recipient) {
      return this.outcomes.fenced(digest, await this.digests.markSkipped(digest, 'empty-digest'), 'skipped');
    }
    const entries = kept.map(({ entry }) => entry);
    return this.sending.sendAndRecord(
      {
        recipientUserId: digest.userId,
        recipient,
        build: () => ({
          template: 'digest',
          model: digestModel(recipient.name, digest.kind, entries, new Date()),
        }),
        notificationId: `digest-${digest.id}`,
        category: `digest-${digest.kind}`,
        about: entries.map((entry) => entry.category),
        attempt: digest.attempts,
      },
      (outcome) => this.outcomes.settle(digest, outcome),
    );
  }

  /** Skips, with their reason, the items that may no longer be sent; returns the others with their digest lines. */
  private async keepSendable(
    digest: ClaimedDigest,
    items: readonly DeliveryEntity[],
    context: NotificationContext,
  ): Promise<{ item: DeliveryEntity; entry: DigestEntry }[]> {
    const kept: { item: DeliveryEntity; entry: DigestEntry }[] = [];
    const skipped = new Map<SkipReason, string[]>();
    for (const item of items) {
      const decision = decideOnSend(context.situation(item));
      const event = context.event(item);
      const recipient = context.recipient(item);
      if (decision.action === 'send' && event && recipient && item.category !== TRANSACTIONAL) {
        const facts = context.facts(item, recipient.name);
        try {
          kept.push({ item, entry: digestEntry(item.template, item.category, event, facts, this.portal) });
        } catch (error) {
          await this.digests.failItems(digest, [item.id], 'unrenderable', String(error));
        }
      } else {
        const reason = decision.action === 'skip' ? decision.reason : 'no-profile';
        skipped.set(reason, [...(skipped.get(reason) ?? []), item.id]);
      }
    }
    for (const [reason, ids] of skipped) {
      await this.digests.skipItems(digest, ids, reason);
    }
    return kept;
  }
}
