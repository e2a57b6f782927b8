import { createDataSource, typeOrmOptions } from '@notify/persistence';
import { createTestSchema, getTestInfra, type TestSchema } from '@notify/testing';
import type { DataSource } from 'typeorm';
import type { ReplicaLease } from '../src/claims/replica-lease.service';
import { DispatcherConfig } from '../src/config/dispatcher.config';
import type { NotificationContextLoader } from '../src/deliveries/notification-context.loader';
import type { AlertSummarySender } from '../src/digests/alert-summary-sender.service';
import type { DigestSender } from '../src/digests/digest-sender.service';
import { DigestRunner } from '../src/digests/digest-runner.service';
import { DigestsRepository } from '../src/digests/digests.repository';
import { ENTITIES } from '../src/entities';
import { MIGRATIONS } from '../src/migrations';
import { ProfilesRepository } from '../src/read-models/profiles.repository';

// Opening the daily digests of 100,000 users, one queued item each, while 300,000 other users have weekly items
// queued (a large weekly fan-out earlier in the week): the time to open every digest of the run, nothing sent.

const DAILY_USERS = 100_000;
const WEEKLY_USERS = 3 * DAILY_USERS;
/** A Tuesday, 08:00 in Brussels: daily digests are due there, weekly ones are not. */
const AT = new Date('2026-12-08T07:00:00Z');

describe('digest opening benchmark', () => {
  let schema: TestSchema;
  let db: DataSource;

  afterAll(async () => {
    await db?.destroy();
    await schema?.drop();
  });

  it(`opens ${DAILY_USERS.toLocaleString('en')} daily digests next to ${WEEKLY_USERS.toLocaleString('en')} users with weekly items`, async () => {
    const { postgres } = await getTestInfra();
    schema = await createTestSchema('dispatcher_digest_bench');
    db = await createDataSource(
      typeOrmOptions({ ...postgres, schema: schema.schema, entities: ENTITIES, migrations: MIGRATIONS }),
    );
    const seeded = performance.now();
    // Users interleave in id order, as members of two communities would: every fourth prefers daily digests.
    await db.query(
      `INSERT INTO profiles (user_id, email, display_name, locale, time_zone, mentions, comments, private_messages,
                             community_activity, revision)
       SELECT 'user-' || lpad(n::text, 7, '0'), 'user-' || n || '@example.org', 'User ' || n, 'en',
              'Europe/Brussels', 'immediately', 'immediately', 'immediately',
              CASE WHEN n % 4 = 0 THEN 'daily' ELSE 'weekly' END, 1
         FROM generate_series(1, $1::int) AS n`,
      [DAILY_USERS + WEEKLY_USERS],
    );
    await db.query(
      `INSERT INTO notification_events (source, event_id, type, occurred_at, data)
       VALUES ('urn:bench', 'content-1', 'platform.content.published', now(), '{}')`,
    );
    await db.query(
      `INSERT INTO deliveries (event_ref, recipient_user_id, recipient_role, template, category, community_id,
                               members_only, status, frequency)
       SELECT (SELECT id FROM notification_events), p.user_id, 'member', 'activity.content-published',
              'communityActivity', 'community-1', false, 'digest-queued', p.community_activity
         FROM profiles p`,
    );
    await db.query(`ANALYZE profiles; ANALYZE deliveries`);
    const seedSeconds = (performance.now() - seeded) / 1000;

    const config = Object.assign(new DispatcherConfig(), { UNSUBSCRIBE_SIGNING_KEYS: [] });
    // The lease is not held, so the run opens every due digest and sends none.
    const runner = new DigestRunner(
      config,
      new ProfilesRepository(db),
      new DigestsRepository(db),
      {} as DigestSender,
      {} as AlertSummarySender,
      {} as NotificationContextLoader,
      { isHeld: () => false } as unknown as ReplicaLease,
    );
    const started = performance.now();
    const summary = await runner.run(AT);
    const seconds = (performance.now() - started) / 1000;

    const [{ items }] = await db.query<{ items: string }[]>(
      `SELECT count(*) AS items FROM deliveries WHERE digest_id IS NOT NULL`,
    );
    expect(summary.opened).toBe(DAILY_USERS);
    expect(Number(items)).toBe(DAILY_USERS);
    console.log(
      `[digest opening] ${DAILY_USERS} daily users, ${WEEKLY_USERS} weekly users with queued items, seeded in ` +
        `${seedSeconds.toFixed(1)}s; opened ${summary.opened} digests in ${seconds.toFixed(1)}s = ` +
        `${(summary.opened / seconds).toFixed(0)} digests/s (DIGEST_USER_BATCH_SIZE ${config.DIGEST_USER_BATCH_SIZE})`,
    );
  });
});
