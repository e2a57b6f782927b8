import { EventTypes, Topics } from '@notify/contracts';
import { readTopic, waitFor } from '@notify/testing';
import {
  countSearchedColumns,
  expectStatus,
  findPersonalData,
  logSummary,
  SERVICES,
  secondsSince,
  useSystem,
} from '../src';

// Right to erasure: after `platform.user.deleted`, no column of any service's schema holds the user's id, address or
// name, and the compacted profile topic ends the user's key with a tombstone.

const suite = useSystem('erasure');

const ERASED_WITHIN_MS = 60_000;

describe('a user deleted from the platform', () => {
  it(
    'is erased from every service within a minute, their pending work withdrawn',
    suite.scenario(async (world) => {
      const { infra, topicPrefix } = world.system.settings;
      const moderator = await world.people.registerModerator();
      const actor = await world.people.register({ label: 'actor' });
      const leaver = await world.people.register({ label: 'leaver', preferences: { comments: 'daily' } });
      const open = await world.createCommunity({
        visibility: 'open',
        moderated: true,
        moderators: [moderator],
      });
      const restricted = await world.createCommunity({
        visibility: 'restricted',
        moderated: true,
        moderators: [moderator],
      });

      // A membership, a pending submission, a pending access request, an email sent and an item queued for a digest.
      expectStatus(await leaver.api.communities.join(open.id, leaver.userId), 201, 'join open community');
      await world.readModels.waitForMembership(open.id, leaver.userId, 'joined');
      const submission = expectStatus(
        await leaver.api.communities.submit(open.id, {
          authorId: leaver.userId,
          title: 'Tender for school meals',
          url: 'https://portal.example.test/content/meals',
          excerpt: `${leaver.displayName} shares a tender`,
        }),
        202,
        'submission',
      );
      const request = expectStatus(
        await leaver.api.communities.join(restricted.id, leaver.userId, 'Please let me in'),
        202,
        'access request',
      );
      await world.waitUntilPending(moderator, open.id, submission.submissionId!);
      await world.waitUntilPending(moderator, restricted.id, request.accessRequestId!);
      await world.platform.mention({
        mentionId: 'mention-erasure',
        recipientUserId: leaver.userId,
        actor: { userId: actor.userId, displayName: actor.displayName },
        content: {
          id: 'content-erasure',
          title: 'Meals',
          url: 'https://portal.example.test/content/erasure',
        },
        excerpt: `@${leaver.displayName} see this`,
      });
      await world.platform.comment({
        commentId: 'comment-erasure',
        recipientUserIds: [leaver.userId],
        actor: { userId: actor.userId, displayName: actor.displayName },
        content: {
          id: 'content-erasure',
          title: 'Meals',
          url: 'https://portal.example.test/content/erasure',
        },
      });
      await leaver.mailbox.takeOne();
      await world.waitForDeliveries(
        leaver,
        (deliveries) => deliveries.some((delivery) => delivery.status === 'digest-queued'),
        'a digest item for the leaver',
      );

      const needles = [leaver.userId, leaver.email, leaver.displayName];
      const schemas = SERVICES.map((service) => world.system.schemas[service]);
      expect(await findPersonalData(infra.postgres, schemas, needles)).not.toEqual([]);

      const deletedAt = Date.now();
      await world.platform.publish(EventTypes.UserDeleted, leaver.userId, { userId: leaver.userId });
      let remaining: string[] = [];
      await waitFor(
        async () => {
          remaining = await findPersonalData(infra.postgres, schemas, needles);
          return remaining.length === 0;
        },
        { timeoutMs: ERASED_WITHIN_MS, intervalMs: 500, description: 'the leaver erased everywhere' },
      ).catch(() => undefined);
      const erasedAfter = secondsSince(deletedAt);

      expect(remaining).toEqual([]);
      const queue = expectStatus(await moderator.api.moderation.queue(), 200, 'moderation queue');
      expect(queue.items.map((item) => item.id)).not.toEqual(
        expect.arrayContaining([submission.submissionId, request.accessRequestId]),
      );
      const profiles = await readTopic(infra.kafkaBrokers, `${topicPrefix}${Topics.PreferenceProfiles}`, {
        timeoutMs: 10_000,
      });
      const lastOfLeaver = profiles.filter((record) => record.key === leaver.userId).at(-1);
      expect(lastOfLeaver?.value).toBeNull();

      logSummary('user erasure', {
        schemas: schemas.length,
        textColumnsSearched: await countSearchedColumns(infra.postgres, schemas),
        erasedAfter,
        tombstone: lastOfLeaver?.value === null ? 'yes' : 'no',
      });
    }),
  );
});
