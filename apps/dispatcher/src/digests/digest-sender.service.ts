import { Injectable, Logger } from '@nestjs/common';
import { digestEntry, type DigestEntry } from '../composition/digest-entry';
import type { NotificationContext } from '../composition/notification-context';
import { NotificationContextLoader } from '../composition/notification-context.loader';
import { UnsubscribeLinks } from '../composition/unsubscribe-links';
import { ClaimMetrics } from '../claims/claim-metrics';
import { DispatcherConfig } from '../config/dispatcher.config';
import type { DeliveryEntity } from '../deliveries/delivery.entity';
import { EmailSender } from '../email/email-sender.service';
import { TRANSACTIONAL, type SkipReason } from '../policy/delivery-vocabulary';
import { decideOnSend } from '../policy/notification-policy';
import { EmailRenderer } from '../templates/email-renderer.service';
import { PortalLinks } from '../templates/portal-links';
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
    private readonly contexts: NotificationContextLoader,
    private readonly renderer: EmailRenderer,
    private readonly emails: EmailSender,
    private readonly unsubscribeLinks: UnsubscribeLinks,
    claimMetrics: ClaimMetrics,
  ) {
    this.portal = new PortalLinks(config.PUBLIC_BASE_URL);
    this.outcomes = new DigestOutcomes(config, digests, claimMetrics, this.logger);
  }

  async send(digest: ClaimedDigest): Promise<DigestOutcome> {
    const items = await this.digests.items(digest.id);
    const context = await this.contexts.load(items);
    const kept = await this.keepSendable(digest, items, context);
    const recipient = kept.length > 0 ? context.recipient(kept[0].item) : undefined;
    if (!recipient) {
      return this.outcomes.fenced(digest, await this.digests.markSkipped(digest, 'empty-digest'), 'skipped');
    }
    const entries = kept.map(({ entry }) => entry);
    const unsubscribeUrl = this.unsubscribeUrl(digest.userId, entries);
    let messageId: string;
    let language: string;
    try {
      const model = digestModel(recipient.name, digest.kind, entries, new Date());
      const { language: written, ...rendered } = this.renderer.render('digest', recipient.locale, model, {
        unsubscribeUrl,
        timeZone: recipient.timeZone,
      });
      language = written;
      ({ messageId } = await this.emails.send({
        to: recipient.email,
        ...rendered,
        notificationId: `digest-${digest.id}`,
        template: 'digest',
        category: `digest-${digest.kind}`,
        unsubscribe: unsubscribeUrl ? { url: unsubscribeUrl } : undefined,
      }));
    } catch (error) {
      return this.outcomes.failure(digest, error);
    }
    // Not caught: an unrecorded send keeps its claim, which is taken back and sent again (counted), not lost.
    return this.outcomes.fenced(digest, await this.digests.markSent(digest, messageId, language), 'sent');
  }

  /** One-click unsubscribe only when the whole digest is about one category the user can switch off. */
  private unsubscribeUrl(userId: string, entries: readonly DigestEntry[]): string | undefined {
    const categories = new Set(entries.map((entry) => entry.category));
    return categories.size === 1 ? this.unsubscribeLinks.forCategory(userId, [...categories][0]) : undefined;
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
