import { Injectable } from '@nestjs/common';
import { NOTIFICATION_CATEGORIES, type NotificationCategory } from '@notify/contracts';
import { InvalidLinkError, LinkSigner } from '@notify/security';

/**
 * Claims of a one-click unsubscribe token. The dispatcher signs the same claims with the same keys and puts
 * `<base URL>/unsubscribe?token=<token>` in the List-Unsubscribe header and the email footer.
 */
export interface UnsubscribeClaims {
  userId: string;
  category: NotificationCategory;
}

export const UNSUBSCRIBE_PURPOSE = 'unsubscribe';

/** Signs and reads unsubscribe tokens; any token signed for another purpose or category is malformed. */
@Injectable()
export class UnsubscribeTokens {
  constructor(private readonly signer: LinkSigner) {}

  sign(claims: UnsubscribeClaims, expiresAt: Date): string {
    return this.signer.sign(
      { purpose: UNSUBSCRIBE_PURPOSE, userId: claims.userId, category: claims.category },
      expiresAt,
    );
  }

  /** @throws InvalidLinkError when the token is tampered, expired, malformed or signed with an unknown key. */
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
