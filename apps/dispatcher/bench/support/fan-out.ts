import { EventTypes } from '@notify/contracts';
import { cloudEventFactory, communityFactory, waitFor } from '@notify/testing';
import type { DispatcherTestApp } from '../../test/support/dispatcher-test-app';

/**
 * Seeds a community of `members` (profiles and memberships written in bulk with SQL: producing the join events
 * would measure the seeding), publishes one piece of content to it and resolves with the milliseconds from
 * producing the event to every member's delivery row existing.
 */
export async function measureFanOut(dispatcher: DispatcherTestApp, members: number): Promise<number> {
  const community = communityFactory.build({ visibility: 'restricted' });
  await dispatcher.publishAndWait(cloudEventFactory.build(EventTypes.CommunityCreated, community));
  const userPrefix = `fan-${community.communityId}-`;
  await dispatcher.dataSource.query(
    `INSERT INTO profiles (user_id, email, display_name, locale, time_zone, mentions, comments, private_messages,
                           community_activity, revision)
     SELECT $1 || n, $1 || n || '@bench.example.org', 'Member ' || n, 'en', 'Europe/Brussels',
            'immediately', 'immediately', 'immediately', CASE WHEN n % 2 = 0 THEN 'daily' ELSE 'weekly' END, 1
       FROM generate_series(1, $2) AS n`,
    [userPrefix, members],
  );
  await dispatcher.dataSource.query(
    `INSERT INTO memberships (community_id, user_id, state, changed_at)
     SELECT $1, $2 || n, 'joined', now() - interval '1 day' FROM generate_series(1, $3) AS n`,
    [community.communityId, userPrefix, members],
  );
  await dispatcher.dataSource.query('ANALYZE memberships; ANALYZE profiles; ANALYZE deliveries');
  const published = cloudEventFactory.build(EventTypes.PlatformContentPublished, {
    communityId: community.communityId,
    author: { userId: `${userPrefix}1`, displayName: 'Member 1' },
  });
  const startedAt = performance.now();
  await dispatcher.publish(published);
  await waitFor(
    async () => {
      const [row]: { count: string }[] = await dispatcher.dataSource.query(
        `SELECT count(*) FROM deliveries d JOIN notification_events e ON e.id = d.event_ref WHERE e.event_id = $1`,
        [published.id],
      );
      return Number(row.count) >= members;
    },
    { timeoutMs: 120_000, intervalMs: 20, description: `${members} fan-out deliveries` },
  );
  return performance.now() - startedAt;
}
