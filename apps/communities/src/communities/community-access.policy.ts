import { Injectable } from '@nestjs/common';
import type { Principal } from '@notify/security';
import { MembershipsRepository } from './memberships.repository';
import type { Community } from './community.entity';

/** Who may see and manage a community. */
@Injectable()
export class CommunityAccessPolicy {
  constructor(private readonly memberships: MembershipsRepository) {}

  isModerator(principal: Principal, community: Community): boolean {
    return community.moderators.some((moderator) => moderator.userId === principal.userId);
  }

  canManage(principal: Principal, community: Community): boolean {
    return principal.isService || this.isModerator(principal, community);
  }

  /** A restricted community is visible only to its members, its moderators and platform services. */
  async canView(principal: Principal, community: Community): Promise<boolean> {
    if (community.visibility === 'open' || this.canManage(principal, community)) {
      return true;
    }
    return this.memberships.isMember(community.id, principal.userId);
  }
}
