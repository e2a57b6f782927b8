import type { Principal } from '@notify/security';
import { servicePrincipal, userPrincipal } from '@notify/testing';
import { community } from '../../test/support/unit-fixtures';
import { CommunityAccessPolicy, type CommunityChange } from './community-access.policy';
import type { MembershipsRepository } from './memberships.repository';

const policy = new CommunityAccessPolicy({} as MembershipsRepository);
const moderator = userPrincipal('mod-1');
const admin = userPrincipal('admin-1', ['platform-admin']);
const member = userPrincipal('alice', ['member']);
const userClaimingService = userPrincipal('portal-backend', ['service']);
const newModerators: CommunityChange = { moderators: [] };
const settingsOnly: CommunityChange = { moderators: undefined };

describe('CommunityAccessPolicy', () => {
  it.each<[string, Principal, boolean]>([
    ['a platform service', servicePrincipal, true],
    ['a platform administrator', admin, true],
    ['a moderator-to-be', moderator, false],
    ['a plain user', member, false],
    ['a user principal holding a service role', userClaimingService, false],
  ])('creating a community: %s -> %s', (_who, principal, allowed) => {
    expect(policy.canCreate(principal)).toBe(allowed);
  });

  it.each<[string, Principal, CommunityChange, boolean]>([
    ['a platform service, moderators', servicePrincipal, newModerators, true],
    ['a platform administrator, moderators', admin, newModerators, true],
    ['its moderator, moderators', moderator, newModerators, false],
    ['a plain user, moderators', member, newModerators, false],
    ['its moderator, settings', moderator, settingsOnly, true],
    ['a platform administrator, settings', admin, settingsOnly, true],
    ['a plain user, settings', member, settingsOnly, false],
  ])('changing a community: %s -> %s', (_who, principal, change, allowed) => {
    expect(policy.canChange(principal, community(), change)).toBe(allowed);
  });
});
