import { Limits, Topics } from '@notify/contracts';
import { testKafka, uniqueId, withKey } from '@notify/testing';
import { ConfigResourceTypes } from 'kafkajs';
import request from 'supertest';
import { startPreferencesApp, type PreferencesTestApp } from './preferences-test-app';

const DEFAULTS = {
  mentions: 'immediately',
  comments: 'immediately',
  privateMessages: 'immediately',
  communityActivity: 'daily',
};

describe('preferences (e2e)', () => {
  let t: PreferencesTestApp;
  let service: string;

  beforeAll(async () => {
    t = await startPreferencesApp('prefs');
    service = await t.serviceBearer('platform-backend');
  });

  afterAll(async () => {
    await t?.close();
  });

  function put(path: string, body: object, token = service): request.Test {
    return request(t.http).put(path).set('Authorization', `Bearer ${token}`).send(body);
  }

  function get(path: string, token = service): request.Test {
    return request(t.http).get(path).set('Authorization', `Bearer ${token}`);
  }

  async function withProfile(userId: string): Promise<void> {
    await put(`/users/${userId}/profile`, {
      email: `${userId}@example.eu`,
      displayName: 'P',
      locale: 'de',
      timeZone: 'Europe/Berlin',
    }).expect(200);
  }

  it('gives a new user the defaults of the contract without publishing anything', async () => {
    const userId = uniqueId('user');

    await get(`/users/${userId}/preferences`).expect(200, DEFAULTS);

    await expect(t.outboxCount(userId)).resolves.toBe(0);
  });

  it('stores what the user chose and gives it back', async () => {
    const userId = uniqueId('user');
    const own = await t.bearer(userId);
    const chosen = {
      mentions: 'daily',
      comments: 'weekly',
      privateMessages: 'never',
      communityActivity: 'immediately',
    };

    await put(`/users/${userId}/preferences`, chosen, own).expect(200, chosen);

    await get(`/users/${userId}/preferences`, own).expect(200, chosen);
  });

  it('takes user ids of the longest length the contract allows', async () => {
    const userId = uniqueId('user').padEnd(Limits.id, 'x');
    const chosen = { ...DEFAULTS, mentions: 'weekly' };
    const profile = { email: 'long.id@example.eu', displayName: 'L', locale: 'fr', timeZone: 'Europe/Paris' };

    await put(`/users/${userId}/profile`, profile).expect(200, profile);
    await put(`/users/${userId}/preferences`, chosen).expect(200, chosen);

    await get(`/users/${userId}/preferences`).expect(200, chosen);
    await expect(t.outboxCount(userId)).resolves.toBe(2);
  });

  it('refuses communityActivity: never with a 400 naming the field, keeping the previous choice', async () => {
    const userId = uniqueId('user');
    await put(`/users/${userId}/preferences`, { ...DEFAULTS, communityActivity: 'weekly' }).expect(200);

    const response = await put(`/users/${userId}/preferences`, { ...DEFAULTS, communityActivity: 'never' });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ errors: [{ field: 'communityActivity' }] });
    expect(JSON.stringify(response.body)).toContain('leaving the community');
    await get(`/users/${userId}/preferences`).expect(200, { ...DEFAULTS, communityActivity: 'weekly' });
  });

  it('names an unknown frequency and a missing category in the 400', async () => {
    const userId = uniqueId('user');
    const { comments: _omitted, ...withoutComments } = DEFAULTS;

    const response = await put(`/users/${userId}/preferences`, { ...withoutComments, mentions: 'hourly' });

    expect(response.status).toBe(400);
    const fields = (response.body as { errors: { field: string }[] }).errors
      .map((error) => error.field)
      .sort();
    expect(fields).toEqual(['comments', 'mentions']);
  });

  it('keeps preferences set before the profile and publishes them with the first profile', async () => {
    const userId = uniqueId('user');
    const chosen = {
      mentions: 'never',
      comments: 'daily',
      privateMessages: 'weekly',
      communityActivity: 'weekly',
    };

    await put(`/users/${userId}/preferences`, chosen).expect(200);
    await expect(t.outboxCount(userId)).resolves.toBe(0);
    await withProfile(userId);

    const [record] = await t.profiles.waitForCount(withKey(userId), 1);
    expect(record.event.data).toMatchObject({ userId, email: `${userId}@example.eu`, preferences: chosen });
  });

  it('publishes nothing for a change that changes nothing', async () => {
    const userId = uniqueId('user');
    await withProfile(userId);
    await put(`/users/${userId}/preferences`, { ...DEFAULTS, comments: 'daily' }).expect(200);
    await expect(t.outboxCount(userId)).resolves.toBe(2);

    await put(`/users/${userId}/preferences`, { ...DEFAULTS, comments: 'daily' }).expect(200);
    await withProfile(userId);

    await expect(t.outboxCount(userId)).resolves.toBe(2);
  });

  it('keeps the latest full state of each user as the last record of its key on a compacted topic', async () => {
    const userId = uniqueId('user');
    await withProfile(userId);
    for (const comments of ['daily', 'weekly', 'never'] as const) {
      await put(`/users/${userId}/preferences`, { ...DEFAULTS, comments }).expect(200);
    }

    const records = await t.profiles.waitForCount(withKey(userId), 4);
    expect(records.map((record) => record.event.data.revision)).toEqual([1, 2, 3, 4]);
    const latest = records[records.length - 1].event.data;
    expect(latest.preferences).toEqual((await get(`/users/${userId}/preferences`)).body);
    expect(latest.preferences.comments).toBe('never');
    await expect(cleanupPolicyOf(t.brokers, t.topic(Topics.PreferenceProfiles))).resolves.toBe('compact');
  });

  it('requires a token (401) and lets a user act only for themselves (403)', async () => {
    const userId = uniqueId('user');
    const someoneElse = await t.bearer(uniqueId('user'));

    await request(t.http).get(`/users/${userId}/preferences`).expect(401);
    await get(`/users/${userId}/preferences`, someoneElse).expect(403);
    await put(`/users/${userId}/preferences`, DEFAULTS, someoneElse).expect(403);
    await get(`/users/${userId}/preferences`, await t.bearer(userId)).expect(200);
  });
});

async function cleanupPolicyOf(brokers: string[], topic: string): Promise<string | undefined> {
  const admin = testKafka(brokers, 'preferences-e2e-admin').admin();
  await admin.connect();
  try {
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['cleanup.policy'] }],
    });
    return resources[0]?.configEntries.find((entry) => entry.configName === 'cleanup.policy')?.configValue;
  } finally {
    await admin.disconnect();
  }
}
