import type { INestApplication } from '@nestjs/common';
import { EventTypes, Topics, encodeBinary } from '@notify/contracts';
import { sampleCloudEvent, sampleEventData } from '@notify/testing';
import {
  createTopics,
  deleteTopicsWithPrefix,
  dropSchema,
  groupCaughtUp,
  produce,
  sql,
  uniqueSuffix,
  waitFor,
} from './support/infra';
import { startMessagingApp } from './support/messaging-app';
import { UserActivityConsumer } from './support/user-activity.consumer';

const suffix = uniqueSuffix();
const schema = `t_partitions_${suffix}`;
const prefix = `t-partitions-${suffix}.`;
const topic = `${prefix}${Topics.PlatformActivity}`;
const groupId = `t-partitions-${suffix}`;
const PARTITIONS = 6;

describe('partition batches of one fetch, against Kafka and PostgreSQL', () => {
  let app: INestApplication | undefined;

  beforeAll(async () => {
    await createTopics([topic], PARTITIONS);
  });

  afterAll(async () => {
    await app?.close();
    await dropSchema(schema);
    await deleteTopicsWithPrefix(prefix);
  });

  it('share transactions: the first runs at once, the batches arriving meanwhile go together', async () => {
    // One record in each partition before the consumer starts, so its first fetch brings six one-record batches.
    await produce(
      topic,
      Array.from({ length: PARTITIONS }, (_, partition) => ({
        ...encodeBinary(
          sampleCloudEvent(EventTypes.UserUpserted, {
            id: `evt-${suffix}-${partition}`,
            data: sampleEventData(EventTypes.UserUpserted, { userId: `user-${partition}` }),
          }),
          `key-${partition}`,
        ),
        partition,
      })),
    );

    app = await startMessagingApp({
      schema,
      topicPrefix: prefix,
      groupId,
      consumers: [UserActivityConsumer],
      messaging: { consumer: { partitionsConsumedConcurrently: PARTITIONS, sessionTimeoutMs: 6000 } },
    });
    await waitFor(() => groupCaughtUp(groupId, topic), 'offsets committed past every record', 60_000);

    const rows = await sql<{ partition: number; txid: string }>(
      `SELECT partition, txid FROM "${schema}".handled_event`,
    );
    expect(rows.map((row) => row.partition).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    // Six batches in one transaction each would be six; sharing leaves the first alone and the rest together.
    expect(new Set(rows.map((row) => row.txid)).size).toBeLessThanOrEqual(2);
  });
});
