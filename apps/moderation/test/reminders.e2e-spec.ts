import { EventTypes } from '@notify/contracts';
import { sleep, uniqueId } from '@notify/testing';
import request from 'supertest';
import { ModerationRequests } from './support/moderation-requests';
import { startModerationApp, type ModerationTestApp } from './support/moderation-test-app';
import { Seeder } from './support/seed';

const HOUR_MS = 3_600_000;

describe('moderation: reminders (clock controlled by the test, scheduler every 200 ms)', () => {
  let t: ModerationTestApp;
  let seed: Seeder;
  let api: ModerationRequests;

  beforeAll(async () => {
    t = await startModerationApp('reminders', { REMINDER_SCAN_INTERVAL: '200ms' });
    seed = new Seeder(t);
    api = new ModerationRequests(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('reminds once of an item pending for 48 hours, never of a decided one', async () => {
    const start = new Date();
    t.clock.set(start);
    const { communityId, moderator: marta } = await seed.community();
    const stale = await seed.accessRequest(communityId, start);
    const decided = await seed.submission(communityId, start);
    await api.decide(marta.userId, `/moderation/submissions/${decided.id}/approve`);
    const remindersOf = (itemId: string) => t.published.matching(EventTypes.ReminderDue, { itemId });

    t.clock.set(new Date(start.getTime() + 47 * HOUR_MS));
    await sleep(1000);
    expect(remindersOf(stale.id)).toHaveLength(0);

    t.clock.set(new Date(start.getTime() + 48 * HOUR_MS));
    const reminder = await t.published.waitForEvent(EventTypes.ReminderDue, { itemId: stale.id });
    expect(reminder.key).toBe(communityId);
    expect(reminder.event.data).toEqual({
      itemKind: 'access-request',
      itemId: stale.id,
      communityId,
      pendingSince: start.toISOString(),
      requesterId: stale.userId,
    });

    t.clock.set(new Date(start.getTime() + 96 * HOUR_MS));
    const later = await seed.accessRequest(communityId, new Date(start.getTime() + 100 * HOUR_MS));
    await sleep(1000);
    const run = await request(t.http)
      .post('/moderation/reminders/run')
      .auth(await t.serviceBearer(), { type: 'bearer' })
      .send({ at: new Date(start.getTime() + 200 * HOUR_MS).toISOString() })
      .expect(200);
    expect(run.body).toEqual({ reminded: 1 });
    await t.published.waitForEvent(EventTypes.ReminderDue, { itemId: later.id });
    expect(
      await t.count(`SELECT count(*) FROM outbox WHERE event_type = $1 AND payload->>'itemId' = $2`, [
        EventTypes.ReminderDue,
        stale.id,
      ]),
    ).toBe(1);
    expect(remindersOf(stale.id)).toHaveLength(1);
    expect(
      await t.count(`SELECT count(*) FROM outbox WHERE event_type = $1 AND payload->>'itemId' = $2`, [
        EventTypes.ReminderDue,
        decided.id,
      ]),
    ).toBe(0);
  });

  it('lists the reminders sent in a community to a platform service, latest first, decided ones included', async () => {
    const start = new Date();
    t.clock.set(start);
    const { communityId, moderator: marta } = await seed.community();
    const request1 = await seed.accessRequest(communityId, start);
    const submission = await seed.submission(communityId, new Date(start.getTime() + HOUR_MS));
    const list = async (query: string, bearer?: string) => {
      const call = request(t.http).get(`/moderation/reminders?${query}`);
      return bearer ? call.auth(bearer, { type: 'bearer' }) : call;
    };
    const service = await t.serviceBearer();
    expect((await list(`communityId=${communityId}`, service)).body).toEqual({ items: [], more: false });

    t.clock.set(new Date(start.getTime() + 48 * HOUR_MS));
    await t.published.waitForEvent(EventTypes.ReminderDue, { itemId: request1.id });
    t.clock.set(new Date(start.getTime() + 49 * HOUR_MS));
    await t.published.waitForEvent(EventTypes.ReminderDue, { itemId: submission.id });
    await api.decide(marta.userId, `/moderation/submissions/${submission.id}/approve`);

    const page = await list(`communityId=${communityId}`, service);
    expect(page.status).toBe(200);
    expect(page.body).toEqual({
      items: [
        expect.objectContaining({
          kind: 'submission',
          id: submission.id,
          status: 'approved',
          decidedAt: expect.any(String),
        }),
        expect.objectContaining({
          kind: 'access-request',
          id: request1.id,
          requesterId: request1.userId,
          status: 'pending',
          pendingSince: start.toISOString(),
          remindedAt: expect.any(String),
        }),
      ],
      more: false,
    });
    expect(Date.parse(page.body.items[1].remindedAt)).toBeGreaterThanOrEqual(start.getTime() + 48 * HOUR_MS);
    expect((await list(`communityId=${communityId}&limit=1`, service)).body).toMatchObject({
      items: [{ id: submission.id }],
      more: true,
    });

    expect((await list(`communityId=${communityId}`, await t.bearer(marta.userId))).status).toBe(403);
    expect((await list(`communityId=${communityId}`)).status).toBe(401);
    expect((await list(`communityId=${uniqueId('community')}`, service)).status).toBe(404);
    expect((await list('limit=5', service)).status).toBe(400);
  });

  it('lets only a platform service trigger a run', async () => {
    await request(t.http)
      .post('/moderation/reminders/run')
      .auth(await t.bearer(uniqueId('user')), { type: 'bearer' })
      .send({})
      .expect(403);
  });
});
