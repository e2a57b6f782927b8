import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DispatcherConfig } from '../config/dispatcher.config';
import { DeliveriesRepository, type NewDelivery } from '../deliveries/deliveries.repository';
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
import { NotificationEventsRepository } from '../deliveries/notification-events.repository';

interface Candidate {
  intent: NotificationIntent;
  userId: string;
  role: RecipientRole;
  /** A moderator's contact email, used when they have no profile yet. */
  fallbackAddress?: string;
}

/** Turns an event into delivery rows, in the consumer's transaction: who receives it and what happens to each. */
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
  ) {}

  async plan(event: NotifiableEvent, tx: EntityManager): Promise<void> {
    const communityId = 'communityId' in event.data ? event.data.communityId : undefined;
    const community = communityId ? await this.communities.findById(communityId, tx) : null;
    const intents = intentsFor(event, community ?? undefined);
    if (intents.length === 0) {
      return;
    }
    const eventRef = await this.events.insertOnce(event, tx);
    if (eventRef === null) {
      return;
    }
    const candidates = intents.flatMap((intent) => this.candidatesOf(intent, community, event));
    let pending = await this.deliveries.insertMany(await this.decide(eventRef, candidates, tx), tx);
    for (const intent of intents) {
      pending += await this.notifyMembers(eventRef, intent, community, tx);
    }
    if (pending > 0) {
      await this.deliveries.wakeSenders(tx);
    }
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

  private candidatesOf(
    intent: NotificationIntent,
    community: CommunityEntity | null,
    event: NotifiableEvent,
  ): Candidate[] {
    const { audience } = intent;
    switch (audience.kind) {
      case 'user':
        return [{ intent, userId: audience.userId, role: audience.role }];
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
          intent,
          userId: moderator.userId,
          role: 'moderator',
          fallbackAddress: moderator.contactEmail,
        }));
      case 'members':
        return [];
    }
  }

  private async decide(eventRef: string, candidates: Candidate[], tx: EntityManager): Promise<NewDelivery[]> {
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
    return candidates.map(({ intent, userId, role, fallbackAddress }) => {
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
          hasAddress: profile !== undefined || fallbackAddress !== undefined,
        }),
      };
    });
  }
}
