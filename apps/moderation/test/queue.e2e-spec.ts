import { EventTypes } from '@notify/contracts';
import { ModerationRequests } from './support/moderation-requests';
import { startModerationApp, type ModerationTestApp } from './support/moderation-test-app';
import { Seeder } from './support/seed';

describe('moderation: the queue built from community events (HTTP + Kafka)', () => {
  let t: ModerationTestApp;
  let seed: Seeder;
  let api: ModerationRequests;

  beforeAll(async () => {
    t = await startModerationApp('queue');
    seed = new Seeder(t);
    api = new ModerationRequests(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  it("lists the pending items of the caller's communities only; a service sees all", async () => {
    const mine = await seed.community();
    const theirs = await seed.community();
    const request1 = await seed.accessRequest(mine.communityId, new Date(Date.now() - 2000));
    const submission = await seed.submission(mine.communityId, new Date(Date.now() - 1000));
    const other = await seed.accessRequest(theirs.communityId);

    const page = await api.queue(mine.moderator.userId);

    expect(page.items.map((item) => [item.kind, item.id])).toEqual([
      ['access-request', request1.id],
      ['submission', submission.id],
    ]);
    expect(page.nextCursor).toBeNull();
    expect(page.items[0]).toMatchObject({
      communityId: mine.communityId,
      communityName: 'Green public procurement',
    });
    const all = await api.queue('portal-backend', { limit: 200 }, 'service');
    expect(all.items.map((item) => item.id)).toEqual(
      expect.arrayContaining([request1.id, submission.id, other.id]),
    );
  });

  it('pages through the queue with a cursor', async () => {
    const community = await seed.community();
    const ids = [];
    for (let i = 0; i < 3; i += 1) {
      ids.push((await seed.accessRequest(community.communityId, new Date(Date.now() - (10 - i) * 1000))).id);
    }

    const first = await api.queue(community.moderator.userId, { limit: 2 });
    const second = await api.queue(community.moderator.userId, { limit: 2, cursor: first.nextCursor ?? '' });

    expect(first.items.map((item) => item.id)).toEqual(ids.slice(0, 2));
    expect(second.items.map((item) => item.id)).toEqual(ids.slice(2));
    expect(second.nextCursor).toBeNull();
  });

  it('queues an item once even when its event arrives twice', async () => {
    const { communityId } = await seed.community();
    const { id } = await seed.accessRequest(communityId);
    const [row] = await t.dataSource.query(
      'SELECT requester_id, pending_since FROM moderation_items WHERE id = $1',
      [id],
    );

    await seed.deliver(EventTypes.AccessRequested, communityId, {
      accessRequestId: id,
      communityId,
      userId: row.requester_id,
      requestedAt: new Date(row.pending_since).toISOString(),
    });

    expect(await t.count('SELECT count(*) FROM moderation_items WHERE id = $1', [id])).toBe(1);
  });
});
