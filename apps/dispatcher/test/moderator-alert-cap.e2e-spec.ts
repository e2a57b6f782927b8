import { EventTypes } from '@notify/contracts';
import {
  cloudEventFactory,
  communityFactory,
  moderatorFactory,
  sesMessages,
  userProfileFactory,
  waitFor,
  waitForEmails,
} from '@notify/testing';
import { startDispatcher, type DispatcherTestApp } from './support/dispatcher-test-app';

const HOUR_START = Date.parse('2026-01-05T10:00:00.000Z');
const minutesIn = (minutes: number): string => new Date(HOUR_START + minutes * 60_000).toISOString();

// Abuse limits: at most MODERATOR_ALERTS_PER_HOUR alerts one by one; the rest of the hour in one summary.
describe('hourly cap on moderator alerts', () => {
  let dispatcher: DispatcherTestApp;

  beforeAll(async () => {
    dispatcher = await startDispatcher('alert_cap');
  });

  afterAll(async () => {
    await dispatcher?.close();
  });

  it('sends the first 20 alerts of an hour at once and the 21st and 22nd in one summary when the hour ends', async () => {
    expect(dispatcher.config.MODERATOR_ALERTS_PER_HOUR).toBe(20);
    const moderator = userProfileFactory.build({ displayName: 'Élise Moderatrice', locale: 'fr-BE' });
    const author = userProfileFactory.build({ displayName: 'Jeanne Acheteuse' });
    const community = communityFactory.build({
      name: 'Achats durables',
      moderators: [moderatorFactory.build({ userId: moderator.userId, displayName: moderator.displayName })],
    });
    await dispatcher.publishAndWait(
      cloudEventFactory.build(EventTypes.CommunityCreated, community),
      cloudEventFactory.build(EventTypes.PreferenceProfileChanged, moderator),
      cloudEventFactory.build(EventTypes.PreferenceProfileChanged, author),
    );
    const submissions = Array.from({ length: 22 }, (_, index) =>
      cloudEventFactory.build(
        EventTypes.SubmissionReceived,
        {
          communityId: community.communityId,
          authorId: author.userId,
          submissionId: `submission-${index + 1}-${community.communityId}`,
          title: `Tender guide ${index + 1}`,
          submittedAt: minutesIn(index),
        },
        { time: minutesIn(index) },
      ),
    );

    await dispatcher.publishMany(submissions);

    const alerts = await waitForEmails(dispatcher.sesEndpoint, () => true, {
      to: moderator.email,
      count: 20,
      timeoutMs: 30_000,
    });
    await waitFor(
      async () => {
        const log = await dispatcher.deliveries(moderator.userId);
        return log.length === 22 && log.filter((entry) => entry.status === 'sent').length === 20;
      },
      { timeoutMs: 20_000, description: '20 alerts sent and 2 held' },
    );
    const held = (await dispatcher.deliveries(moderator.userId)).filter((entry) => entry.status !== 'sent');
    expect(held.map((entry) => [entry.status, entry.reason, entry.eventId]).sort()).toEqual(
      [
        ['digest-queued', 'moderator-alert-cap', submissions[20].id],
        ['digest-queued', 'moderator-alert-cap', submissions[21].id],
      ].sort(),
    );
    const subjects = alerts.map((email) => email.subject);
    expect(subjects.filter((subject) => subject.includes('Tender guide 21'))).toEqual([]);
    expect(subjects.filter((subject) => subject.includes('Tender guide 22'))).toEqual([]);

    // The hour is not over: nothing more goes out.
    expect(await dispatcher.runDigests(new Date(HOUR_START + 3_600_000 - 1))).toMatchObject({
      opened: 0,
      sent: 0,
    });
    expect(await sesMessages(dispatcher.sesEndpoint, { to: moderator.email })).toHaveLength(20);

    expect(await dispatcher.runDigests(new Date(HOUR_START + 3_600_000))).toMatchObject({
      opened: 1,
      sent: 1,
    });
    const all = await waitForEmails(dispatcher.sesEndpoint, () => true, { to: moderator.email, count: 21 });
    const summary = all.find((email) => !alerts.some((alert) => alert.messageId === email.messageId));
    expect(summary?.subject).toMatch(/^Alertes regroupées depuis le /);
    expect(summary?.body.text).toContain('Proposition : Tender guide 21 – Achats durables');
    expect(summary?.body.text).toContain('Tender guide 22');
    expect(summary?.body.text).not.toContain('Tender guide 20');
    expect(summary?.body.html).toContain(
      `https://portal.example.org/moderation/submissions/${submissions[20].data.submissionId}`,
    );
    const log = await dispatcher.settledDeliveries(moderator.userId, 22);
    expect(log.filter((entry) => entry.sesMessageId === summary?.messageId)).toHaveLength(2);

    // Another run finds nothing left: the summary goes out once.
    expect(await dispatcher.runDigests(new Date(HOUR_START + 2 * 3_600_000))).toMatchObject({
      opened: 0,
      sent: 0,
    });
    expect(await sesMessages(dispatcher.sesEndpoint, { to: moderator.email })).toHaveLength(21);
  });
});
