import { expectEveryOperationRequiresAuth, uniqueId, withKey } from '@notify/testing';
import request from 'supertest';
import { PREVIOUS_KEY, startPreferencesApp, type PreferencesTestApp } from './preferences-test-app';

const DEFAULTS = {
  mentions: 'immediately',
  comments: 'immediately',
  privateMessages: 'immediately',
  communityActivity: 'daily',
};
const ONE_CLICK = 'List-Unsubscribe=One-Click';

describe('one-click unsubscribe (e2e)', () => {
  let t: PreferencesTestApp;
  let service: string;
  const inADay = (): Date => new Date(Date.now() + 86_400_000);

  beforeAll(async () => {
    t = await startPreferencesApp('unsubscribe');
    service = await t.serviceBearer('platform-backend');
  });

  afterAll(async () => {
    await t?.close();
  });

  async function knownUser(): Promise<string> {
    const userId = uniqueId('user');
    await request(t.http)
      .put(`/users/${userId}/profile`)
      .set('Authorization', `Bearer ${service}`)
      .send({ email: `${userId}@example.eu`, displayName: 'U', locale: 'en', timeZone: 'UTC' })
      .expect(200);
    return userId;
  }

  function oneClick(token: string): request.Test {
    return request(t.http)
      .post(`/unsubscribe?token=${encodeURIComponent(token)}`)
      .type('form')
      .send(ONE_CLICK);
  }

  async function preferencesOf(userId: string): Promise<unknown> {
    const response = await request(t.http)
      .get(`/users/${userId}/preferences`)
      .set('Authorization', `Bearer ${service}`);
    return response.body;
  }

  it('sets the category to never once and publishes it; a second click changes and publishes nothing', async () => {
    const userId = await knownUser();
    const token = t.unsubscribeToken({ userId, category: 'comments' }, inADay());

    await oneClick(token).expect(200, { category: 'comments', status: 'unsubscribed' });

    await expect(preferencesOf(userId)).resolves.toEqual({ ...DEFAULTS, comments: 'never' });
    const records = await t.profiles.waitForCount(withKey(userId), 2);
    expect(records[1].event.data).toMatchObject({ revision: 2, preferences: { comments: 'never' } });
    await expect(t.outboxCount(userId)).resolves.toBe(2);

    await oneClick(token).expect(200, { category: 'comments', status: 'already-unsubscribed' });

    await expect(t.outboxCount(userId)).resolves.toBe(2);
    await expect(preferencesOf(userId)).resolves.toEqual({ ...DEFAULTS, comments: 'never' });
  });

  it('rejects a tampered token with 400 and changes nothing', async () => {
    const userId = await knownUser();
    const victim = await knownUser();
    const [keyId, , signature] = t.unsubscribeToken({ userId, category: 'mentions' }, inADay()).split('.');
    const forgedClaims = {
      c: { purpose: 'unsubscribe', userId: victim, category: 'mentions' },
      e: 4_000_000_000,
    };
    const forged = `${keyId}.${Buffer.from(JSON.stringify(forgedClaims)).toString('base64url')}.${signature}`;

    const response = await oneClick(forged);

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ message: 'This unsubscribe link is not valid.' });
    await expect(preferencesOf(victim)).resolves.toEqual(DEFAULTS);
    await expect(t.outboxCount(victim)).resolves.toBe(1);
  });

  it('rejects an expired token with 410 and changes nothing', async () => {
    const userId = await knownUser();
    const expired = t.unsubscribeToken({ userId, category: 'mentions' }, new Date(Date.now() - 1000));

    const response = await oneClick(expired);

    expect(response.status).toBe(410);
    expect(JSON.stringify(response.body)).toContain('expired');
    await expect(preferencesOf(userId)).resolves.toEqual(DEFAULTS);
    await expect(t.outboxCount(userId)).resolves.toBe(1);
  });

  it('accepts a token signed with the previous key during a key rotation', async () => {
    const userId = await knownUser();
    const token = t.unsubscribeToken({ userId, category: 'privateMessages' }, inADay(), PREVIOUS_KEY);

    await oneClick(token).expect(200, { category: 'privateMessages', status: 'unsubscribed' });

    await expect(preferencesOf(userId)).resolves.toEqual({ ...DEFAULTS, privateMessages: 'never' });
  });

  it('refuses to switch off community activity', async () => {
    const userId = await knownUser();
    const token = t.unsubscribeToken({ userId, category: 'communityActivity' }, inADay());

    const response = await oneClick(token);

    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('leave the community');
    await expect(preferencesOf(userId)).resolves.toEqual(DEFAULTS);
  });

  it('needs a token but no bearer token', async () => {
    await request(t.http).post('/unsubscribe').type('form').send(ONE_CLICK).expect(400);
  });

  it('shows a confirmation page on GET without changing anything, and its button unsubscribes', async () => {
    const userId = await knownUser();
    const token = t.unsubscribeToken({ userId, category: 'mentions' }, inADay());

    const page = await request(t.http)
      .get(`/unsubscribe?token=${encodeURIComponent(token)}`)
      .expect(200);

    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain(`action="unsubscribe/confirm?token=${encodeURIComponent(token)}"`);
    await expect(preferencesOf(userId)).resolves.toEqual(DEFAULTS);

    const confirmed = await request(t.http)
      .post(`/unsubscribe/confirm?token=${encodeURIComponent(token)}`)
      .type('form')
      .send('');
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain('<h1>Unsubscribed</h1>');
    await expect(preferencesOf(userId)).resolves.toEqual({ ...DEFAULTS, mentions: 'never' });
  });

  it('answers a person with an HTML error page for an expired link', async () => {
    const userId = await knownUser();
    const expired = t.unsubscribeToken({ userId, category: 'mentions' }, new Date(Date.now() - 1000));

    const page = await request(t.http).get(`/unsubscribe?token=${encodeURIComponent(expired)}`);

    expect(page.status).toBe(410);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('expired');
  });

  it('asks no credentials for the unsubscribe link, health and metrics, and a bearer token for the rest', async () => {
    const document = (await request(t.http).get('/docs-json').expect(200)).body as {
      security: unknown;
      paths: Record<string, Record<string, { security?: unknown }>>;
    };
    const security = (path: string, method: string): unknown =>
      document.paths[path][method].security ?? document.security;

    const publicRoutes = [
      ['post', '/unsubscribe'],
      ['get', '/unsubscribe'],
      ['post', '/unsubscribe/confirm'],
      ['get', '/health'],
      ['get', '/health/ready'],
      ['get', '/metrics'],
    ];

    expect(publicRoutes.map(([method, path]) => [method, path, security(path, method)])).toEqual(
      publicRoutes.map(([method, path]) => [method, path, []]),
    );
    expect(security('/users/{userId}/preferences', 'put')).toEqual([{ bearer: [] }]);
    expect(security('/users/{userId}/profile', 'get')).toEqual([{ bearer: [] }]);
  });

  it('answers 401 on every route without a token, but the unsubscribe link, health and metrics', async () => {
    await expectEveryOperationRequiresAuth(t.http, {
      expectedOperations: ['PUT /users/{userId}/preferences', 'GET /users/{userId}/profile'],
      publicOperations: [
        'GET /health',
        'GET /health/ready',
        'GET /metrics',
        'GET /unsubscribe',
        'POST /unsubscribe',
        'POST /unsubscribe/confirm',
      ],
    });
  });
});
