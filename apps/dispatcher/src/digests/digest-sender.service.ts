import { Injectable, Logger } from '@nestjs/common';
import { digestEntry, type DigestEntry } from '../composition/digest-entry';
import type { NotificationContext } from '../composition/notification-context';
import { NotificationContextLoader } from '../composition/notification-context.loader';
import { outcomeOfFailure } from '../composition/send-failure';
import { UnsubscribeLinks } from '../composition/unsubscribe-links';
import { DispatcherConfig } from '../config/dispatcher.config';
import type { DeliveryEntity } from '../deliveries/delivery.entity';
import { EmailSender } from '../email/email-sender.service';
import { TRANSACTIONAL, type SkipReason } from '../policy/delivery-vocabulary';
import { decideOnSend } from '../policy/notification-policy';
import { EmailRenderer } from '../templates/email-renderer.service';
import { PortalLinks } from '../templates/portal-links';
import { digestModel } from './digest-model';
import { DigestsRepository, type ClaimedDigest } from './digests.repository';

export type DigestOutcome = 'sent' | 'skipped' | 'failed' | 'retry';

const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;

/** Builds and sends one claimed digest: items re-checked one by one, one email, one recorded outcome. */
@Injectable()
export class DigestSender {
  private readonly logger = new Logger(DigestSender.name);
  private readonly portal: PortalLinks;

  constructor(
    private readonly config: DispatcherConfig,
    private readonly digests: DigestsRepository,
    private readonly contexts: NotificationContextLoader,
    private readonly renderer: EmailRenderer,
    private readonly emails: EmailSender,
    private readonly unsubscribeLinks: UnsubscribeLinks,
  ) {
    this.portal = new PortalLinks(config.PUBLIC_BASE_URL);
  }

  async send(digest: ClaimedDigest): Promise<DigestOutcome> {
    const items = await this.digests.items(digest.id);
    const context = await this.contexts.load(items);
    const kept = await this.keepSendable(items, context);
    const recipient = kept.length > 0 ? context.recipient(kept[0].item) : undefined;
    if (!recipient) {
      await this.digests.markSkipped(digest.id, 'empty-digest');
      return 'skipped';
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
      return this.recordFailure(digest, error);
    }
    // Not caught: an unrecorded send keeps its claim, which expires and sends again (counted) rather than losing it.
    await this.digests.markSent(digest.id, messageId, language);
    return 'sent';
  }

  /** One-click unsubscribe only when the whole digest is about one category the user can switch off. */
  private unsubscribeUrl(userId: string, entries: readonly DigestEntry[]): string | undefined {
    const categories = new Set(entries.map((entry) => entry.category));
    return categories.size === 1 ? this.unsubscribeLinks.forCategory(userId, [...categories][0]) : undefined;
  }

  /** Skips, with their reason, the items that may no longer be sent; returns the others with their digest lines. */
  private async keepSendable(
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
          await this.digests.failItems([item.id], 'unrenderable', String(error));
        }
      } else {
        const reason = decision.action === 'skip' ? decision.reason : 'no-profile';
        skipped.set(reason, [...(skipped.get(reason) ?? []), item.id]);
      }
    }
    for (const [reason, ids] of skipped) {
      await this.digests.skipItems(ids, reason);
    }
    return kept;
  }

  private async recordFailure(digest: ClaimedDigest, error: unknown): Promise<DigestOutcome> {
    const outcome = outcomeOfFailure(error, digest.attempts, new Date(), {
      maxAttempts: this.config.SENDER_MAX_ATTEMPTS,
      firstDelayMs: this.config.SENDER_RETRY_DELAY,
      maxDelayMs: MAX_RETRY_DELAY_MS,
    });
    if (outcome.kind === 'failed') {
      this.logger.warn({
        msg: 'digest failed',
        digest: digest.id,
        reason: outcome.reason,
        detail: outcome.detail,
      });
      await this.digests.markFailed(digest.id, outcome.reason, outcome.detail);
      return 'failed';
    }
    await this.digests.retryLater(digest.id, outcome.at, outcome.detail, outcome.countAttempt);
    return 'retry';
  }
}
