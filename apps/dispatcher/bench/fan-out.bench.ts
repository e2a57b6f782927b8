import { readFileSync } from 'node:fs';
import { EventTypes } from '@notify/contracts';
import { cloudEventFactory, communityFactory, waitFor } from '@notify/testing';
import { startDispatcher, type DispatcherTestApp } from '../test/support/dispatcher-test-app';

// One content event to a community of 1,000,000 members, the dispatcher booted in this process: the time until
// every member's delivery row exists, and how far this process's resident memory rose meanwhile (the members are
// never loaded, so it should not follow the community's size).

const MEMBERS = 1_000_000;
const RSS_SAMPLE_MS = 100;

function residentKiB(field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${field}:`));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0);
}

describe('fan-out benchmark', () => {
  let dispatcher: DispatcherTestApp;

  beforeAll(async () => {
    dispatcher = await startDispatcher('fanout_bench');
  });

  afterAll(async () => {
    await dispatcher?.close();
  });

  it(`fans one event out to ${MEMBERS.toLocaleString('en')} members`, async () => {
    const community = communityFactory.build({ visibility: 'restricted' });
    await dispatcher.publishAndWait(cloudEventFactory.build(EventTypes.CommunityCreated, community));
    const seeded = performance.now();
    await dispatcher.dataSource.query(
      `INSERT INTO profiles (user_id, email, display_name, locale, time_zone, mentions, comments, private_messages,
                             community_activity, revision)
       SELECT 'fan-' || n, 'fan-' || n || '@example.org', 'Member ' || n, 'en', 'Europe/Brussels',
              'immediately', 'immediately', 'immediately', 'weekly', 1
         FROM generate_series(1, $1) AS n`,
      [MEMBERS],
    );
    await dispatcher.dataSource.query(
      `INSERT INTO memberships (community_id, user_id, state, changed_at)
       SELECT $1, 'fan-' || n, 'joined', now() - interval '1 day' FROM generate_series(1, $2) AS n`,
      [community.communityId, MEMBERS],
    );
    await dispatcher.dataSource.query('ANALYZE memberships; ANALYZE profiles');
    const seedSeconds = (performance.now() - seeded) / 1000;
    global.gc?.();
    const before = residentKiB('VmRSS');
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, residentKiB('VmRSS'));
    }, RSS_SAMPLE_MS);

    const started = performance.now();
    try {
      await dispatcher.publish(
        cloudEventFactory.build(EventTypes.PlatformContentPublished, {
          communityId: community.communityId,
          author: { userId: 'fan-1', displayName: 'Member 1' },
        }),
      );
      await waitFor(async () => (await dispatcher.count(`SELECT count(*) FROM deliveries`)) === MEMBERS, {
        timeoutMs: 10 * 60_000,
        intervalMs: 500,
        description: `${MEMBERS} delivery rows`,
      });
    } finally {
      clearInterval(sampler);
    }
    const seconds = (performance.now() - started) / 1000;

    console.log(
      `[fan-out] ${MEMBERS} members (seeded in ${seedSeconds.toFixed(1)}s): every delivery row after ` +
        `${seconds.toFixed(1)}s; this process's RSS ${(before / 1024).toFixed(0)} MiB before, peak ` +
        `${(peak / 1024).toFixed(0)} MiB while fanning out (+${((peak - before) / 1024).toFixed(0)} MiB), ` +
        `VmHWM ${(residentKiB('VmHWM') / 1024).toFixed(0)} MiB`,
    );
    expect(peak - before).toBeLessThan(64 * 1024);
  });
});
