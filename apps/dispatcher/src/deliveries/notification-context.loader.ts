import { Injectable } from '@nestjs/common';
import type { DeliveryEntity } from './delivery.entity';
import { SuppressionService } from '../email/suppression.service';
import { NotificationEventsRepository } from './notification-events.repository';
import { CommunitiesRepository } from '../read-models/communities.repository';
import { MembershipsRepository } from '../read-models/memberships.repository';
import { ProfilesRepository } from '../read-models/profiles.repository';
import { usersNamedBy } from '../sending/email-models';
import { NotificationContext } from './notification-context';
import { recipientOf } from '../sending/recipient';
import { toNotifiableEvent } from './stored-event';

/** Reads, in a few set-based queries, what a batch of notifications needs to be decided and rendered. */
@Injectable()
export class NotificationContextLoader {
  constructor(
    private readonly events: NotificationEventsRepository,
    private readonly communities: CommunitiesRepository,
    private readonly profiles: ProfilesRepository,
    private readonly memberships: MembershipsRepository,
    private readonly suppressions: SuppressionService,
  ) {}

  async load(rows: readonly DeliveryEntity[]): Promise<NotificationContext> {
    const [storedEvents, communities] = await Promise.all([
      this.events.findByIds(rows.map((row) => row.eventRef)),
      this.communities.findByIds(rows.flatMap((row) => (row.communityId === null ? [] : [row.communityId]))),
    ]);
    const events = new Map(storedEvents.map((stored) => [stored.id, toNotifiableEvent(stored)]));
    const communityById = new Map(communities.map((community) => [community.communityId, community]));
    const namedUsers = [...events.values()].flatMap(usersNamedBy);
    const [profiles, memberships] = await Promise.all([
      this.profiles.findByIds([...rows.map((row) => row.recipientUserId), ...namedUsers]),
      this.memberships.currentMemberships(
        rows.flatMap((row) =>
          row.membersOnly && row.communityId !== null
            ? [{ communityId: row.communityId, userId: row.recipientUserId }]
            : [],
        ),
      ),
    ]);
    const profileById = new Map(profiles.map((profile) => [profile.userId, profile]));
    const addresses = rows.flatMap((row) => {
      const recipient = recipientOf(profileById.get(row.recipientUserId));
      return recipient ? [recipient.email] : [];
    });
    const suppressed =
      addresses.length > 0 ? await this.suppressions.suppressedAmong(addresses) : new Set<string>();
    return new NotificationContext(events, communityById, profileById, memberships, suppressed);
  }
}
