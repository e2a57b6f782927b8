import { randomBytes } from 'node:crypto';
import type { CloudEvent } from '@notify/contracts';
import type { SesEmail } from '@notify/testing';
import {
  admitToRestricted,
  DIGEST_HOUR,
  expectNoOtherMail,
  expectStatus,
  header,
  hoursAfter,
  htmlOf,
  nextLocalHour,
  textOf,
  useSystem,
  type Person,
} from '../src';

// Product items 2 (open communities), 4 (digests) and 7 (confidentiality).

const suite = useSystem('activity');

/** Community activity cannot be switched off (leaving is how), so its emails offer no unsubscribe link. */
function expectNoUnsubscribe(...emails: SesEmail[]): void {
  for (const email of emails) {
    expect(header(email, 'List-Unsubscribe')).toBeUndefined();
  }
}

describe('an open community', () => {
  it(
    'publishes at once and informs moderators at their community-activity frequency',
    suite.scenario(async (world) => {
      const [eager, relaxed] = await Promise.all([
        world.people.registerModerator({ label: 'eager', preferences: { communityActivity: 'immediately' } }),
        world.people.registerModerator({ label: 'relaxed' }),
      ]);
      const [reader, author] = await Promise.all([
        world.people.register({ label: 'reader' }),
        world.people.register({ label: 'author', registeredVia: 'profile-api' }),
      ]);
      const community = await world.createCommunity({
        label: 'Green procurement',
        visibility: 'open',
        moderated: false,
        moderators: [eager, relaxed],
      });

      expect((await reader.api.communities.join(community.id, reader.userId)).status).toBe(201);
      expect((await eager.mailbox.takeOne()).subject).toBe(`${reader.displayName} joined ${community.name}`);
      expect((await author.api.communities.join(community.id, author.userId)).status).toBe(201);
      expect((await eager.mailbox.takeOne()).subject).toBe(`${author.displayName} joined ${community.name}`);

      const published = await author.api.communities.submit(community.id, {
        authorId: author.userId,
        title: 'Life-cycle costing guide',
        url: 'https://portal.example.test/content/lcc',
        excerpt: 'How to compare offers over ten years.',
      });
      expect(published.status).toBe(201);
      expect(published.body.contentId).toEqual(expect.any(String));
      const alert = await eager.mailbox.takeOne();
      expect(alert.subject).toBe(`Published in ${community.name}: Life-cycle costing guide`);
      expect(textOf(alert)).toContain('How to compare offers over ten years.');
      expect(textOf(alert)).toContain('https://portal.example.test/content/lcc');
      expectNoUnsubscribe(alert);
      // relaxed and reader chose daily; the author is not told about their own content.
      await expectNoOtherMail([eager.mailbox, relaxed.mailbox, reader.mailbox, author.mailbox]);

      const digestTime = nextLocalHour('Europe/Brussels', DIGEST_HOUR);
      expectStatus(await world.serviceApi.dispatcher.runDigests(digestTime), 200, 'POST /digests/run');
      const moderatorDigest = await relaxed.mailbox.takeOne();
      expect(moderatorDigest.subject).toBe('Your daily summary: 3 new items');
      // Grouped by category, then community: one heading for the community, its three items below it.
      expect(textOf(moderatorDigest)).toMatch(
        inOrder(community.name, reader.displayName, author.displayName, 'Life-cycle costing guide'),
      );
      const memberDigest = await reader.mailbox.takeOne();
      expect(memberDigest.subject).toBe('Your daily summary: 1 new item');
      expect(textOf(memberDigest)).toContain(community.name);
      expect(textOf(memberDigest)).toContain('Life-cycle costing guide');
      expectNoUnsubscribe(moderatorDigest, memberDigest);
      await expectNoOtherMail([eager.mailbox, relaxed.mailbox, reader.mailbox, author.mailbox]);
    }),
  );
});

