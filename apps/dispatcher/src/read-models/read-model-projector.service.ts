import { Injectable } from '@nestjs/common';
import { EventTypes } from '@notify/contracts';
import type { EntityManager } from 'typeorm';
import { UserErasure } from '../erasure/user-erasure.service';
import type { KnownEvent } from '../policy/notifiable-event';
import { CommunitiesRepository } from './communities.repository';
import { MembershipsRepository } from './memberships.repository';
import { ProfilesRepository } from './profiles.repository';

/** Keeps the dispatcher's own copies of profiles, communities and memberships up to date from events; erases users. */
@Injectable()
export class ReadModelProjector {
  constructor(
    private readonly profiles: ProfilesRepository,
    private readonly communities: CommunitiesRepository,
    private readonly memberships: MembershipsRepository,
    private readonly erasure: UserErasure,
  ) {}

  /** Applies the event to the read models it changes; events that change none are left alone. */
  async apply(event: KnownEvent, tx: EntityManager): Promise<void> {
    if (!changesReadModels(event)) {
      return;
    }
    const occurredAt = new Date(event.time);
    switch (event.type) {
      case 'preferences.profile.changed':
        return this.profiles.upsert(event.data, tx);
      case 'communities.community.created':
      case 'communities.community.updated':
        return this.communities.upsert(event.data, occurredAt, tx);
      case 'communities.member.joined':
        return this.memberships.record(event.data, 'joined', occurredAt, tx);
      case 'communities.member.left':
        return this.memberships.record(event.data, 'left', occurredAt, tx);
      case 'platform.user.deleted':
        return this.erasure.erase(event.data.userId, tx);
    }
  }
}

/** Event types whose data the read models keep. */
const PROJECTED_TYPES = [
  EventTypes.PreferenceProfileChanged,
  EventTypes.CommunityCreated,
  EventTypes.CommunityUpdated,
  EventTypes.MemberJoined,
  EventTypes.MemberLeft,
  EventTypes.UserDeleted,
] as const;

type ProjectedEvent = Extract<KnownEvent, { type: (typeof PROJECTED_TYPES)[number] }>;

export function changesReadModels(event: KnownEvent): event is ProjectedEvent {
  return (PROJECTED_TYPES as readonly string[]).includes(event.type);
}
