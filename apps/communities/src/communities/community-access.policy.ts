import { Injectable } from '@nestjs/common';
import { mayPerformPlatformActions, type Principal } from '@notify/security';
import { MembershipsRepository } from './memberships.repository';
import type { Community } from '../entities/community.entity';

/** What a change touches: the moderator list is a platform matter, the other settings are the moderators' too. */
export interface CommunityChange {
  moderators?: unknown;
}

/** Who may see, create and change a community. */
@Injectable()
export class CommunityAccessPolicy {
  constructor(private readonly memberships: MembershipsRepository) {}

  isModerator(principal: Principal, community: Community): boolean {
    return community.moderators.some((moderator) => moderator.userId === principal.userId);
  }

  /** Removing members: its moderators and platform services. */
  canManage(principal: Principal, community: Community): boolean {
    return principal.isService || this.isModerator(principal, community);
  }

  /** A platform action: a platform service or a platform administrator, never a plain user. */
  canCreate(principal: Principal): boolean {
    return mayPerformPlatformActions(principal);
  }

  /** Settings: its moderators or the platform; the moderator list: the platform only. */
  canChange(principal: Principal, community: Community, change: CommunityChange): boolean {
    if (mayPerformPlatformActions(principal)) {
      return true;
    }
    return change.moderators === undefined && this.isModerator(principal, community);
  }

  /** A restricted community is visible only to its members, its moderators and platform services. */
  async canView(principal: Principal, community: Community): Promise<boolean> {
    if (community.visibility === 'open' || this.canManage(principal, community)) {
      return true;
    }
    return this.memberships.isMember(community.id, principal.userId);
  }
}
