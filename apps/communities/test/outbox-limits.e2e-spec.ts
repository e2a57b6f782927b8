import request from 'supertest';
import { startCommunitiesApp, type CommunitiesTestApp } from './support/communities-test-app';
import { CommunityRequests } from './support/community-requests';

describe('communities: events Kafka cannot take are refused at write time; parked rows are served to services', () => {
  let t: CommunitiesTestApp;
  let api: CommunityRequests;

  beforeAll(async () => {
    // The smallest limit allowed, so that a submission the contract accepts yields an event above it.
    t = await startCommunitiesApp('outbox-limits', { KAFKA_MAX_MESSAGE_BYTES: '1024' });
    api = new CommunityRequests(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers 413 naming the largest field when the submission event would exceed the record limit, writing nothing', async () => {
    const { id } = await api.create({ visibility: 'open', moderated: true });
    await api.join(id, 'author-big');
    const before = await t.rowCounts();

    const response = await api.submit(id, {
      authorId: 'author-big',
      title: 'Tender guide',
      url: 'https://portal.example.org/c/1',
      excerpt: 'x'.repeat(1900),
    });

    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ statusCode: 413, field: 'data.excerpt' });
    expect(response.body.message).toMatch(/above the 1024-byte limit of a Kafka record/);
    expect(await t.rowCounts()).toEqual(before);
  });

  it('lists parked outbox rows to a platform service and refuses a user', async () => {
    const service = await t.serviceBearer('portal-backend');
    const user = await t.bearer('user-1');

    const listed = await request(t.http)
      .get('/ops/outbox/parked')
      .auth(service, { type: 'bearer' })
      .expect(200);
    expect(listed.body).toEqual({ items: [], nextCursor: null });
    await request(t.http).get('/ops/outbox/parked').auth(user, { type: 'bearer' }).expect(403);
    await request(t.http).post('/ops/outbox/parked/1/retry').auth(user, { type: 'bearer' }).expect(403);
    await request(t.http).post('/ops/outbox/parked/1/retry').auth(service, { type: 'bearer' }).expect(404);
  });
});
