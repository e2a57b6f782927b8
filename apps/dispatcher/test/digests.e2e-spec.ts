import { EventTypes, type NotificationPreferences, type PreferenceProfileData } from '@notify/contracts';
import {
  cloudEventFactory,
  communityFactory,
  sesMessages,
  userProfileFactory,
  waitForEmails,
} from '@notify/testing';
import request from 'supertest';
import { DigestRunner } from '../src/digests/digest-runner.service';
import { startDispatcher, type DispatcherTestApp } from './support/dispatcher-test-app';

const preferences = (overrides: Partial<NotificationPreferences>): NotificationPreferences => ({
  mentions: 'immediately',
  comments: 'immediately',
  privateMessages: 'immediately',
  communityActivity: 'daily',
  ...overrides,
});

// PRODUCT item 4: daily and weekly digests at the user's local hour (DIGEST_HOUR 8, weekly on Mondays).
// Each test uses its own days, so digests of other tests' users are never due at its instants.
describe('digests', () => {
  let dispatcher: DispatcherTestApp;

  beforeAll(async () => {
    dispatcher = await startDispatcher('digests', { DIGEST_USER_BATCH_SIZE: '4' });
  });

  afterAll(async () => {
    await dispatcher?.close();
  });

  async function profile(overrides: Partial<PreferenceProfileData>): Promise<PreferenceProfileData> {
    const built = userProfileFactory.build(overrides);
    await dispatcher.publishAndWait(cloudEventFactory.build(EventTypes.PreferenceProfileChanged, built));
    return built;
  }

  const mention = (userId: string, title: string) =>
    cloudEventFactory.build(EventTypes.MentionCreated, {
      recipientUserId: userId,
      communityId: undefined,
      content: { id: title, title, url: `https://platform.example.org/c/${encodeURIComponent(title)}` },
    });

  it('sends a daily digest at the local hour with the right items, once', async () => {
    const reader = await profile({
      timeZone: 'Europe/Paris',
      preferences: preferences({ mentions: 'daily' }),
    });
    const restricted = communityFactory.build({ name: 'Green buyers' });
    await dispatcher.publishAndWait(
      cloudEventFactory.build(EventTypes.CommunityCreated, restricted),
      cloudEventFactory.build(EventTypes.MemberJoined, {
        communityId: restricted.communityId,
        userId: reader.userId,
      }),
    );
    await dispatcher.publishAndWait(
      mention(reader.userId, 'Tender calendar'),
      mention(reader.userId, 'Framework agreements'),
      cloudEventFactory.build(EventTypes.PlatformContentPublished, {
        communityId: restricted.communityId,
        title: 'Eco-labels guide',
      }),
    );
    expect((await dispatcher.settledDeliveries(reader.userId, 3)).map((entry) => entry.status)).toEqual([
      'digest-queued',
      'digest-queued',
      'digest-queued',
    ]);

    // 09:00 in Paris (CET): not the digest hour.
    await dispatcher.runDigests(new Date('2027-01-05T08:00:00Z'));
    expect(await sesMessages(dispatcher.sesEndpoint, { to: reader.email })).toEqual([]);
    // 08:00 in Paris, a Tuesday.
    const first = await dispatcher.runDigests(new Date('2027-01-05T07:00:00Z'));

    const [digest] = await waitForEmails(dispatcher.sesEndpoint, () => true, { to: reader.email });
    expect(first).toMatchObject({ opened: 1, sent: 1 });
    expect(digest.subject).toBe('Your daily summary: 3 new items');
    for (const title of ['Tender calendar', 'Framework agreements', 'Eco-labels guide', 'Green buyers']) {
      expect(digest.body.text).toContain(title);
    }
    const log = await dispatcher.deliveries(reader.userId);
    expect(log.map((entry) => [entry.status, entry.sesMessageId])).toEqual([
      ['sent', digest.messageId],
      ['sent', digest.messageId],
      ['sent', digest.messageId],
    ]);
    expect(new Set(log.map((entry) => entry.digestId)).size).toBe(1);

    const second = await dispatcher.runDigests(new Date('2027-01-05T07:30:00Z'));
    expect(second).toMatchObject({ opened: 0, sent: 0 });
    expect(await sesMessages(dispatcher.sesEndpoint, { to: reader.email })).toHaveLength(1);
  });

  it('writes the digest in the user’s language', async () => {
    const french = await profile({
      locale: 'fr',
      timeZone: 'America/Montreal',
      preferences: preferences({ mentions: 'daily' }),
    });
    await dispatcher.publishAndWait(
      mention(french.userId, 'Calendrier'),
      mention(french.userId, 'Accords-cadres'),
    );

    // 08:00 in Montreal (EST).
    await dispatcher.runDigests(new Date('2027-01-12T13:00:00Z'));

    const [digest] = await waitForEmails(dispatcher.sesEndpoint, () => true, { to: french.email });
    expect(digest.subject).toBe('Votre résumé du jour : 2 nouveautés');
    const log = await dispatcher.settledDeliveries(french.userId, 2);
    expect(log.map((entry) => [entry.status, entry.language])).toEqual([
      ['sent', 'fr'],
      ['sent', 'fr'],
    ]);
  });

  it('moves items to the weekly digest when the user switches mid-period, losing none', async () => {
    const switcher = await profile({
      timeZone: 'Asia/Tokyo',
      preferences: preferences({ comments: 'daily' }),
    });
    await dispatcher.publishAndWait(
      cloudEventFactory.build(EventTypes.CommentCreated, {
        recipientUserIds: [switcher.userId],
        communityId: undefined,
        content: { id: 'c-1', title: 'Joint tender for buses', url: 'https://platform.example.org/c/1' },
      }),
    );
    await dispatcher.publishAndWait(
      cloudEventFactory.build(EventTypes.PreferenceProfileChanged, {
        ...switcher,
        preferences: preferences({ comments: 'weekly' }),
        revision: 2,
      }),
    );

    // 08:00 in Tokyo on Tuesday 2027-01-19: the daily digest no longer takes the item.
    await dispatcher.runDigests(new Date('2027-01-18T23:00:00Z'));
    expect(await sesMessages(dispatcher.sesEndpoint, { to: switcher.email })).toEqual([]);
    // 08:00 in Tokyo on Monday 2027-01-25: the weekly digest does.
    await dispatcher.runDigests(new Date('2027-01-24T23:00:00Z'));

    const [weekly] = await waitForEmails(dispatcher.sesEndpoint, () => true, { to: switcher.email });
    expect(weekly.subject).toBe('Your weekly summary: 1 new item');
    expect(weekly.body.text).toContain('Joint tender for buses');
  });

  it('gives a member who left nothing more from a restricted community, and honours a switch to never', async () => {
    const leaver = await profile({ timeZone: 'UTC', preferences: preferences({ mentions: 'daily' }) });
    const restricted = communityFactory.build();
    await dispatcher.publishAndWait(
      cloudEventFactory.build(EventTypes.CommunityCreated, restricted),
      cloudEventFactory.build(EventTypes.MemberJoined, {
        communityId: restricted.communityId,
        userId: leaver.userId,
      }),
    );
    await dispatcher.publishAndWait(
      cloudEventFactory.build(EventTypes.PlatformContentPublished, { communityId: restricted.communityId }),
      mention(leaver.userId, 'Before the switch'),
    );
    await dispatcher.publishAndWait(
      cloudEventFactory.build(EventTypes.MemberLeft, {
        communityId: restricted.communityId,
        userId: leaver.userId,
      }),
      cloudEventFactory.build(EventTypes.PreferenceProfileChanged, {
        ...leaver,
        preferences: preferences({ mentions: 'never' }),
        revision: 2,
      }),
    );

    // 08:00 UTC.
    const summary = await dispatcher.runDigests(new Date('2027-02-02T08:00:00Z'));

    expect(summary).toMatchObject({ opened: 1, sent: 0, skipped: 1 });
    expect(await sesMessages(dispatcher.sesEndpoint, { to: leaver.email })).toEqual([]);
    const reasons = (await dispatcher.deliveries(leaver.userId)).map((entry) => [
      entry.category,
      entry.reason,
    ]);
    expect(reasons.sort()).toEqual([
      ['communityActivity', 'not-a-member'],
      ['mentions', 'preference-never'],
    ]);
  });

  it('shares the work between concurrent runs (replicas) without sending any digest twice', async () => {
    const users = Array.from({ length: 24 }, () =>
      userProfileFactory.build({
        timeZone: 'Europe/Lisbon',
        preferences: preferences({ mentions: 'weekly' }),
      }),
    );
    await dispatcher.publishAndWait(
      ...users.map((user) => cloudEventFactory.build(EventTypes.PreferenceProfileChanged, user)),
    );
    await dispatcher.publishAndWait(...users.map((user) => mention(user.userId, `News for ${user.userId}`)));
    const runner = dispatcher.app.get(DigestRunner);
    // 08:00 in Lisbon (WET) on Monday 2027-03-01.
    const at = new Date('2027-03-01T08:00:00Z');

    const runs = await Promise.all([runner.run(at), runner.run(at), runner.run(at)]);

    expect(runs.reduce((sum, run) => sum + run.opened, 0)).toBe(users.length);
    expect(runs.reduce((sum, run) => sum + run.sent, 0)).toBe(users.length);
    for (const user of users) {
      const emails = await sesMessages(dispatcher.sesEndpoint, { to: user.email });
      expect(emails.map((email) => email.subject)).toEqual(['Your weekly summary: 1 new item']);
    }
  });

  it('lets only platform services run digests', async () => {
    const userToken = await dispatcher.bearer('someone');

    await request(dispatcher.http).post('/digests/run').send({}).expect(401);
    await request(dispatcher.http)
      .post('/digests/run')
      .set('Authorization', `Bearer ${userToken}`)
      .send({})
      .expect(403);
    const serviceToken = await dispatcher.serviceBearer('ops');
    const invalid = await request(dispatcher.http)
      .post('/digests/run')
      .set('Authorization', `Bearer ${serviceToken}`)
      .send({ at: 'yesterday' })
      .expect(400);
    expect(invalid.body).toMatchObject({ errors: [expect.objectContaining({ field: 'at' })] });
  });
});
