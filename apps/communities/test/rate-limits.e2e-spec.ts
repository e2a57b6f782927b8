import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { configureApp } from '@notify/bootstrap';
import { uniqueId } from '@notify/testing';
import request from 'supertest';
import type { App } from 'supertest/types';
import { AppModule, SERVICE_NAME } from '../src/app.module';
import { CommunitiesConfig } from '../src/config/communities.config';
import { startCommunitiesApp, type CommunitiesTestApp } from './support/communities-test-app';
import { CommunityRequests } from './support/community-requests';

/** A second replica of the same service: same schema, topics and settings, its own process state. */
async function startSecondReplica(t: CommunitiesTestApp): Promise<INestApplication<App>> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(CommunitiesConfig)
    .useValue(t.app.get(CommunitiesConfig))
    .compile();
  const app = moduleRef.createNestApplication<INestApplication<App>>({ logger: ['error', 'warn'] });
  configureApp(app, { service: SERVICE_NAME, description: 'second communities replica' });
  await app.init();
  return app;
}

function expectTooManyRequests(response: request.Response, action: string): void {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(3600);
  expect(response.body).toMatchObject({ statusCode: 429, action, limit: 2, retryAfterSeconds: retryAfter });
}

describe('communities: per-user limits on joining and submitting (HTTP + PostgreSQL)', () => {
  let t: CommunitiesTestApp;
  let replica: INestApplication<App>;
  let api: CommunityRequests;

  beforeAll(async () => {
    t = await startCommunitiesApp('rate_limits', { RATE_LIMIT_JOIN: '2/1h', RATE_LIMIT_SUBMIT: '2/1h' });
    replica = await startSecondReplica(t);
    api = new CommunityRequests(t);
  });

  afterAll(async () => {
    await replica?.close();
    await t?.close();
  });

  it('refuses the third join of the hour with 429 and Retry-After, counted across both replicas', async () => {
    const communities = await Promise.all(
      [1, 2, 3].map(() => api.create({ visibility: 'restricted', moderated: true })),
    );
    const userId = uniqueId('user');
    const bearer = await t.bearer(userId);
    const joinVia = (http: App, communityId: string) =>
      request(http)
        .post(`/communities/${communityId}/join`)
        .auth(bearer, { type: 'bearer' })
        .send({ userId });

    expect((await joinVia(t.http, communities[0].id)).status).toBe(202);
    expect((await joinVia(replica.getHttpServer(), communities[1].id)).status).toBe(202);
    const refused = await joinVia(t.http, communities[2].id);

    expectTooManyRequests(refused, 'join');
    expect(await t.count('SELECT count(*) FROM access_requests WHERE user_id = $1', [userId])).toBe(2);
    expect((await joinVia(replica.getHttpServer(), communities[2].id)).status).toBe(429);
    expect((await api.join(communities[2].id, uniqueId('another-user'))).status).toBe(202);
  });

  it('refuses the third submission of the hour and lets a platform service submit on', async () => {
    const { id } = await api.create({ visibility: 'open', moderated: true });
    const authorId = uniqueId('author');
    expect((await api.join(id, authorId)).status).toBe(201);
    const submission = { authorId, title: 'Tender guide', url: 'https://portal.example.org/c/1' };

    expect((await api.submit(id, submission)).status).toBe(202);
    expect((await api.submit(id, submission)).status).toBe(202);
    expectTooManyRequests(await api.submit(id, submission), 'submit');
    expect(await t.count('SELECT count(*) FROM submissions WHERE author_id = $1', [authorId])).toBe(2);

    const asService = await request(t.http)
      .post(`/communities/${id}/submissions`)
      .auth(await t.serviceBearer('portal-backend'), { type: 'bearer' })
      .send(submission);
    expect(asService.status).toBe(202);
  });
});
