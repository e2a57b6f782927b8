import type { DeliveryEntity } from './delivery.entity';
import { TRANSACTIONAL } from '../policy/delivery-vocabulary';
import type { NotifiableEvent } from '../policy/notifiable-event';
import type { SendSituation } from '../policy/notification-policy';
import type { CommunityEntity } from '../read-models/community.entity';
import { membershipKey } from '../read-models/memberships.repository';
import { preferenceOf, type ProfileEntity } from '../read-models/profile.entity';
import type { ModelFacts } from '../sending/email-models';
import { recipientOf, type Recipient } from '../sending/recipient';

/** Everything the read models say about a batch of notifications at the moment their emails are built. */
export class NotificationContext {
  constructor(
    private readonly events: ReadonlyMap<string, NotifiableEvent>,
    private readonly communities: ReadonlyMap<string, CommunityEntity>,
    private readonly profiles: ReadonlyMap<string, ProfileEntity>,
    private readonly memberships: ReadonlySet<string>,
    private readonly suppressed: ReadonlySet<string>,
  ) {}

  event(row: DeliveryEntity): NotifiableEvent | undefined {
    return this.events.get(row.eventRef);
  }

  recipient(row: DeliveryEntity): Recipient | undefined {
    return recipientOf(this.profiles.get(row.recipientUserId));
  }

  /** The facts `decideOnSend` needs about this notification now. */
  situation(row: DeliveryEntity): SendSituation {
    const profile = this.profiles.get(row.recipientUserId);
    const recipient = this.recipient(row);
    return {
      category: row.category,
      membersOnly: row.membersOnly,
      isMember:
        row.communityId !== null &&
        this.memberships.has(membershipKey({ communityId: row.communityId, userId: row.recipientUserId })),
      preference: profile && row.category !== TRANSACTIONAL ? preferenceOf(profile, row.category) : undefined,
      hasAddress: recipient !== undefined,
      suppressed: recipient !== undefined && this.suppressed.has(recipient.email),
    };
  }

  facts(row: DeliveryEntity, recipientName: string): ModelFacts {
    return {
      recipientName,
      community: this.community(row),
      nameOf: (userId) => this.profiles.get(userId)?.displayName ?? userId,
    };
  }

  private community(row: DeliveryEntity): CommunityEntity | undefined {
    return row.communityId === null ? undefined : this.communities.get(row.communityId);
  }
}
