import { EventTypes } from '@notify/contracts';
import { expectEveryOperationRequiresAuth, uniqueId } from '@notify/testing';
import request from 'supertest';
import { ModerationRequests } from './support/moderation-requests';
import { startModerationApp, type ModerationTestApp } from './support/moderation-test-app';
import { moderator, Seeder } from './support/seed';

describe('moderation: decisions (HTTP + Kafka)', () => {
  let t: ModerationTestApp;
  let seed: Seeder;
  let api: ModerationRequests;

  beforeAll(async () => {
    t = await startModerationApp('decisions');
    seed = new Seeder(t);
    api = new ModerationRequests(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('approves an access request once, announcing the deciding moderator', async () => {
    const { communityId, moderator: marta } = await seed.community();
    const { id, userId } = await seed.accessRequest(communityId);

    const response = await api.decide(marta.userId, `/moderation/access-requests/${id}/approve`);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ kind: 'access-request', id, status: 'approved', decidedBy: marta });
    const approved = await t.published.waitForEvent(EventTypes.AccessRequestApproved, {
      accessRequestId: id,
    });
    expect(approved.key).toBe(communityId);
    expect(approved.event.data).toMatchObject({ communityId, userId, decidedBy: marta });
    const again = await api.decide(marta.userId, `/moderation/access-requests/${id}/approve`);
    expect(again.status).toBe(409);
    expect(again.body.message).toBe(`Access request ${id} was already approved`);
    expect(
      (await api.decide(marta.userId, `/moderation/access-requests/${id}/reject`, { reason: 'Too late' }))
        .status,
    ).toBe(409);
    expect(await t.count("SELECT count(*) FROM outbox WHERE payload->>'accessRequestId' = $1", [id])).toBe(1);
    expect((await api.queue(marta.userId)).items.map((item) => item.id)).not.toContain(id);
  });

  it('reads a null approval note as no note, never publishing a null reason', async () => {
    const { communityId, moderator: marta } = await seed.community();
    const { id } = await seed.accessRequest(communityId);

    const response = await api.decide(marta.userId, `/moderation/access-requests/${id}/approve`, {
      reason: null,
    });

    expect(response.status).toBe(200);
    expect(response.body).not.toHaveProperty('reason');
    const approved = await t.published.waitForEvent(EventTypes.AccessRequestApproved, {
      accessRequestId: id,
    });
    expect(approved.event.data).not.toHaveProperty('reason');
  });

  it("rejects an access request with the reason and the moderator's contact", async () => {
    const jonas = moderator('Jonas Moderator');
    const { communityId } = await seed.community([jonas]);
    const { id, userId } = await seed.accessRequest(communityId);

    const response = await api.decide(jonas.userId, `/moderation/access-requests/${id}/reject`, {
      reason: 'Reserved for contracting authorities',
    });

    expect(response.status).toBe(200);
    const rejected = await t.published.waitForEvent(EventTypes.AccessRequestRejected, {
      accessRequestId: id,
    });
    expect(rejected.event.data).toEqual({
      accessRequestId: id,
      communityId,
      userId,
      decidedBy: { userId: jonas.userId, displayName: 'Jonas Moderator', contactEmail: jonas.contactEmail },
      reason: 'Reserved for contracting authorities',
      decidedAt: expect.any(String),
    });
  });

  it('approves and rejects submissions, carrying the content and the decision', async () => {
    const { communityId, moderator: marta } = await seed.community();
    const approvedOne = await seed.submission(communityId);
    const rejectedOne = await seed.submission(communityId);

    expect((await api.decide(marta.userId, `/moderation/submissions/${approvedOne.id}/approve`)).status).toBe(
      200,
    );
    expect(
      (
        await api.decide(marta.userId, `/moderation/submissions/${rejectedOne.id}/reject`, {
          reason: 'Remove supplier names',
        })
      ).status,
    ).toBe(200);

    const approved = await t.published.waitForEvent(EventTypes.SubmissionApproved, {
      submissionId: approvedOne.id,
    });
    expect(approved.event.data).toMatchObject({
      authorId: approvedOne.authorId,
      title: 'Tender guide',
      url: 'https://portal.example.org/c/1',
      decidedBy: marta,
    });
    const rejected = await t.published.waitForEvent(EventTypes.SubmissionRejected, {
      submissionId: rejectedOne.id,
    });
    expect(rejected.event.data).toMatchObject({ reason: 'Remove supplier names', decidedBy: marta });
  });

  it('forbids anyone but a moderator of that community to decide', async () => {
    const { communityId } = await seed.community();
    const elsewhere = await seed.community();
    const { id } = await seed.accessRequest(communityId);
    const before = await t.rowCounts();

    const byModeratorElsewhere = await api.decide(
      elsewhere.moderator.userId,
      `/moderation/access-requests/${id}/approve`,
    );
    const byMember = await api.decide(uniqueId('member'), `/moderation/access-requests/${id}/approve`);
    const byService = await api.decide(
      'portal-backend',
      `/moderation/access-requests/${id}/approve`,
      {},
      'service',
    );

    for (const response of [byModeratorElsewhere, byMember, byService]) {
      expect(response.status).toBe(403);
    }
    expect(byMember.body.message).toBe(
      `Only a moderator of community ${communityId} may decide on access request ${id}`,
    );
    expect(await t.rowCounts()).toEqual(before);
  });

  it('answers 404 for an unknown item and 401 without a token', async () => {
    const { moderator: marta } = await seed.community();

    const unknown = await api.decide(marta.userId, '/moderation/submissions/no-such-item/approve');

    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('Submission no-such-item not found');
    await request(t.http).get('/moderation/queue').expect(401);
  });

  it('answers 401 on every route without a token, but health and metrics', async () => {
    await expectEveryOperationRequiresAuth(t.http, {
      expectedOperations: ['GET /moderation/queue', 'POST /moderation/reminders/run'],
      publicOperations: ['GET /health', 'GET /health/ready', 'GET /metrics'],
    });
  });

  it('follows changes of moderators announced by the communities service', async () => {
    const before = moderator('Old Moderator');
    const after = moderator('New Moderator');
    const { communityId } = await seed.community([before]);
    const { id } = await seed.accessRequest(communityId);

    await seed.updateModerators(communityId, [after]);

    expect((await api.decide(before.userId, `/moderation/access-requests/${id}/approve`)).status).toBe(403);
    expect((await api.decide(after.userId, `/moderation/access-requests/${id}/approve`)).status).toBe(200);
    const approved = await t.published.waitForEvent(EventTypes.AccessRequestApproved, {
      accessRequestId: id,
    });
    expect(approved.event.data.decidedBy).toEqual(after);
  });

  it('serves its OpenAPI document', async () => {
    const { body } = await request(t.http).get('/docs-json').expect(200);

    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/moderation/queue',
        '/moderation/access-requests/{id}/approve',
        '/moderation/access-requests/{id}/reject',
        '/moderation/submissions/{id}/approve',
        '/moderation/submissions/{id}/reject',
        '/moderation/reminders/run',
      ]),
    );
  });
});
