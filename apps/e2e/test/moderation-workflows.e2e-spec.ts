import {
  useSystem,
  type E2eWorld,
  expectNoOtherMail,
  expectStatus,
  expectSupportAddress,
  expectTransactional,
  hoursAfter,
  REMINDER_AFTER_HOURS,
  textOf,
  type Community,
  type Moderator,
} from '../src';

// Product items 1 (access requests), 2 (submissions in a moderated community) and 8 (reminders).

const suite = useSystem('moderation');

function restrictedCommunity(world: E2eWorld, moderators: Moderator[]): Promise<Community> {
  return world.createCommunity({ label: 'Tenders', visibility: 'restricted', moderated: false, moderators });
}

describe('access requests to a restricted community', () => {
  it(
    'alerts every moderator, acknowledges, and emails the decision with the deciding moderator’s contact',
    suite.scenario(async (world) => {
      const [first, second] = await Promise.all([
        world.people.registerModerator(),
        world.people.registerModerator(),
      ]);
      const rejected = await world.people.register({ label: 'asker', registeredVia: 'profile-api' });
      const approved = await world.people.register({ label: 'joiner' });
      const community = await restrictedCommunity(world, [first, second]);
      const { supportEmail, publicBaseUrl } = world.system.settings;

      const join = await rejected.api.communities.join(
        community.id,
        rejected.userId,
        'I buy school buses for Lyon.',
      );
      expect(join.status).toBe(202);
      const accessRequestId = join.body.accessRequestId!;
      expect(accessRequestId).toEqual(expect.any(String));

      for (const moderator of [first, second]) {
        const alert = await moderator.mailbox.takeOne();
        expect(alert.subject).toBe(`${rejected.displayName} asks to join ${community.name}`);
        expect(textOf(alert)).toContain('I buy school buses for Lyon.');
        expect(textOf(alert)).toContain(`${publicBaseUrl}/moderation/access-requests/${accessRequestId}`);
        expectTransactional(alert);
        expectSupportAddress(alert, supportEmail);
      }
      const acknowledgement = await rejected.mailbox.takeOne();
      expect(acknowledgement.subject).toBe(`We received your request to join ${community.name}`);
      expectTransactional(acknowledgement);

      await world.waitUntilPending(second, community.id, accessRequestId);
      const rejection = await second.api.moderation.reject(
        'access-requests',
        accessRequestId,
        'Only for buyers in Belgium.',
      );
      expect(rejection.status).toBe(200);

      const refusal = await rejected.mailbox.takeOne();
      expect(refusal.subject).toBe(`Your request to join ${community.name} was not approved`);
      expect(textOf(refusal)).toContain('Only for buyers in Belgium.');
      expect(textOf(refusal)).toContain(second.displayName);
      expect(textOf(refusal)).toContain(second.contact.contactEmail);
      expect(textOf(refusal)).not.toContain(first.contact.contactEmail);
      expectTransactional(refusal);
      expectSupportAddress(refusal, supportEmail);
      expect((await rejected.api.communities.get(community.id)).status).toBe(404);

      const secondJoin = await approved.api.communities.join(community.id, approved.userId);
      expect(secondJoin.status).toBe(202);
      const secondRequestId = secondJoin.body.accessRequestId!;
      for (const moderator of [first, second]) {
        expect((await moderator.mailbox.takeOne()).subject).toBe(
          `${approved.displayName} asks to join ${community.name}`,
        );
      }
      expect((await approved.mailbox.takeOne()).subject).toBe(
        `We received your request to join ${community.name}`,
      );

      await world.waitUntilPending(first, community.id, secondRequestId);
      expect((await first.api.moderation.approve('access-requests', secondRequestId)).status).toBe(200);

      const welcome = await approved.mailbox.takeOne();
      expect(welcome.subject).toBe(`Welcome to ${community.name}`);
      expect(textOf(welcome)).toContain(`${publicBaseUrl}/communities/${community.id}`);
      expectTransactional(welcome);
      await expect(approved.api.communities.get(community.id)).resolves.toMatchObject({ status: 200 });
      await expect(approved.api.communities.join(community.id, approved.userId)).resolves.toMatchObject({
        status: 409,
      });

      await expectNoOtherMail([
        first.mailbox,
        second.mailbox,
        first.contactMailbox,
        second.contactMailbox,
        rejected.mailbox,
        approved.mailbox,
      ]);
    }),
  );

  it(
    'lets only a moderator of the community decide',
    suite.scenario(async (world) => {
      const moderator = await world.people.registerModerator();
      const outsider = await world.people.registerModerator({ label: 'othermod' });
      const asker = await world.people.register({ label: 'asker' });
      const community = await restrictedCommunity(world, [moderator]);
      const join = await asker.api.communities.join(community.id, asker.userId);
      const accessRequestId = expectStatus(join, 202, 'join').accessRequestId!;
      await world.waitUntilPending(moderator, community.id, accessRequestId);

      await expect(
        outsider.api.moderation.approve('access-requests', accessRequestId),
      ).resolves.toMatchObject({
        status: 403,
      });
      await expect(asker.api.moderation.approve('access-requests', accessRequestId)).resolves.toMatchObject({
        status: 403,
      });
      await expect(
        world.serviceApi.moderation.reject('access-requests', accessRequestId, ''),
      ).resolves.toMatchObject({
        status: 400,
      });
      expect(
        (await moderator.api.moderation.reject('access-requests', accessRequestId, 'Not now.')).status,
      ).toBe(200);
      await expect(
        moderator.api.moderation.approve('access-requests', accessRequestId),
      ).resolves.toMatchObject({
        status: 409,
      });
    }),
  );
});

