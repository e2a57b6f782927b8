import { EventTypes } from '@notify/contracts';
import {
  cloudEventFactory,
  communityFactory,
  emailHeader,
  moderatorFactory,
  sesMessages,
  userProfileFactory,
  waitForEmails,
  type SesEmail,
} from '@notify/testing';
import { startDispatcher, type DispatcherTestApp } from './support/dispatcher-test-app';

// PRODUCT item 1 (access requests) and 8 (reminders), as far as the dispatcher's emails go.
describe('access request emails', () => {
  let dispatcher: DispatcherTestApp;

  beforeAll(async () => {
    dispatcher = await startDispatcher('access');
  });

  afterAll(async () => {
    await dispatcher?.close();
  });

  const emailsTo = (to: string, count = 1): Promise<SesEmail[]> =>
    waitForEmails(dispatcher.sesEndpoint, () => true, { to, count, timeoutMs: 20_000 });

  async function restrictedCommunity() {
    const frenchModerator = userProfileFactory.build({ displayName: 'Élise Moderatrice', locale: 'fr-BE' });
    // The community lists another contact address for her than her profile's; it is shown, never written to.
    const frenchModeratorSeat = moderatorFactory.build({
      userId: frenchModerator.userId,
      displayName: frenchModerator.displayName,
    });
    const moderatorWithoutProfile = moderatorFactory.build({ displayName: 'Bruno Contact' });
    const community = communityFactory.build({
      name: 'Achats durables',
      moderators: [frenchModeratorSeat, moderatorWithoutProfile],
    });
    const requester = userProfileFactory.build({ displayName: 'Jeanne Acheteuse', locale: 'fr' });
    await dispatcher.publishAndWait(
      cloudEventFactory.build(EventTypes.CommunityCreated, community),
      cloudEventFactory.build(EventTypes.PreferenceProfileChanged, frenchModerator),
      cloudEventFactory.build(EventTypes.PreferenceProfileChanged, requester),
    );
    return { community, frenchModerator, frenchModeratorSeat, moderatorWithoutProfile, requester };
  }

  const contactAddressesWritten = async (...addresses: string[]): Promise<number> =>
    (await Promise.all(addresses.map((to) => sesMessages(dispatcher.sesEndpoint, { to })))).flat().length;

  it('alerts every moderator with a profile at once, at that address, and acknowledges the requester', async () => {
    const { community, frenchModerator, frenchModeratorSeat, moderatorWithoutProfile, requester } =
      await restrictedCommunity();
    const requested = cloudEventFactory.build(EventTypes.AccessRequested, {
      communityId: community.communityId,
      userId: requester.userId,
      message: 'Je gère les achats de notre région.',
    });

    await dispatcher.publish(requested);

    const [toFrench] = await emailsTo(frenchModerator.email);
    expect(toFrench.subject).toBe(`Jeanne Acheteuse demande à rejoindre Achats durables`);
    expect(toFrench.body.text).toContain('Je gère les achats de notre région.');
    expect(toFrench.body.html).toContain(
      `https://portal.example.org/moderation/access-requests/${requested.data.accessRequestId}`,
    );
    const [acknowledgement] = await emailsTo(requester.email);
    expect(acknowledgement.subject).toBe("Nous avons bien reçu votre demande d'adhésion à Achats durables");
    for (const email of [toFrench, acknowledgement]) {
      expect(emailHeader(email, 'X-Notification-Id')).toMatch(/^\d+$/);
      expect(emailHeader(email, 'List-Unsubscribe')).toBeUndefined();
      expect(email.body.text).toContain('support@buyers.example.eu');
    }
    const log = await dispatcher.settledDeliveries(requester.userId, 1);
    expect(log).toEqual([
      expect.objectContaining({
        status: 'sent',
        category: 'transactional',
        template: 'access-request.acknowledgement',
        eventId: requested.id,
        eventType: EventTypes.AccessRequested,
        sesMessageId: acknowledgement.messageId,
      }),
    ]);
    const [withoutProfile] = await dispatcher.settledDeliveries(moderatorWithoutProfile.userId, 1);
    expect(withoutProfile).toMatchObject({ status: 'skipped', reason: 'no-profile', eventId: requested.id });
    await dispatcher.settledDeliveries(frenchModerator.userId, 1);
    expect(
      await contactAddressesWritten(frenchModeratorSeat.contactEmail, moderatorWithoutProfile.contactEmail),
    ).toBe(0);
  });

  it("tells a rejected requester the reason and the deciding moderator's contact", async () => {
    const { community, frenchModerator, requester } = await restrictedCommunity();
    const decidedBy = {
      userId: frenchModerator.userId,
      displayName: 'Élise Moderatrice',
      contactEmail: 'elise@acheteurs.example.eu',
    };

    await dispatcher.publish(
      cloudEventFactory.build(EventTypes.AccessRequestRejected, {
        communityId: community.communityId,
        userId: requester.userId,
        decidedBy,
        reason: 'Réservé aux pouvoirs adjudicateurs.',
      }),
    );

    const [rejection] = await emailsTo(requester.email);
    expect(rejection.subject).toBe("Votre demande d'adhésion à Achats durables n'a pas été acceptée");
    expect(rejection.body.text).toContain('Réservé aux pouvoirs adjudicateurs.');
    expect(rejection.body.text).toContain('Élise Moderatrice');
    expect(rejection.body.text).toContain('elise@acheteurs.example.eu');
  });

  it('welcomes an approved requester', async () => {
    const { community, frenchModerator } = await restrictedCommunity();
    const english = userProfileFactory.build({ locale: 'en-GB' });
    await dispatcher.publishAndWait(cloudEventFactory.build(EventTypes.PreferenceProfileChanged, english));

    await dispatcher.publish(
      cloudEventFactory.build(EventTypes.AccessRequestApproved, {
        communityId: community.communityId,
        userId: english.userId,
        decidedBy: community.moderators.find((moderator) => moderator.userId === frenchModerator.userId),
      }),
    );

    const [welcome] = await emailsTo(english.email);
    expect(welcome.subject).toBe('Welcome to Achats durables');
  });

  it('reminds every moderator once of a request still pending, even when the reminder is delivered twice', async () => {
    const { community, frenchModerator, frenchModeratorSeat, moderatorWithoutProfile, requester } =
      await restrictedCommunity();
    const reminder = (itemId: string) =>
      cloudEventFactory.build(EventTypes.ReminderDue, {
        communityId: community.communityId,
        itemKind: 'access-request',
        itemId,
        requesterId: requester.userId,
      });
    const first = reminder('access-request-77');
    // Same key, so the second reminder is handled after both copies of the first.
    const later = reminder('access-request-78');

    await dispatcher.publish(first);
    await dispatcher.publish(first);
    await dispatcher.publish(later);

    const emails = await emailsTo(frenchModerator.email, 2);
    expect(emails.map((email) => email.subject)).toEqual([
      "Rappel : une demande d'adhésion à Achats durables attend votre décision",
      "Rappel : une demande d'adhésion à Achats durables attend votre décision",
    ]);
    expect(
      emails.filter((email) => email.body.html?.includes('access-requests/access-request-77')),
    ).toHaveLength(1);
    expect(emails[0].body.text).toContain('Jeanne Acheteuse');
    const log = await dispatcher.settledDeliveries(frenchModerator.userId, 2);
    expect(log.map((entry) => entry.eventId).sort()).toEqual([first.id, later.id].sort());
    const withoutProfile = await dispatcher.settledDeliveries(moderatorWithoutProfile.userId, 2);
    expect(withoutProfile.map((entry) => entry.reason)).toEqual(['no-profile', 'no-profile']);
    expect(
      await contactAddressesWritten(frenchModeratorSeat.contactEmail, moderatorWithoutProfile.contactEmail),
    ).toBe(0);
  });
});
