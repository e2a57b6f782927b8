import { EventTypes } from '@notify/contracts';
import { expectEveryOperationRequiresAuth, uniqueId } from '@notify/testing';
import request from 'supertest';
import { startCommunitiesApp, type CommunitiesTestApp } from './support/communities-test-app';
import { CommunityRequests } from './support/community-requests';

describe('communities: creation, visibility and changes (HTTP + Kafka)', () => {
  let t: CommunitiesTestApp;
  let api: CommunityRequests;

  beforeAll(async () => {
    t = await startCommunitiesApp('communities');
    api = new CommunityRequests(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('creates a community, announcing its moderators with their contact and their membership', async () => {
    const moderator = {
      userId: uniqueId('mod'),
      displayName: 'Jonas Moderator',
      contactEmail: 'jonas@example.org',
    };
    const response = await request(t.http)
      .post('/communities')
      .auth(await t.serviceBearer(), { type: 'bearer' })
      .send({
        name: 'Joint procurement',
        visibility: 'restricted',
        moderated: true,
        confidential: true,
        moderators: [moderator],
      })
      .expect(201);

    expect(response.body).toMatchObject({
      name: 'Joint procurement',
      visibility: 'restricted',
      confidential: true,
      moderators: [moderator],
    });
    const created = await t.published.waitForEvent(EventTypes.CommunityCreated, {
      communityId: response.body.id,
    });
    expect(created.key).toBe(response.body.id);
    expect(created.event.data).toMatchObject({
      moderated: true,
      confidential: true,
      moderators: [moderator],
    });
    await t.published.waitForEvent(EventTypes.MemberJoined, {
      userId: moderator.userId,
      joinedVia: 'community-created',
    });
  });

  it('answers 401 without a valid token', async () => {
    await request(t.http).get(`/communities/${crypto.randomUUID()}`).expect(401);
    await request(t.http)
      .get(`/communities/${crypto.randomUUID()}`)
      .auth('not-a-jwt', { type: 'bearer' })
      .expect(401);
  });

  it('answers 401 on every route without a token, but health and metrics', async () => {
    await expectEveryOperationRequiresAuth(t.http, {
      expectedOperations: ['POST /communities', 'DELETE /communities/{id}/members/{userId}'],
      publicOperations: ['GET /health', 'GET /health/ready', 'GET /metrics'],
    });
  });

  it('shows a restricted community only to its members, moderators and services', async () => {
    const { id, moderator } = await api.create({ visibility: 'restricted', moderated: true });
    const open = await api.create({ visibility: 'open', moderated: false });
    const read = async (path: string, token: Promise<string>) =>
      (
        await request(t.http)
          .get(path)
          .auth(await token, { type: 'bearer' })
      ).status;

    expect(await read(`/communities/${id}`, t.bearer(uniqueId('stranger')))).toBe(404);
    expect(await read(`/communities/${id}`, t.bearer(moderator.userId))).toBe(200);
    expect(await read(`/communities/${id}`, t.serviceBearer())).toBe(200);
    expect(await read(`/communities/${open.id}`, t.bearer(uniqueId('stranger')))).toBe(200);
    expect(await read(`/communities/${crypto.randomUUID()}`, t.serviceBearer())).toBe(404);
  });

  it('lets only its moderators, services and platform administrators change a community', async () => {
    const { id } = await api.create({ visibility: 'open', moderated: false });

    const response = await request(t.http)
      .patch(`/communities/${id}`)
      .auth(await t.bearer(uniqueId('member')), { type: 'bearer' })
      .send({ name: 'Taken over' });

    expect(response.status).toBe(403);
    expect(t.published.matching(EventTypes.CommunityUpdated, { communityId: id })).toHaveLength(0);
  });

  it("announces a moderator's change of contact", async () => {
    const { id, moderator } = await api.create({ visibility: 'restricted', moderated: true });
    const moderators = [{ ...moderator, contactEmail: 'marta.new@example.org' }];

    await request(t.http)
      .patch(`/communities/${id}`)
      .auth(await t.serviceBearer(), { type: 'bearer' })
      .send({ moderators })
      .expect(200);

    const updated = await t.published.waitForEvent(EventTypes.CommunityUpdated, { communityId: id });
    expect(updated.event.data.moderators).toEqual(moderators);
  });

  it('serves its OpenAPI document', async () => {
    const { body } = await request(t.http).get('/docs-json').expect(200);

    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/communities',
        '/communities/{id}',
        '/communities/{id}/join',
        '/communities/{id}/members/{userId}',
        '/communities/{id}/submissions',
      ]),
    );
  });
});
