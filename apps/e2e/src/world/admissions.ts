import type { Community } from '../clients/api-types';
import { expectStatus } from '../clients/http';
import type { E2eWorld } from './e2e-world';
import type { Moderator, Person } from './people';

/**
 * Makes `person` a member of a restricted community the way a user does (access request, approval by the first
 * moderator), taking the emails that path sends so a scenario starts with empty mailboxes.
 */
export async function admitToRestricted(
  world: E2eWorld,
  community: Community,
  moderators: readonly Moderator[],
  person: Person,
): Promise<void> {
  const join = await person.api.communities.join(community.id, person.userId);
  const accessRequestId = expectStatus(join, 202, `join of ${person.userId}`).accessRequestId!;
  for (const moderator of moderators) {
    expect((await moderator.mailbox.takeOne()).subject).toBe(
      `${person.displayName} asks to join ${community.name}`,
    );
  }
  expect((await person.mailbox.takeOne()).subject).toBe(`We received your request to join ${community.name}`);
  const [decider] = moderators;
  await world.waitUntilPending(decider, community.id, accessRequestId);
  expectStatus(await decider.api.moderation.approve('access-requests', accessRequestId), 200, 'approve');
  expect((await person.mailbox.takeOne()).subject).toBe(`Welcome to ${community.name}`);
  await world.readModels.waitForMembership(community.id, person.userId, 'joined');
}
