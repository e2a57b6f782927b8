import {
  EventTypes,
  type EventType,
  type PreferenceProfileData,
  type TypedCloudEvent,
} from '@notify/contracts';
import { cloudEventFactory, userProfileFactory, waitFor } from '@notify/testing';
import type { DispatcherTestApp } from '../../test/support/dispatcher-test-app';
import { throughput, type Throughput } from './throughput';

export interface BurstResult {
  /** Until every event had its delivery row (consumed and planned). */
  planned: Throughput;
  /** Until every delivery was accepted by SES and recorded as sent. */
  sent: Throughput;
}

export interface Latency {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Of (delivery row committed − event produced): the consumer's share. */
  plannedP99: number;
}

/** Publishes `count` profiles through the preferences topic and waits until the read model holds them all. */
export async function loadProfiles(
  dispatcher: DispatcherTestApp,
  count: number,
): Promise<PreferenceProfileData[]> {
  const profiles = Array.from({ length: count }, () => userProfileFactory.build());
  await dispatcher.publishMany(
    profiles.map((profile) => cloudEventFactory.build(EventTypes.PreferenceProfileChanged, profile)),
  );
  await waitFor(async () => (await countRows(dispatcher, 'SELECT count(*) FROM profiles')) >= count, {
    timeoutMs: 120_000,
    intervalMs: 100,
    description: `${count} profiles`,
  });
  return profiles;
}

export function mentionsOf(
  recipients: readonly PreferenceProfileData[],
  count: number,
  offset: number,
  communityId: string,
): TypedCloudEvent<EventType>[] {
  return Array.from({ length: count }, (_, index) =>
    cloudEventFactory.build(EventTypes.MentionCreated, {
      recipientUserId: recipients[(offset + index) % recipients.length].userId,
      communityId,
      excerpt: 'As discussed, the joint tender for school meals closes on Friday.',
    }),
  );
}

/** Produces every event at once and times how long the dispatcher takes to plan and to send them. */
export async function burst(
  dispatcher: DispatcherTestApp,
  events: readonly TypedCloudEvent<EventType>[],
): Promise<BurstResult> {
  const before = await deliveryCounts(dispatcher);
  const startedAt = performance.now();
  await dispatcher.publishMany(events);
  let plannedAt = 0;
  await waitFor(
    async () => {
      const now = await deliveryCounts(dispatcher);
      if (plannedAt === 0 && now.planned - before.planned >= events.length) {
        plannedAt = performance.now();
      }
      return now.settled - before.settled >= events.length;
    },
    { timeoutMs: 300_000, intervalMs: 50, description: `${events.length} deliveries to settle` },
  );
  const sentAt = performance.now();
  const after = await deliveryCounts(dispatcher);
  if (after.sent - before.sent !== events.length) {
    throw new Error(`expected ${events.length} emails sent, got ${after.sent - before.sent}`);
  }
  return {
    planned: throughput(events.length, startedAt, plannedAt || sentAt),
    sent: throughput(events.length, startedAt, sentAt),
  };
}

/**
 * Produces `rate` events per second for `seconds` (each event's time is its produce time), waits until all are sent,
 * and returns the distribution of (delivery recorded as sent − event produced), in milliseconds.
 */
export async function paced(
  dispatcher: DispatcherTestApp,
  build: (count: number, offset: number) => TypedCloudEvent<EventType>[],
  rate: number,
  seconds: number,
): Promise<Latency> {
  const total = rate * seconds;
  const ids: string[] = [];
  const startedAt = performance.now();
  while (ids.length < total) {
    const due = Math.min(total, Math.floor(((performance.now() - startedAt) / 1000) * rate) + 1);
    if (due > ids.length) {
      const events = build(due - ids.length, ids.length);
      ids.push(...events.map((event) => event.id));
      await dispatcher.publishMany(events);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await waitFor(
    async () =>
      (await countRows(
        dispatcher,
        `SELECT count(*) FROM deliveries d JOIN notification_events e ON e.id = d.event_ref
          WHERE e.event_id = ANY($1) AND d.status = 'sent'`,
        [ids],
      )) >= total,
    { timeoutMs: 120_000, intervalMs: 100, description: `${total} paced deliveries to be sent` },
  );
  const [row]: (Omit<Latency, 'count'> & { count: string })[] = await dispatcher.dataSource.query(
    `WITH latency AS (
       SELECT extract(epoch FROM d.sent_at - e.occurred_at) * 1000 AS ms,
              extract(epoch FROM d.created_at - e.occurred_at) * 1000 AS planned_ms
         FROM deliveries d JOIN notification_events e ON e.id = d.event_ref
        WHERE e.event_id = ANY($1))
     SELECT count(*) AS count,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS p95,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99,
            max(ms)::float8 AS max,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY planned_ms) AS "plannedP99"
       FROM latency`,
    [ids],
  );
  return { ...row, count: Number(row.count) };
}

interface DeliveryCounts {
  planned: number;
  settled: number;
  sent: number;
}

async function deliveryCounts(dispatcher: DispatcherTestApp): Promise<DeliveryCounts> {
  const [row]: { planned: string; settled: string; sent: string }[] = await dispatcher.dataSource.query(
    `SELECT count(*) AS planned,
            count(*) FILTER (WHERE status IN ('sent', 'skipped', 'failed')) AS settled,
            count(*) FILTER (WHERE status = 'sent') AS sent
       FROM deliveries`,
  );
  return { planned: Number(row.planned), settled: Number(row.settled), sent: Number(row.sent) };
}

async function countRows(
  dispatcher: DispatcherTestApp,
  sql: string,
  parameters: unknown[] = [],
): Promise<number> {
  const [row]: { count: string }[] = await dispatcher.dataSource.query(sql, parameters);
  return Number(row.count);
}