describe('submissions to a moderated community', () => {
  it(
    'alerts every moderator and emails the author the approval, or the rejection with the moderator’s contact',
    suite.scenario(async (world) => {
      const [first, second] = await Promise.all([
        world.people.registerModerator(),
        world.people.registerModerator(),
      ]);
      const author = await world.people.register({ label: 'author' });
      const community = await world.createCommunity({
        label: 'Framework agreements',
        visibility: 'open',
        moderated: true,
        moderators: [first, second],
      });
      expect((await author.api.communities.join(community.id, author.userId)).status).toBe(201);

      const submitted = await author.api.communities.submit(community.id, {
        authorId: author.userId,
        title: 'Joint purchase of electric buses',
        url: 'https://portal.example.test/content/buses',
        excerpt: 'Six cities pooled their demand.',
      });
      expect(submitted.status).toBe(202);
      const submissionId = submitted.body.submissionId!;
      for (const moderator of [first, second]) {
        const alert = await moderator.mailbox.takeOne();
        expect(alert.subject).toBe(`To review in ${community.name}: Joint purchase of electric buses`);
        expect(textOf(alert)).toContain('Six cities pooled their demand.');
        expect(textOf(alert)).toContain(author.displayName);
        expect(textOf(alert)).toContain(
          `${world.system.settings.publicBaseUrl}/moderation/submissions/${submissionId}`,
        );
        expectTransactional(alert);
      }
      await world.waitUntilPending(first, community.id, submissionId);
      expect((await first.api.moderation.approve('submissions', submissionId)).status).toBe(200);
      const approval = await author.mailbox.takeOne();
      expect(approval.subject).toBe(`Your submission to ${community.name} is published`);
      expectTransactional(approval);

      const advert = await author.api.communities.submit(community.id, {
        authorId: author.userId,
        title: 'Unrelated advert',
        url: 'https://portal.example.test/content/advert',
      });
      const rejectedId = expectStatus(advert, 202, 'second submission').submissionId!;
      for (const moderator of [first, second]) {
        expect((await moderator.mailbox.takeOne()).subject).toBe(
          `To review in ${community.name}: Unrelated advert`,
        );
      }
      await world.waitUntilPending(second, community.id, rejectedId);
      expect(
        (await second.api.moderation.reject('submissions', rejectedId, 'Adverts are not allowed here.'))
          .status,
      ).toBe(200);
      const rejection = await author.mailbox.takeOne();
      expect(rejection.subject).toBe(`Your submission to ${community.name} was not approved`);
      expect(textOf(rejection)).toContain('Adverts are not allowed here.');
      expect(textOf(rejection)).toContain(second.displayName);
      expect(textOf(rejection)).toContain(second.contact.contactEmail);
      expectTransactional(rejection);

      await expectNoOtherMail([
        first.mailbox,
        second.mailbox,
        first.contactMailbox,
        second.contactMailbox,
        author.mailbox,
      ]);
    }),
  );
});

describe('reminders', () => {
  it(
    'reminds every moderator once of an access request pending past the threshold',
    suite.scenario(async (world) => {
      const [first, second] = await Promise.all([
        world.people.registerModerator(),
        world.people.registerModerator(),
      ]);
      const asker = await world.people.register({ label: 'patient' });
      const community = await restrictedCommunity(world, [first, second]);
      const join = await asker.api.communities.join(community.id, asker.userId, 'Please let me in.');
      const accessRequestId = expectStatus(join, 202, 'join').accessRequestId!;
      await first.mailbox.take(1);
      await second.mailbox.take(1);
      await asker.mailbox.take(1);
      await world.waitUntilPending(first, community.id, accessRequestId);

      const early = await world.serviceApi.moderation.runReminders(
        hoursAfter(new Date(), REMINDER_AFTER_HOURS - 1),
      );
      expect(early.status).toBe(200);
      await expectNoOtherMail([first.mailbox, second.mailbox, asker.mailbox]);

      const late = hoursAfter(new Date(), REMINDER_AFTER_HOURS + 1);
      const due = await world.serviceApi.moderation.runReminders(late);
      expect(due.status).toBe(200);
      expect(due.body.reminded).toBeGreaterThanOrEqual(1);
      for (const moderator of [first, second]) {
        const reminder = await moderator.mailbox.takeOne();
        expect(reminder.subject).toBe(`Reminder: a request to join ${community.name} is waiting for you`);
        expect(textOf(reminder)).toContain(asker.displayName);
        expect(textOf(reminder)).toContain(
          `${world.system.settings.publicBaseUrl}/moderation/access-requests/${accessRequestId}`,
        );
        expectTransactional(reminder);
      }

      const again = await world.serviceApi.moderation.runReminders(hoursAfter(late, 1));
      expect(again.status).toBe(200);
      expect(again.body.reminded).toBe(0);
      await expectNoOtherMail([
        first.mailbox,
        second.mailbox,
        asker.mailbox,
        first.contactMailbox,
        second.contactMailbox,
      ]);
    }),
  );
});
