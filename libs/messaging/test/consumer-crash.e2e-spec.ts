import { EventTypes, Topics, encodeBinary } from '@notify/contracts';
import { sampleCloudEvent, sampleEventData } from '@notify/testing';
import { startConsumerProcess, type RunningChild } from './support/child-process';
import {
  committedOffsets,
  createTopics,
  deleteTopicsWithPrefix,
  dropSchema,
  groupCaughtUp,
  produce,
  sql,
  uniqueSuffix,
  waitFor,
} from './support/infra';

const suffix = uniqueSuffix();
const schema = `t_crash_${suffix}`;
const prefix = `t-crash-${suffix}.`;
const topic = `${prefix}${Topics.PlatformActivity}`;
const groupId = `t-crash-${suffix}`;
const EVENTS = 150;
// Offsets are committed only at the end of a batch, so a kill mid-batch leaves handled but uncommitted records.
const childEnv = {
  CHILD_SCHEMA: schema,
  CHILD_PREFIX: prefix,
  CHILD_GROUP: groupId,
  CHILD_HANDLER_DELAY_MS: '20',
  CHILD_COMMIT_INTERVAL_MS: '60000',
};

async function handledCount(): Promise<number> {
  const [row] = await sql<{ count: string }>(`SELECT count(*) AS count FROM "${schema}".handled_event`);
  return Number(row?.count ?? 0);
}

async function lastHandledId(): Promise<number> {
  const [row] = await sql<{ id: string | null }>(`SELECT max(id) AS id FROM "${schema}".handled_event`);
  return Number(row?.id ?? 0);
}

/** Highest offset handled per partition by rows written after `afterId`. */
async function lastHandledOffsets(afterId: number): Promise<Map<number, number>> {
  const rows = await sql<{ partition: number; last: string }>(
    `SELECT partition, max(kafka_offset::bigint) AS last FROM "${schema}".handled_event WHERE id > $1 GROUP BY partition`,
    [afterId],
  );
  return new Map(rows.map((row) => [row.partition, Number(row.last)]));
}

describe('a consumer process killed mid-batch', () => {
  const children: RunningChild[] = [];

  beforeAll(async () => {
    await createTopics([topic], 2);
  });

  afterAll(async () => {
    for (const child of children) {
      child.process.kill('SIGKILL');
    }
    await dropSchema(schema);
    await deleteTopicsWithPrefix(prefix);
  });

  it('loses nothing and applies nothing twice across SIGKILL, SIGTERM and restarts', async () => {
    const events = Array.from({ length: EVENTS }, (_, i) =>
      sampleCloudEvent(EventTypes.UserUpserted, {
        id: `evt-${suffix}-${i}`,
        data: sampleEventData(EventTypes.UserUpserted, { userId: `user-${i}` }),
      }),
    );
    await produce(
      topic,
      events.map((event, i) => encodeBinary(event, `user-${i % 10}`)),
    );

    // 1. SIGKILL mid-batch: handled events whose offsets were not committed yet will be delivered again.
    const killed = await startConsumerProcess(childEnv);
    children.push(killed);
    await waitFor(async () => (await handledCount()) >= 30, 'the first process to be mid-way', 60_000);
    killed.process.kill('SIGKILL');
    await expect(killed.exited).resolves.toEqual({ code: null, signal: 'SIGKILL' });
    const handledAtKill = await handledCount();
    expect(handledAtKill).toBeLessThan(EVENTS);
    const committedAtKill = [...(await committedOffsets(groupId, topic)).values()].reduce(
      (sum, offset) => sum + Math.max(offset, 0),
      0,
    );
    expect(committedAtKill).toBeLessThan(handledAtKill);

    // 2. SIGTERM mid-batch: the message in flight finishes and every handled offset is committed before exit.
    const stopped = await startConsumerProcess(childEnv);
    children.push(stopped);
    const beforeSecond = await lastHandledId();
    await waitFor(
      async () => (await lastHandledId()) >= beforeSecond + 20,
      'the second process to progress',
      60_000,
    );
    stopped.process.kill('SIGTERM');
    // Nest re-raises the signal once its shutdown hooks completed, hence the signal exit after "stopped".
    await expect(stopped.exited).resolves.toEqual({ code: null, signal: 'SIGTERM' });
    expect(stopped.stdout()).toContain('stopped');
    const committed = await committedOffsets(groupId, topic);
    const handledBySecond = await lastHandledOffsets(beforeSecond);
    expect(handledBySecond.size).toBeGreaterThan(0);
    for (const [partition, lastOffset] of handledBySecond) {
      expect({ partition, committed: committed.get(partition) }).toEqual({
        partition,
        committed: lastOffset + 1,
      });
    }
    expect(await handledCount()).toBeLessThan(EVENTS);

    // 3. A fresh process finishes the work: every event's effect exists exactly once.
    const last = await startConsumerProcess(childEnv);
    children.push(last);
    await waitFor(
      async () => (await handledCount()) >= EVENTS,
      'every event handled after the restarts',
      90_000,
    );
    await waitFor(() => groupCaughtUp(groupId, topic), 'offsets committed to the end');

    const rows = await sql<{ event_id: string; copies: string }>(
      `SELECT event_id, count(*) AS copies FROM "${schema}".handled_event GROUP BY event_id`,
    );
    expect(rows.filter((row) => row.copies !== '1')).toEqual([]);
    expect(new Set(rows.map((row) => row.event_id))).toEqual(new Set(events.map((event) => event.id)));
  }, 120_000);
});