describe('digests', () => {
  it(
    'sends one digest per period at the local digest hour of the user, grouping the items, and never twice',
    suite.scenario(async (world) => {
      const reader = await world.people.register({
        label: 'tokyo',
        timeZone: 'Asia/Tokyo',
        preferences: { comments: 'daily' },
      });
      const [ana, ben] = await Promise.all([
        world.people.register({ label: 'ana' }),
        world.people.register({ label: 'ben' }),
      ]);
      const comments = [
        { actor: ana, title: 'Award criteria for catering' },
        { actor: ben, title: 'Dynamic purchasing systems' },
      ];
      const events: CloudEvent[] = [];
      for (const { actor, title } of comments) {
        events.push(
          await world.platform.comment({
            commentId: `comment-${randomBytes(4).toString('hex')}`,
            recipientUserIds: [reader.userId],
            actor: { userId: actor.userId, displayName: actor.displayName },
            content: {
              id: `content-${randomBytes(4).toString('hex')}`,
              title,
              url: 'https://portal.example.test/c/1',
            },
            excerpt: `A comment on ${title}`,
          }),
        );
      }
      await world.waitForDeliveries(
        reader,
        (deliveries) =>
          events.every((event) =>
            deliveries.some(
              (delivery) => delivery.eventId === event.id && delivery.status === 'digest-queued',
            ),
          ),
        'both comments queued for the digest',
      );

      const due = nextLocalHour('Asia/Tokyo', DIGEST_HOUR);
      expectStatus(
        await world.serviceApi.dispatcher.runDigests(hoursAfter(due, -3)),
        200,
        'digest run, not due',
      );
      await expectNoOtherMail([reader.mailbox]);

      expectStatus(await world.serviceApi.dispatcher.runDigests(due), 200, 'digest run, due');
      const digest = await reader.mailbox.takeOne();
      expect(digest.subject).toBe('Your daily summary: 2 new items');
      const [first, second] = comments;
      expect(textOf(digest)).toMatch(
        inOrder('Comments', first.title, first.actor.displayName, second.title, second.actor.displayName),
      );
      expect(header(digest, 'X-Notification-Id')).toMatch(/\S/);

      expectStatus(await world.serviceApi.dispatcher.runDigests(due), 200, 'digest run, same instant again');
      expectStatus(
        await world.serviceApi.dispatcher.runDigests(hoursAfter(due, 0.5)),
        200,
        'digest run, same hour',
      );
      await expectNoOtherMail([reader.mailbox, ana.mailbox, ben.mailbox]);
    }),
  );
});

