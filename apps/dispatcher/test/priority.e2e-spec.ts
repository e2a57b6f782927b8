import { EventTypes } from '@notify/contracts';
import {
  cloudEventFactory,
  communityFactory,
  moderatorFactory,
  userProfileFactory,
  waitFor,
} from '@notify/testing';
import { ReplicaLease } from '../src/claims/replica-lease.service';
import { DeliveriesRepository } from '../src/deliveries/deliveries.repository';
import { startDispatcher, type DispatcherTestApp } from './support/dispatcher-test-app';

const MEMBERS = 20_000;
const RATE = 200;
const LANES = 4;
const BATCH = 25;

interface Row {
  status: string;
  created_at: Date;
  sent_at: Date | null;
}

// A moderator's alert does not queue behind a community's activity: at the account's send rate the fan-out below
// takes 100 s to drain, the alert goes out within the batches already claimed when it was planned.
describe('sending priority under a large fan-out', () => {
  let dispatcher: DispatcherTestApp;

  beforeAll(async () => {
    dispatcher = await startDispatcher('priority', {
      SES_MAX_SEND_RATE: String(RATE),
      SENDER_CONCURRENCY: String(LANES),
      SENDER_BATCH_SIZE: String(BATCH),
    });
  });

  afterAll(async () => {
    await dispatcher?.close();
  });

  it(`sends an access-request alert before a ${MEMBERS.toLocaleString('en')}-member activity backlog drains`, async () => {
    const moderator = userProfileFactory.build({});
    const requester = userProfileFactory.build({});
    const community = communityFactory.build({
      visibility: 'restricted',
      moderators: [moderatorFactory.build({ userId: moderator.userId, displayName: moderator.displayName })],
    });
    await dispatcher.publishAndWait(
      cloudEventFactory.build(EventTypes.CommunityCreated, community),
      cloudEventFactory.build(EventTypes.PreferenceProfileChanged, moderator),
      cloudEventFactory.build(EventTypes.PreferenceProfileChanged, requester),
    );
    // Members who want community activity at once, seeded straight into the read models.
    await dispatcher.dataSource.query(
      `INSERT INTO profiles (user_id, email, display_name, locale, time_zone, mentions, comments, private_messages,
                             community_activity, revision)
       SELECT 'prio-' || n, 'prio-' || n || '@example.org', 'Member ' || n, 'en', 'Europe/Brussels',
              'immediately', 'immediately', 'immediately', 'immediately', 1
         FROM generate_series(1, $1) AS n`,
      [MEMBERS],
    );
    await dispatcher.dataSource.query(
      `INSERT INTO memberships (community_id, user_id, state, changed_at)
       SELECT $1, 'prio-' || n, 'joined', now() - interval '1 day' FROM generate_series(1, $2) AS n`,
      [community.communityId, MEMBERS],
    );
    await dispatcher.dataSource.query('ANALYZE memberships; ANALYZE profiles');
    await dispatcher.publishAndWait(
      cloudEventFactory.build(EventTypes.PlatformContentPublished, {
        communityId: community.communityId,
        author: { userId: 'prio-1', displayName: 'Member 1' },
      }),
    );

    await dispatcher.publishAndWait(
      cloudEventFactory.build(EventTypes.AccessRequested, {
        communityId: community.communityId,
        userId: requester.userId,
        message: 'Please let me in.',
      }),
    );
    const alertRow = async (): Promise<Row | undefined> =>
      (
        await dispatcher.dataSource.query<Row[]>(
          `SELECT status, created_at, sent_at FROM deliveries
            WHERE template = 'access-request.moderator' AND recipient_user_id = $1`,
          [moderator.userId],
        )
      )[0];
    await waitFor(async () => (await alertRow())?.status === 'sent', {
      timeoutMs: 60_000,
      intervalMs: 100,
      description: 'the access-request alert to be sent',
    });
    const alert = (await alertRow()) as Row;

    const [activity] = await dispatcher.dataSource.query<
      { planned: number; sent_before: number; sent_while_waiting: number }[]
    >(
      `SELECT count(*)::int AS planned,
              count(*) FILTER (WHERE sent_at <= $1)::int AS sent_before,
              count(*) FILTER (WHERE sent_at > $2 AND sent_at <= $1)::int AS sent_while_waiting
         FROM deliveries WHERE template = 'activity.content-published'`,
      [alert.sent_at, alert.created_at],
    );
    process.stdout.write(
      `priority: alert sent ${(alert.sent_at as Date).getTime() - alert.created_at.getTime()} ms after it was ` +
        `planned; ${activity.sent_while_waiting} activity emails went out meanwhile, ` +
        `${activity.planned - activity.sent_before} of ${activity.planned} still to send\n`,
    );
    // Every member's row, the author's own skipped.
    expect(activity.planned).toBe(MEMBERS);
    // The backlog had not drained...
    expect(activity.planned - activity.sent_before).toBeGreaterThan(MEMBERS / 2);
    // ...and the alert waited for at most what the lanes held when it was planned plus one claim's reserved share,
    // not for the thousands of activity rows due before it.
    expect(activity.sent_while_waiting).toBeLessThanOrEqual(LANES * BATCH * 2);
  });
});

// What one claim takes when several classes are due: the higher classes first, each lower class its reserved share.
describe('a claim across priorities', () => {
  let dispatcher: DispatcherTestApp;
  let claim: (limit: number) => Promise<{ priority: number }[]>;

  beforeAll(async () => {
    dispatcher = await startDispatcher('priority_claim', { SENDER_ENABLED: 'false' });
    const deliveries = dispatcher.app.get(DeliveriesRepository);
    const { replicaId } = dispatcher.app.get(ReplicaLease);
    claim = (limit) => deliveries.claimDue(limit, replicaId);
  });

  afterAll(async () => {
    await dispatcher?.close();
  });

  const TEMPLATES = ['access-request.moderator', 'activity.mention', 'activity.content-published'];

  async function plan(due: [number, number, number]): Promise<void> {
    await dispatcher.dataSource.query(`DELETE FROM deliveries`);
    for (const [priority, count] of due.entries()) {
      await dispatcher.dataSource.query(
        `INSERT INTO deliveries (event_ref, recipient_user_id, recipient_role, template, category, members_only,
                                 status, priority, next_attempt_at)
         SELECT 1, 'claim-' || $1::text || '-' || n, 'recipient', $2, 'transactional', false, 'pending',
                $1::smallint, now() - make_interval(secs => $3 - n)
           FROM generate_series(1, $3) AS n`,
        [priority, TEMPLATES[priority], count],
      );
    }
  }

  it.each<[string, [number, number, number], number, [number, number, number]]>([
    ['all three classes due', [100, 100, 100], 25, [15, 5, 5]],
    ['no personal emails due', [100, 0, 100], 25, [20, 0, 5]],
    ['no alert due', [0, 100, 100], 25, [0, 20, 5]],
    ['only activity due', [0, 0, 100], 25, [0, 0, 25]],
    ['only alerts due', [100, 0, 0], 25, [25, 0, 0]],
    ['few of the higher classes due', [3, 2, 100], 25, [3, 2, 20]],
    ['a claim too small to reserve', [100, 100, 100], 4, [4, 0, 0]],
  ])('%s: %j due, a claim of %i takes %j', async (_, due, limit, expected) => {
    await plan(due);
    const claimed = await claim(limit);
    const taken = [0, 1, 2].map((priority) => claimed.filter((row) => row.priority === priority).length);
    expect(taken).toEqual(expected);
    expect(claimed.map((row) => row.priority)).toEqual([...claimed.map((row) => row.priority)].sort());
  });
});
