import type { INestApplication } from '@nestjs/common';
import { EventTypes, Topics, encodeBinary } from '@notify/contracts';
import { sampleCloudEvent, sampleEventData } from '@notify/testing';
import {
  createTopics,
  deleteTopicsWithPrefix,
  dropSchema,
  groupCaughtUp,
  kafkaClient,
  sql,
  uniqueSuffix,
  waitFor,
} from './support/infra';
import { startMessagingApp } from './support/messaging-app';
import { UserActivityConsumer } from './support/user-activity.consumer';

const suffix = uniqueSuffix();
const prefix = `t-fetch-${suffix}.`;
const topic = `${prefix}${Topics.PlatformActivity}`;
const EVENTS = 30;
const PACE_MS = 60;

/** Transactions in which a consumer's schema handled the records: one per fetched batch while it keeps up. */
async function transactionsOf(schema: string): Promise<number> {
  const [{ count }] = await sql<{ count: number }>(
    `SELECT count(DISTINCT txid)::int AS count FROM "${schema}".handled_event`,
  );
  return count;
}

describe('fetches of a consumer that gathers bytes, against Kafka', () => {
  const apps: INestApplication[] = [];

  beforeAll(async () => {
    await createTopics([topic], 1);
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await dropSchema(`t_fetch_first_${suffix}`);
    await dropSchema(`t_fetch_gather_${suffix}`);
    await dropSchema(`t_fetch_interval_${suffix}`);
    await deleteTopicsWithPrefix(prefix);
  });

  it('answers on the first record with minBytes 1, once per wait when it gathers 64 KiB or has a read interval', async () => {
    const consumers = [
      { name: 'first', consumer: { minBytes: 1, maxWaitTimeMs: 1000 } },
      { name: 'gather', consumer: { minBytes: 65_536, maxWaitTimeMs: 1000 } },
      {
        name: 'interval',
        consumer: { maxWaitTimeMs: 500, readIntervalMs: { [Topics.PlatformActivity]: 1000 } },
      },
    ];
    for (const { name, consumer } of consumers) {
      apps.push(
        await startMessagingApp({
          schema: `t_fetch_${name}_${suffix}`,
          topicPrefix: prefix,
          groupId: `t-fetch-${name}-${suffix}`,
          consumers: [UserActivityConsumer],
          messaging: { consumer: { sessionTimeoutMs: 6000, heartbeatIntervalMs: 1000, ...consumer } },
        }),
      );
    }
    const producer = kafkaClient().producer();
    await producer.connect();
    try {
      // One record every 60 ms for 1.8 s: about 20 KB in all, never the 64 KiB the second consumer waits for.
      for (let i = 0; i < EVENTS; i++) {
        const event = sampleCloudEvent(EventTypes.UserUpserted, {
          id: `evt-${suffix}-${i}`,
          data: sampleEventData(EventTypes.UserUpserted, { userId: `user-${i}` }),
        });
        await producer.send({ topic, messages: [encodeBinary(event, 'one-key')], acks: -1 });
        await new Promise((resolve) => setTimeout(resolve, PACE_MS));
      }
    } finally {
      await producer.disconnect();
    }
    for (const { name } of consumers) {
      await waitFor(() => groupCaughtUp(`t-fetch-${name}-${suffix}`, topic), `${name} caught up`, 30_000);
    }

    const first = await transactionsOf(`t_fetch_first_${suffix}`);
    const gathered = await transactionsOf(`t_fetch_gather_${suffix}`);
    const interval = await transactionsOf(`t_fetch_interval_${suffix}`);
    // Answered on each record, the first consumer handles them a few at a time at most.
    expect(first).toBeGreaterThanOrEqual(10);
    // The broker held the second one's fetches for the full second: two or three batches (a fourth at worst).
    expect(gathered).toBeLessThanOrEqual(4);
    // The third one's partition was paused for a second after each batch: as few batches, whatever the wait.
    expect(interval).toBeLessThanOrEqual(4);
    for (const name of ['first', 'gather', 'interval']) {
      const schema = `t_fetch_${name}_${suffix}`;
      const [{ count }] = await sql<{ count: number }>(
        `SELECT count(*)::int AS count FROM "${schema}".handled_event`,
      );
      expect(count).toBe(EVENTS);
    }
  });
});
