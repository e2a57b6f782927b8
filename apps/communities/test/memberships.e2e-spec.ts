import { EventTypes } from '@notify/contracts';
import { cloudEventFactory, uniqueId, waitFor } from '@notify/testing';
import request from 'supertest';
import { startCommunitiesApp, type CommunitiesTestApp } from './support/communities-test-app';
import { CommunityRequests } from './support/community-requests';

describe('communities: joining, access decisions and leaving (HTTP + Kafka)', () => {
  let t: CommunitiesTestApp;
  let api: CommunityRequests;

  beforeAll(async () => {
    t = await startCommunitiesApp('memberships');
    api = new CommunityRequests(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('lets anyone join an open community at once', async () => {
    const { id } = await api.create({ visibility: 'open', moderated: false });
    const userId = uniqueId('user');

    const response = await api.join(id, userId);

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: 'member', joinedVia: 'open-join' });
    const joined = await t.published.waitForEvent(EventTypes.MemberJoined, { communityId: id, userId });
    expect(joined.event.data.joinedVia).toBe('open-join');
    expect((await api.join(id, userId)).status).toBe(409);
  });

  it('queues a restricted join and makes the user a member once the approval arrives, only once', async () => {
    const { id, moderator } = await api.create({ visibility: 'restricted', moderated: true });
    const userId = uniqueId('user');

    const response = await api.join(id, userId, 'I run the tenders of my region');
    expect(response.status).toBe(202);
    const accessRequestId = response.body.accessRequestId as string;
    const requested = await t.published.waitForEvent(EventTypes.AccessRequested, { accessRequestId });
    expect(requested.event.data).toMatchObject({
      communityId: id,
      userId,
      message: 'I run the tenders of my region',
    });
    expect((await api.join(id, userId)).status).toBe(409);
    await request(t.http)
      .get(`/communities/${id}`)
      .auth(await t.bearer(userId), { type: 'bearer' })
      .expect(404);

    const decision = {
      accessRequestId,
      communityId: id,
      userId,
      decidedBy: moderator,
      decidedAt: new Date().toISOString(),
    };
    const approved = cloudEventFactory.build(EventTypes.AccessRequestApproved, decision);
    await t.produceModerationEvent(approved, id);
    const joined = await t.published.waitForEvent(EventTypes.MemberJoined, { communityId: id, userId });
    expect(joined.event.data.joinedVia).toBe('access-request-approved');
    await request(t.http)
      .get(`/communities/${id}`)
      .auth(await t.bearer(userId), { type: 'bearer' })
      .expect(200);

    const redelivered = cloudEventFactory.build(EventTypes.AccessRequestApproved, decision);
    await t.produceModerationEvent(approved, id);
    await t.produceModerationEvent(redelivered, id);
    await waitFor(() => t.consumed(redelivered.id), {
      timeoutMs: 20_000,
      description: 'the repeated approval',
    });
    expect(
      await t.count(`SELECT count(*) FROM outbox WHERE event_type = $1 AND payload->>'userId' = $2`, [
        EventTypes.MemberJoined,
        userId,
      ]),
    ).toBe(1);
    expect(
      await t.count('SELECT count(*) FROM memberships WHERE community_id = $1 AND user_id = $2', [
        id,
        userId,
      ]),
    ).toBe(1);
  });

  it('records a rejected access request with its reason and no membership', async () => {
    const { id, moderator } = await api.create({ visibility: 'restricted', moderated: true });
    const userId = uniqueId('user');
    const { body } = await api.join(id, userId);

    const rejected = cloudEventFactory.build(EventTypes.AccessRequestRejected, {
      accessRequestId: body.accessRequestId,
      communityId: id,
      userId,
      decidedBy: moderator,
      reason: 'Reserved for contracting authorities',
      decidedAt: new Date().toISOString(),
    });
    await t.produceModerationEvent(rejected, id);

    await waitFor(() => t.consumed(rejected.id), { timeoutMs: 20_000, description: 'the rejection' });
    const [row] = await t.dataSource.query(
      'SELECT status, reason, decided_by FROM access_requests WHERE id = $1',
      [body.accessRequestId],
    );
    expect(row).toEqual({
      status: 'rejected',
      reason: 'Reserved for contracting authorities',
      decided_by: moderator.userId,
    });
    expect(await api.isMember(id, userId)).toBe(false);
    expect((await api.join(id, userId)).status).toBe(202);
  });

  it('lets a member leave and a moderator remove, but not another member', async () => {
    const { id, moderator } = await api.create({ visibility: 'open', moderated: false });
    const [leaver, removed, bystander] = [uniqueId('leaver'), uniqueId('removed'), uniqueId('bystander')];
    for (const userId of [leaver, removed, bystander]) {
      await api.join(id, userId);
    }

    await request(t.http)
      .delete(`/communities/${id}/members/${leaver}`)
      .auth(await t.bearer(leaver), { type: 'bearer' })
      .expect(204);
    await request(t.http)
      .delete(`/communities/${id}/members/${removed}`)
      .auth(await t.bearer(bystander), { type: 'bearer' })
      .expect(403);
    await request(t.http)
      .delete(`/communities/${id}/members/${removed}`)
      .auth(await t.bearer(moderator.userId), { type: 'bearer' })
      .expect(204);
    await request(t.http)
      .delete(`/communities/${id}/members/${leaver}`)
      .auth(await t.bearer(leaver), { type: 'bearer' })
      .expect(404);

    expect((await t.published.waitForEvent(EventTypes.MemberLeft, { userId: leaver })).event.data.cause).toBe(
      'left',
    );
    expect(
      (await t.published.waitForEvent(EventTypes.MemberLeft, { userId: removed })).event.data.cause,
    ).toBe('removed');
    expect(await api.isMember(id, bystander)).toBe(true);
  });
});