describe('confidentiality', () => {
  it(
    'sends nothing more from a restricted community to a member who left, and logs why',
    suite.scenario(async (world) => {
      const moderator = await world.people.registerModerator();
      const [leaver, stayer, author] = await Promise.all([
        world.people.register({ label: 'leaver' }),
        world.people.register({ label: 'stayer', preferences: { communityActivity: 'immediately' } }),
        world.people.register({ label: 'author' }),
      ]);
      const community = await world.createCommunity({
        label: 'Defence purchasing',
        visibility: 'restricted',
        moderated: false,
        moderators: [moderator],
      });
      for (const member of [leaver, stayer, author]) {
        await admitToRestricted(world, community, [moderator], member);
      }

      const before = await publish(author, community.id, 'Before leaving');
      expect((await stayer.mailbox.takeOne()).subject).toBe(`New in ${community.name}: Before leaving`);
      await world.waitForDeliveries(
        leaver,
        (deliveries) => deliveries.some((delivery) => delivery.status === 'digest-queued'),
        'the publication queued for the digest of the member who will leave',
      );

      expect((await leaver.api.communities.removeMember(community.id, leaver.userId)).status).toBe(204);
      await world.readModels.waitForMembership(community.id, leaver.userId, 'left');

      await publish(author, community.id, 'After leaving');
      expect((await stayer.mailbox.takeOne()).subject).toBe(`New in ${community.name}: After leaving`);
      const comment = await world.platform.comment({
        commentId: `comment-${randomBytes(4).toString('hex')}`,
        recipientUserIds: [leaver.userId, stayer.userId],
        actor: { userId: author.userId, displayName: author.displayName },
        content: { id: before, title: 'Before leaving', url: 'https://portal.example.test/content/before' },
        communityId: community.id,
        excerpt: 'Restricted discussion',
      });
      expect((await stayer.mailbox.takeOne()).subject).toBe(
        `${author.displayName} commented on "Before leaving"`,
      );

      expectStatus(
        await world.serviceApi.dispatcher.runDigests(nextLocalHour(leaver.timeZone, DIGEST_HOUR)),
        200,
        'POST /digests/run',
      );
      const deliveries = await world.waitForDeliveries(
        leaver,
        (entries) => entries.filter((entry) => entry.reason === 'not-a-member').length >= 2,
        'the publication and the comment skipped as not-a-member',
      );
      // Only the access request's acknowledgement and welcome, from before leaving, were sent.
      expect(
        deliveries
          .filter((entry) => entry.status === 'sent')
          .map((entry) => entry.template)
          .sort(),
      ).toEqual(['access-request.acknowledgement', 'access-request.approved']);
      expect(deliveries).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            status: 'skipped',
            reason: 'not-a-member',
            eventId: comment.id,
            eventType: 'platform.comment.created',
          }),
          expect.objectContaining({
            status: 'skipped',
            reason: 'not-a-member',
            eventType: 'communities.content.published',
          }),
        ]),
      );
      const moderatorDigest = await moderator.mailbox.takeOne();
      expect(moderatorDigest.subject).toBe('Your daily summary: 2 new items');
      expect(textOf(moderatorDigest)).toContain('Before leaving');
      expect(textOf(moderatorDigest)).toContain('After leaving');
      await expectNoOtherMail([leaver.mailbox, stayer.mailbox, author.mailbox, moderator.mailbox]);
    }),
  );

  it(
    'emails only the title and a link for a confidential community, never an excerpt',
    suite.scenario(async (world) => {
      const moderator = await world.people.registerModerator({
        preferences: { communityActivity: 'immediately' },
      });
      const [reader, author] = await Promise.all([
        world.people.register({ label: 'reader', preferences: { communityActivity: 'immediately' } }),
        world.people.register({ label: 'author' }),
      ]);
      const community = await world.createCommunity({
        label: 'Investigations',
        visibility: 'open',
        moderated: false,
        confidential: true,
        moderators: [moderator],
      });
      for (const member of [reader, author]) {
        expect((await member.api.communities.join(community.id, member.userId)).status).toBe(201);
        expect((await moderator.mailbox.takeOne()).subject).toBe(
          `${member.displayName} joined ${community.name}`,
        );
      }
      await world.readModels.waitForMembership(community.id, reader.userId, 'joined');

      const secret = `colluded-${randomBytes(4).toString('hex')}`;
      const url = `https://portal.example.test/content/case-${randomBytes(4).toString('hex')}`;
      expectStatus(
        await author.api.communities.submit(community.id, {
          authorId: author.userId,
          title: 'Case file 42',
          url,
          excerpt: `The supplier ${secret} colluded.`,
        }),
        201,
        'publish',
      );
      await world.platform.mention({
        mentionId: `mention-${randomBytes(4).toString('hex')}`,
        recipientUserId: reader.userId,
        actor: { userId: author.userId, displayName: author.displayName },
        content: { id: 'case-42', title: 'Case file 42', url },
        communityId: community.id,
        excerpt: `@reader see ${secret}`,
      });

      const received = [...(await reader.mailbox.take(2)), await moderator.mailbox.takeOne()];
      expect(received.map((email) => email.subject).sort()).toEqual(
        [
          `${author.displayName} mentioned you in "Case file 42"`,
          `New in ${community.name}: Case file 42`,
          `Published in ${community.name}: Case file 42`,
        ].sort(),
      );
      for (const email of received) {
        expect(textOf(email)).toContain(url);
        expect(textOf(email)).not.toContain(secret);
        expect(htmlOf(email)).not.toContain(secret);
      }
      await expectNoOtherMail([reader.mailbox, author.mailbox, moderator.mailbox]);
    }),
  );
});

/** Matches text containing every part, in this order. */
function inOrder(...parts: string[]): RegExp {
  return new RegExp(parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*'));
}

async function publish(author: Person, communityId: string, title: string): Promise<string> {
  const answer = await author.api.communities.submit(communityId, {
    authorId: author.userId,
    title,
    url: `https://portal.example.test/content/${encodeURIComponent(title)}`,
    excerpt: `Excerpt of ${title}`,
  });
  return expectStatus(answer, 201, `publish ${title}`).contentId!;
}
