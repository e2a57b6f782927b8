import {
  DEFAULT_PREFERENCES,
  DeadLetterHeaders,
  deadLetterTopic,
  encodeStructured,
  EventTypes,
  Topics,
} from '@notify/contracts';
import { cloudEventFactory, produceMessages, readTopic, uniqueId, waitFor, withKey } from '@notify/testing';
import request from 'supertest';
import { startPreferencesApp, type PreferencesTestApp } from './preferences-test-app';

describe('profiles (e2e)', () => {
  let t: PreferencesTestApp;
  let service: string;

  beforeAll(async () => {
    t = await startPreferencesApp('profiles');
    service = await t.serviceBearer('platform-backend');
  });

  afterAll(async () => {
    await t?.close();
  });

  async function profileOf(userId: string): Promise<request.Response> {
    return request(t.http).get(`/users/${userId}/profile`).set('Authorization', `Bearer ${service}`);
  }

  async function waitForProfile(userId: string): Promise<request.Response> {
    return waitFor(
      async () => {
        const response = await profileOf(userId);
        return response.status === 200 ? response : undefined;
      },
      { timeoutMs: 20_000, description: `profile of ${userId}` },
    );
  }

  it('takes the profile of a platform.user.upserted event and publishes the full state with the defaults', async () => {
    const userId = uniqueId('user');
    const event = cloudEventFactory.build(EventTypes.UserUpserted, {
      userId,
      email: `${userId}@example.org`,
      displayName: 'Jean Buyer',
      locale: 'fr-be',
      timeZone: 'Europe/Brussels',
    });

    await t.produceActivity(event, userId);

    const response = await waitForProfile(userId);
    expect(response.body).toEqual({
      email: `${userId}@example.org`,
      displayName: 'Jean Buyer',
      locale: 'fr-BE',
      timeZone: 'Europe/Brussels',
    });
    const [record] = await t.profiles.waitForCount(withKey(userId), 1);
    expect(record.event.type).toBe(EventTypes.PreferenceProfileChanged);
    expect(record.event.data).toEqual({
      userId,
      email: `${userId}@example.org`,
      displayName: 'Jean Buyer',
      locale: 'fr-BE',
      timeZone: 'Europe/Brussels',
      preferences: DEFAULT_PREFERENCES,
      revision: 1,
    });
  });

  it('also reads structured-mode CloudEvents', async () => {
    const userId = uniqueId('user');
    const event = cloudEventFactory.build(EventTypes.UserUpserted, { userId, displayName: 'Structured Sam' });

    await produceMessages(t.brokers, t.topic(Topics.PlatformActivity), [encodeStructured(event, userId)]);

    await expect(waitForProfile(userId)).resolves.toMatchObject({ body: { displayName: 'Structured Sam' } });
  });

  it('lets a user replace their own profile and publishes the next revision', async () => {
    const userId = uniqueId('user');
    const own = await t.bearer(userId);
    const profile = {
      email: `${userId}@example.eu`,
      displayName: 'Ana Novak',
      locale: 'sl',
      timeZone: 'Europe/Ljubljana',
    };

    const put = await request(t.http)
      .put(`/users/${userId}/profile`)
      .set('Authorization', `Bearer ${own}`)
      .send(profile);
    expect(put.status).toBe(200);
    expect(put.body).toEqual(profile);
    await request(t.http)
      .put(`/users/${userId}/profile`)
      .set('Authorization', `Bearer ${own}`)
      .send({ ...profile, timeZone: 'Europe/Rome' })
      .expect(200);

    await expect(profileOf(userId)).resolves.toMatchObject({
      status: 200,
      body: { ...profile, timeZone: 'Europe/Rome' },
    });
    const records = await t.profiles.waitForCount(withKey(userId), 2);
    expect(records.map((record) => [record.event.data.revision, record.event.data.timeZone])).toEqual([
      [1, 'Europe/Ljubljana'],
      [2, 'Europe/Rome'],
    ]);
  });

  it('ignores an upsert older than the stored profile, publishing nothing', async () => {
    const userId = uniqueId('user');
    const newer = cloudEventFactory.build(
      EventTypes.UserUpserted,
      { userId, displayName: 'Newer' },
      { time: '2025-05-01T10:00:00Z' },
    );
    const older = cloudEventFactory.build(
      EventTypes.UserUpserted,
      { userId, displayName: 'Older' },
      { time: '2025-05-01T09:00:00Z' },
    );

    await t.produceActivity(newer, userId);
    await waitForProfile(userId);
    await t.produceActivity(older, userId);
    await waitFor(() => t.consumed(older.id), {
      timeoutMs: 20_000,
      description: 'the older upsert to be consumed',
    });

    await expect(profileOf(userId)).resolves.toMatchObject({ body: { displayName: 'Newer' } });
    await expect(t.outboxCount(userId)).resolves.toBe(1);
  });

  it('dead-letters an invalid upsert with the reason and the field, and skips the dispatcher’s event types', async () => {
    const userId = uniqueId('user');
    const invalid = cloudEventFactory.build(EventTypes.UserUpserted, { userId, locale: 'not a locale!' });
    const mention = cloudEventFactory.build(EventTypes.MentionCreated, { recipientUserId: userId });
    const valid = cloudEventFactory.build(EventTypes.UserUpserted, {
      userId,
      displayName: 'After the bad one',
    });

    // Same key, same partition: once the valid event is in, the two before it were handled too.
    await t.produceActivity(invalid, userId);
    await t.produceActivity(mention, userId);
    await t.produceActivity(valid, userId);
    await expect(waitForProfile(userId)).resolves.toMatchObject({
      body: { displayName: 'After the bad one' },
    });

    const deadLetters = await readTopic(t.brokers, deadLetterTopic(t.topic(Topics.PlatformActivity)), {
      timeoutMs: 5000,
    });
    const ours = deadLetters.filter((record) => record.key === userId);
    expect(ours).toHaveLength(1);
    expect(ours[0].headers).toMatchObject({
      [DeadLetterHeaders.Reason]: 'invalid-payload',
      [DeadLetterHeaders.OriginalTopic]: t.topic(Topics.PlatformActivity),
      ce_id: invalid.id,
    });
    expect(ours[0].headers[DeadLetterHeaders.Error]).toContain('locale');
  });

  it('names every invalid field of a profile in a 400 and stores nothing', async () => {
    const userId = uniqueId('user');
    const own = await t.bearer(userId);

    const response = await request(t.http)
      .put(`/users/${userId}/profile`)
      .set('Authorization', `Bearer ${own}`)
      .send({
        email: 'not-an-email',
        displayName: 'X',
        locale: 'english please',
        timeZone: 'Mars/Olympus_Mons',
      });

    expect(response.status).toBe(400);
    expect(
      (response.body as { errors: { field: string }[] }).errors.map((error) => error.field).sort(),
    ).toEqual(['email', 'locale', 'timeZone']);
    await expect(profileOf(userId)).resolves.toMatchObject({ status: 404 });
  });

  it('answers 404 for a user without a profile', async () => {
    await expect(profileOf(uniqueId('user'))).resolves.toMatchObject({ status: 404 });
  });

  it('requires a token (401) and lets a user act only for themselves (403)', async () => {
    const userId = uniqueId('user');
    const someoneElse = await t.bearer(uniqueId('user'));
    const profile = { email: 'a@example.eu', displayName: 'A', locale: 'en', timeZone: 'UTC' };

    await request(t.http).get(`/users/${userId}/profile`).expect(401);
    await request(t.http)
      .put(`/users/${userId}/profile`)
      .set('Authorization', 'Bearer not-a-jwt')
      .send(profile)
      .expect(401);
    await request(t.http)
      .put(`/users/${userId}/profile`)
      .set('Authorization', `Bearer ${someoneElse}`)
      .send(profile)
      .expect(403);
    await request(t.http)
      .put(`/users/${userId}/profile`)
      .set('Authorization', `Bearer ${service}`)
      .send(profile)
      .expect(200);
    await request(t.http)
      .get(`/users/${userId}/profile`)
      .set('Authorization', `Bearer ${someoneElse}`)
      .expect(403);
  });

  it('finds users by email address for a platform service, case-insensitively, and refuses users (403)', async () => {
    const userId = uniqueId('lookup');
    const email = `${userId}@Example.org`;
    await request(t.http)
      .put(`/users/${userId}/profile`)
      .set('Authorization', `Bearer ${service}`)
      .send({ email, displayName: 'Ana Novak', locale: 'sl', timeZone: 'Europe/Ljubljana' })
      .expect(200);

    const found = await request(t.http)
      .get('/profiles')
      .query({ email: email.toUpperCase() })
      .set('Authorization', `Bearer ${service}`)
      .expect(200);
    expect(found.body).toEqual({ items: [{ userId }] });
    const none = await request(t.http)
      .get('/profiles')
      .query({ email: `nobody-${userId}@example.org` })
      .set('Authorization', `Bearer ${service}`)
      .expect(200);
    expect(none.body).toEqual({ items: [] });
    const invalid = await request(t.http)
      .get('/profiles')
      .query({ email: 'not-an-address' })
      .set('Authorization', `Bearer ${service}`)
      .expect(400);
    expect(JSON.stringify(invalid.body)).toContain('email');
    await request(t.http)
      .get('/profiles')
      .query({ email })
      .set('Authorization', `Bearer ${await t.bearer(userId)}`)
      .expect(403);
  });
});
