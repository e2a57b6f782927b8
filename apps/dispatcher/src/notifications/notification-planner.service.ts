import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DispatcherConfig } from '../config/dispatcher.config';
import { DeliveriesRepository, type NewDelivery } from '../deliveries/deliveries.repository';
import { NotificationEventsRepository, storedEventKey } from '../deliveries/notification-events.repository';
import { TRANSACTIONAL } from '../policy/delivery-vocabulary';
import type { NotifiableEvent } from '../policy/notifiable-event';
import { decideOnEvent, fanOutRules } from '../policy/notification-policy';
import { intentsFor, type NotificationIntent, type RecipientRole } from '../policy/recipient-rules';
import type { CommunityEntity } from '../read-models/community.entity';
import { CommunitiesRepository } from '../read-models/communities.repository';
import { MembershipsRepository, membershipKey } from '../read-models/memberships.repository';
import { preferenceOf, type ProfileEntity } from '../read-models/profile.entity';
import { ProfilesRepository } from '../read-models/profiles.repository';
import { MemberFanOutRepository } from './member-fan-out.repository';
import { ModeratorAlertCap } from './moderator-alert-cap.service';

/** An event with what it causes, once stored. */
interface PlannedEvent {
  eventRef: string;
  event: NotifiableEvent;
  community: CommunityEntity | null;
  intents: NotificationIntent[];
}

interface Candidate {
  eventRef: string;
  intent: NotificationIntent;
  userId: string;
  role: RecipientRole;
}

/**
 * Turns events into delivery rows, in the consumer's transaction: who receives each one and what happens to each
 * recipient. Events are planned together, so a batch costs a few statements whatever its size.
 */
@Injectable()
export class NotificationPlanner {
  private readonly logger = new Logger(NotificationPlanner.name);

  constructor(
    private readonly config: DispatcherConfig,
    private readonly events: NotificationEventsRepository,
    private readonly communities: CommunitiesRepository,
    private readonly profiles: ProfilesRepository,
    private readonly memberships: MembershipsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly fanOut: MemberFanOutRepository,
    private readonly alertCap: ModeratorAlertCap,
  ) {}

  async plan(events: readonly NotifiableEvent[], tx: EntityManager): Promise<void> {
    const planned = await this.store(events, tx);
    if (planned.length === 0) {
      return;
    }
    const candidates = planned.flatMap((item) =>
      item.intents.flatMap((intent) => this.candidatesOf(item, intent)),
    );
    const occurredAt = new Map(planned.map((item) => [item.eventRef, new Date(item.event.time)]));
    const decided = (await this.decide(candidates, tx)).map((delivery) => ({
      delivery,
      occurredAt: occurredAt.get(delivery.eventRef) ?? new Date(),
    }));
    let pending = await this.deliveries.insertMany(await this.alertCap.apply(decided, tx), tx);
    for (const item of planned) {
      for (const intent of item.intents) {
        pending += await this.notifyMembers(item.eventRef, intent, item.community, tx);
      }
    }
    if (pending > 0) {
      await this.deliveries.wakeSenders(tx);
    }
  }

  /** Stores the events that notify anyone and were not stored before, with their intents. */
  private async store(events: readonly NotifiableEvent[], tx: EntityManager): Promise<PlannedEvent[]> {
    const communityIds = events.flatMap((event) => {
      const communityId = communityIdOf(event);
      return communityId ? [communityId] : [];
    });
    const communities = new Map(
      (await this.communities.findByIds(communityIds, tx)).map((community) => [
        community.communityId,
        community,
      ]),
    );
    const notifying = events.flatMap((event) => {
      const communityId = communityIdOf(event);
      const community = communityId ? (communities.get(communityId) ?? null) : null;
      const intents = intentsFor(event, community ?? undefined);
      return intents.length > 0 ? [{ event, community, intents }] : [];
    });
    const refs = await this.events.insertMany(
      notifying.map(({ event }) => event),
      tx,
    );
    return notifying.flatMap((item) => {
      const eventRef = refs.get(storedEventKey(item.event));
      return eventRef === undefined ? [] : [{ ...item, eventRef }];
    });
  }

  /** Fans an intent addressed to a community's members out in the database; returns the rows pending sending. */
  private notifyMembers(
    eventRef: string,
    intent: NotificationIntent,
    community: CommunityEntity | null,
    tx: EntityManager,
  ): Promise<number> {
    if (intent.audience.kind !== 'members' || !intent.communityId || intent.category === TRANSACTIONAL) {
      return Promise.resolve(0);
    }
    const moderators = intent.audience.excludeModerators ? (community?.moderators ?? []) : [];
    return this.fanOut.insertForMembers(
      {
        eventRef,
        communityId: intent.communityId,
        template: intent.template,
        category: intent.category,
        membersOnly: intent.membersOnly,
        actorUserId: intent.actorUserId,
        excludedUserIds: moderators.map((moderator) => moderator.userId),
        rules: fanOutRules(intent.category),
      },
      this.config.FANOUT_PAGE_SIZE,
      tx,
    );
  }

  private candidatesOf(item: PlannedEvent, intent: NotificationIntent): Candidate[] {
    const { audience } = intent;
    const { eventRef, community, event } = item;
    switch (audience.kind) {
      case 'user':
        return [{ eventRef, intent, userId: audience.userId, role: audience.role }];
      case 'moderators':
        if (!community) {
          this.logger.warn({
            msg: 'moderators of an unknown community cannot be notified',
            type: event.type,
            id: event.id,
          });
          return [];
        }
        return community.moderators.map((moderator) => ({
          eventRef,
          intent,
          userId: moderator.userId,
          role: 'moderator',
        }));
      case 'members':
        return [];
    }
  }

  private async decide(candidates: Candidate[], tx: EntityManager): Promise<NewDelivery[]> {
    if (candidates.length === 0) {
      return [];
    }
    const profiles = new Map<string, ProfileEntity>(
      (
        await this.profiles.findByIds(
          candidates.map((candidate) => candidate.userId),
          tx,
        )
      ).map((profile) => [profile.userId, profile]),
    );
    const memberKeys = candidates
      .filter(({ intent }) => intent.membersOnly && intent.communityId)
      .map(({ intent, userId }) => ({ communityId: intent.communityId as string, userId }));
    const members = await this.memberships.currentMemberships(memberKeys, tx);
    return candidates.map(({ eventRef, intent, userId, role }) => {
      const profile = profiles.get(userId);
      const category = intent.category;
      return {
        eventRef,
        recipientUserId: userId,
        recipientRole: role,
        template: intent.template,
        category,
        communityId: intent.communityId ?? null,
        membersOnly: intent.membersOnly,
        decision: decideOnEvent({
          category,
          isActor: userId === intent.actorUserId,
          membersOnly: intent.membersOnly,
          isMember:
            intent.communityId !== undefined &&
            members.has(membershipKey({ communityId: intent.communityId, userId })),
          preference: profile && category !== TRANSACTIONAL ? preferenceOf(profile, category) : undefined,
          hasAddress: profile !== undefined,
        }),
      };
    });
  }
}

function communityIdOf(event: NotifiableEvent): string | undefined {
  return 'communityId' in event.data ? event.data.communityId : undefined;
}
