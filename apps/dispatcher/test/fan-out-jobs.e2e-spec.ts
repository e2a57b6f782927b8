import { EventTypes } from '@notify/contracts';
import { cloudEventFactory, communityFactory, waitFor } from '@notify/testing';
import { FanOutJobsRepository } from '../src/notifications/fan-out-jobs.repository';
import { FanOutWorker } from '../src/notifications/fan-out.worker';
import { RetentionJob } from '../src/retention/retention.service';
import { startDispatcher, type DispatcherTestApp } from './support/dispatcher-test-app';

const MEMBERS = 25_000;
const PAGE_SIZE = 1000;

interface JobState {
  state: string;
  pages: number;
  after_user_id: string;
}

// A community larger than one page is planned by fan-out jobs: one page and its cursor per transaction.
describe('fan-out jobs', () => {
  let dispatcher: DispatcherTestApp;

  beforeAll(async () => {
    dispatcher = await startDispatcher('fanoutjobs', {
      FANOUT_PAGE_SIZE: String(PAGE_SIZE),
      FANOUT_POLL_INTERVAL: '250ms',
      // The members have no address worth sending to here; only the planning is under test.
      SENDER_ENABLED: 'false',
    });
    await dispatcher.dataSource.query(
      `INSERT INTO profiles (user_id, email, display_name, locale, time_zone, mentions, comments, private_messages,
                             community_activity, revision)
       SELECT 'job-' || n, 'job-' || n || '@example.org', 'Member ' || n, 'en', 'Europe/Brussels',
              'immediately', 'immediately', 'immediately', 'immediately', 1
         FROM generate_series(1, $1) AS n`,
      [MEMBERS],
    );
  });

  afterAll(async () => {
    await dispatcher?.close();
  });

  async function communityWithMembers(): Promise<string> {
    const community = communityFactory.build({ visibility: 'restricted' });
    await dispatcher.publishAndWait(cloudEventFactory.build(EventTypes.CommunityCreated, community));
    await dispatcher.dataSource.query(
      `INSERT INTO memberships (community_id, user_id, state, changed_at)
       SELECT $1, 'job-' || n, 'joined', now() - interval '1 day' FROM generate_series(1, $2) AS n`,
      [community.communityId, MEMBERS],
    );
    await dispatcher.dataSource.query('ANALYZE memberships');
    return community.communityId;
  }

  async function publishContent(communityId: string): Promise<void> {
    await dispatcher.publishAndWait(
      cloudEventFactory.build(EventTypes.PlatformContentPublished, {
        communityId,
        author: { userId: 'job-1', displayName: 'Member 1' },
      }),
    );
  }

  async function jobOf(communityId: string): Promise<JobState> {
    const [job]: JobState[] = await dispatcher.dataSource.query(
      `SELECT state, pages, after_user_id FROM fan_out_jobs WHERE community_id = $1`,
      [communityId],
    );
    return job;
  }

  const untilDone = (communityId: string): Promise<JobState> =>
    waitFor(
      async () => {
        const job = await jobOf(communityId);
        return job?.state === 'done' ? job : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 50, description: `the fan-out job of ${communityId} to be done` },
    );

  /** Deliveries per member of the community: how many members got none, one, or more than one. */
  async function coverage(communityId: string): Promise<{ missing: number; once: number; more: number }> {
    const [row]: { missing: string; once: string; more: string }[] = await dispatcher.dataSource.query(
      `WITH per_member AS (
         SELECT m.user_id, count(d.id) AS deliveries
           FROM memberships m
           LEFT JOIN deliveries d ON d.community_id = m.community_id AND d.recipient_user_id = m.user_id
          WHERE m.community_id = $1
          GROUP BY m.user_id
       )
       SELECT count(*) FILTER (WHERE deliveries = 0) AS missing,
              count(*) FILTER (WHERE deliveries = 1) AS once,
              count(*) FILTER (WHERE deliveries > 1) AS more
         FROM per_member`,
      [communityId],
    );
    return { missing: Number(row.missing), once: Number(row.once), more: Number(row.more) };
  }

  it(`gives each of ${MEMBERS.toLocaleString('en')} members exactly one delivery, in pages of ${PAGE_SIZE}`, async () => {
    const communityId = await communityWithMembers();

    await publishContent(communityId);
    const job = await untilDone(communityId);

    expect(await coverage(communityId)).toEqual({ missing: 0, once: MEMBERS, more: 0 });
    // The first page is planned with the event, the others by the job; the last page is short or empty.
    expect(job.pages).toBeGreaterThanOrEqual(MEMBERS / PAGE_SIZE);
    const byStatus: { status: string; priority: number; count: string }[] = await dispatcher.dataSource.query(
      `SELECT status, priority, count(*) FROM deliveries WHERE community_id = $1 GROUP BY status, priority
        ORDER BY status`,
      [communityId],
    );
    expect(byStatus).toEqual([
      { status: 'pending', priority: 2, count: String(MEMBERS - 1) },
      { status: 'skipped', priority: 2, count: '1' },
    ]);
  });

  it('resumes a job at its cursor after the worker stopped, with no member missed or notified twice', async () => {
    const worker = dispatcher.app.get(FanOutWorker);
    const jobs = dispatcher.app.get(FanOutJobsRepository);
    const communityId = await communityWithMembers();
    await worker.beforeApplicationShutdown();

    await publishContent(communityId);
    for (let page = 0; page < 4; page++) {
      expect(await jobs.planNextPage(PAGE_SIZE)).toBe(true);
    }
    const stopped = await jobOf(communityId);
    const [{ planned }]: { planned: string }[] = await dispatcher.dataSource.query(
      `SELECT count(*) AS planned FROM deliveries WHERE community_id = $1`,
      [communityId],
    );
    // The event's page and four job pages committed, each with its cursor: exactly the members up to the cursor.
    expect({ state: stopped.state, pages: stopped.pages, planned: Number(planned) }).toEqual({
      state: 'pending',
      pages: 5,
      planned: 5 * PAGE_SIZE,
    });
    const [{ upToCursor }]: { upToCursor: string }[] = await dispatcher.dataSource.query(
      `SELECT count(*) AS "upToCursor" FROM memberships WHERE community_id = $1 AND user_id <= $2`,
      [communityId, stopped.after_user_id],
    );
    expect(Number(upToCursor)).toBe(5 * PAGE_SIZE);

    await worker.onApplicationBootstrap();
    await untilDone(communityId);

    expect(await coverage(communityId)).toEqual({ missing: 0, once: MEMBERS, more: 0 });
  });

  it('adds nothing when a page is planned again from a cursor that did not commit', async () => {
    const jobs = dispatcher.app.get(FanOutJobsRepository);
    const communityId = await communityWithMembers();
    await publishContent(communityId);
    await untilDone(communityId);
    // As if every cursor had been lost: the job is continued again from the first member.
    await dispatcher.dataSource.query(
      `UPDATE fan_out_jobs SET state = 'pending', after_user_id = '' WHERE community_id = $1`,
      [communityId],
    );
    await untilDone(communityId);

    expect(await coverage(communityId)).toEqual({ missing: 0, once: MEMBERS, more: 0 });
    expect(await jobs.pendingCount()).toBe(0);
  });

  it('is continued by another replica from the cursor where this one stopped', async () => {
    const worker = dispatcher.app.get(FanOutWorker);
    const jobs = dispatcher.app.get(FanOutJobsRepository);
    const communityId = await communityWithMembers();
    await worker.beforeApplicationShutdown();
    await publishContent(communityId);
    for (let page = 0; page < 3; page++) {
      await jobs.planNextPage(PAGE_SIZE);
    }
    expect((await jobOf(communityId)).pages).toBe(4);

    const other = await startDispatcher(
      'fanoutjobs',
      { FANOUT_PAGE_SIZE: String(PAGE_SIZE), FANOUT_POLL_INTERVAL: '250ms', SENDER_ENABLED: 'false' },
      dispatcher.replica,
    );
    try {
      await untilDone(communityId);
    } finally {
      await other.close();
      await worker.onApplicationBootstrap();
    }

    expect(await coverage(communityId)).toEqual({ missing: 0, once: MEMBERS, more: 0 });
  });

  // Last: the actor's erasure removes a member from every community above.
  it('replaces an erased user named in a fan-out job by the pseudonym', async () => {
    const naming = `SELECT count(*) FROM fan_out_jobs WHERE strpos(plan::text, '"job-1"') > 0`;
    expect(await dispatcher.count(naming)).toBe(4);

    await dispatcher.publishAndWait(cloudEventFactory.build(EventTypes.UserDeleted, { userId: 'job-1' }));

    expect(await dispatcher.count(naming)).toBe(0);
    expect(await dispatcher.count(`SELECT count(*) FROM fan_out_jobs`)).toBe(4);
  });

  it('deletes finished fan-out jobs once event payloads expire, leaving unfinished ones', async () => {
    await dispatcher.dataSource.query(
      `UPDATE fan_out_jobs SET state = 'pending' WHERE id = (SELECT max(id) FROM fan_out_jobs)`,
    );
    const worker = dispatcher.app.get(FanOutWorker);
    await worker.beforeApplicationShutdown();
    try {
      const later = new Date(Date.now() + dispatcher.config.RETENTION_EVENT_PAYLOADS + 60_000);
      const report = await dispatcher.app.get(RetentionJob).sweep(later);

      expect(report.fanOutJobs).toBe(3);
      expect(await dispatcher.count(`SELECT count(*) FROM fan_out_jobs WHERE state = 'pending'`)).toBe(1);
    } finally {
      await worker.onApplicationBootstrap();
    }
  });
});
