import { NOTIFICATION_CATEGORIES, type NotificationCategory } from '@notify/contracts';
import { InvalidLinkError } from './invalid-link.error';
import type { LinkSigner } from './link-signer';

/** What a one-click unsubscribe link stands for: stop one category of emails for one user. */
export interface UnsubscribeClaims {
  userId: string;
  category: NotificationCategory;
}

/** Signed into every token so a link signed for another purpose with the same keys is never honoured. */
export const UNSUBSCRIBE_PURPOSE = 'unsubscribe';

/**
 * Unsubscribe tokens, signed by the dispatcher into the links of its emails and verified by the preferences
 * service, both with the same rotatable key list.
 */
export class UnsubscribeTokens {
  constructor(private readonly signer: LinkSigner) {}

  sign(claims: UnsubscribeClaims, expiresAt: Date): string {
    return this.signer.sign(
      { purpose: UNSUBSCRIBE_PURPOSE, userId: claims.userId, category: claims.category },
      expiresAt,
    );
  }

  /** @throws InvalidLinkError when the token is tampered, expired, malformed, of another purpose or of an unknown key. */
  verify(token: string, now: Date = new Date()): UnsubscribeClaims {
    const { purpose, userId, category } = this.signer.verify(token, now);
    if (purpose !== UNSUBSCRIBE_PURPOSE || !userId || !isCategory(category)) {
      throw new InvalidLinkError('malformed');
    }
    return { userId, category };
  }
}

function isCategory(value: string | undefined): value is NotificationCategory {
  return (NOTIFICATION_CATEGORIES as readonly (string | undefined)[]).includes(value);
}
