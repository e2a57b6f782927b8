import { uniqueId } from '@notify/testing';
import request from 'supertest';
import { startPreferencesApp, type PreferencesTestApp } from './preferences-test-app';

describe('preferences: per-user limit on profile and preference changes (HTTP + PostgreSQL)', () => {
  let t: PreferencesTestApp;

  beforeAll(async () => {
    t = await startPreferencesApp('rate_limits', { RATE_LIMIT_PROFILE: '3/1h' });
  });

  afterAll(async () => {
    await t?.close();
  });

  const profile = (userId: string) => ({
    email: `${userId}@example.org`,
    displayName: 'Jean Buyer',
    locale: 'fr',
    timeZone: 'Europe/Brussels',
  });
  const preferences = {
    mentions: 'daily',
    comments: 'weekly',
    privateMessages: 'never',
    communityActivity: 'daily',
  };

  it('counts profile and preference updates together and refuses the fourth of the hour with Retry-After', async () => {
    const userId = uniqueId('user');
    const bearer = await t.bearer(userId);
    const put = (path: string, body: object) =>
      request(t.http).put(`/users/${userId}/${path}`).auth(bearer, { type: 'bearer' }).send(body);

    expect((await put('profile', profile(userId))).status).toBe(200);
    expect((await put('preferences', preferences)).status).toBe(200);
    expect((await put('profile', profile(userId))).status).toBe(200);
    const refused = await put('preferences', { ...preferences, mentions: 'weekly' });

    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.body).toMatchObject({ statusCode: 429, action: 'profile', limit: 3 });
    const stored = await request(t.http).get(`/users/${userId}/preferences`).auth(bearer, { type: 'bearer' });
    expect(stored.body).toMatchObject({ mentions: 'daily' });
    const reading = await request(t.http).get(`/users/${userId}/profile`).auth(bearer, { type: 'bearer' });
    expect(reading.status).toBe(200);
  });

  it('does not limit a platform service acting for users', async () => {
    const userId = uniqueId('user');
    const service = await t.serviceBearer('platform-backend');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const response = await request(t.http)
        .put(`/users/${userId}/profile`)
        .auth(service, { type: 'bearer' })
        .send(profile(userId));
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
  });
});
