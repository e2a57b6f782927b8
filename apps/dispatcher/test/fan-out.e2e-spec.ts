import { EventTypes } from '@notify/contracts';
import { cloudEventFactory, communityFactory, waitFor } from '@notify/testing';
import { startDispatcher, type DispatcherTestApp } from './support/dispatcher-test-app';

const MEMBERS = 100_000;

// Scale bar: a community of 100,000 members fans out in under 5 s, without loading its members into memory.
describe('community fan-out', () => {
  let dispatcher: DispatcherTestApp;

  beforeAll(async () => {
    dispatcher = await startDispatcher('fanout');
  });

  afterAll(async () => {
    await dispatcher?.close();
  });

  it(`writes one delivery per member of a ${MEMBERS.toLocaleString('en')}-member community in under 5 s`, async () => {
    const community = communityFactory.build({ visibility: 'restricted' });
    await dispatcher.publishAndWait(cloudEventFactory.build(EventTypes.CommunityCreated, community));
    // Seeded straight into the read models: producing 200,000 profile and join events would measure the seeding.
    await dispatcher.dataSource.query(
      `INSERT INTO profiles (user_id, email, display_name, locale, time_zone, mentions, comments, private_messages,
                             community_activity, revision)
       SELECT 'fan-' || n, 'fan-' || n || '@example.org', 'Member ' || n, 'en', 'Europe/Brussels',
              'immediately', 'immediately', 'immediately', CASE WHEN n % 2 = 0 THEN 'daily' ELSE 'weekly' END, 1
         FROM generate_series(1, $1) AS n`,
      [MEMBERS],
    );
    await dispatcher.dataSource.query(
      `INSERT INTO memberships (community_id, user_id, state, changed_at)
       SELECT $1, 'fan-' || n, 'joined', now() - interval '1 day' FROM generate_series(1, $2) AS n`,
      [community.communityId, MEMBERS],
    );
    await dispatcher.dataSource.query('ANALYZE memberships; ANALYZE profiles');
    const published = cloudEventFactory.build(EventTypes.PlatformContentPublished, {
      communityId: community.communityId,
      author: { userId: 'fan-1', displayName: 'Member 1' },
    });

    const started = Date.now();
    await dispatcher.publishAndWait(published);
    // The event's transaction plans the first page; the fan-out job plans the rest, one page per transaction.
    await waitFor(
      async () => {
        const [job]: { state: string }[] = await dispatcher.dataSource.query(
          `SELECT state FROM fan_out_jobs WHERE community_id = $1`,
          [community.communityId],
        );
        return job?.state === 'done' ? true : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 20, description: 'the fan-out job to be done' },
    );
    const elapsedMs = Date.now() - started;

    const counts: { status: string; reason: string | null; count: string }[] =
      await dispatcher.dataSource.query(
        `SELECT status, reason, count(*) FROM deliveries GROUP BY status, reason ORDER BY status, reason`,
      );
    expect(counts).toEqual([
      { status: 'digest-queued', reason: null, count: String(MEMBERS - 1) },
      { status: 'skipped', reason: 'self-action', count: '1' },
    ]);
    // Measured from producing the event to the commit of its last page of delivery rows; printed for the report.
    process.stdout.write(`fan-out of ${MEMBERS} members: ${elapsedMs} ms\n`);
    expect(elapsedMs).toBeLessThan(5000);
  });
});
