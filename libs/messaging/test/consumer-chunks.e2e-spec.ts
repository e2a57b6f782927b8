import type { INestApplicationContext } from '@nestjs/common';
import { DeadLetterHeaders, EventTypes, Topics, encodeBinary } from '@notify/contracts';
import { sampleCloudEvent, sampleEventData } from '@notify/testing';
import {
  createTopics,
  deleteTopicsWithPrefix,
  dropSchema,
  groupCaughtUp,
  produce,
  readTopic,
  sql,
  uniqueSuffix,
  waitFor,
} from './support/infra';
import { startMessagingApp } from './support/messaging-app';
import { RecordingMetrics } from './support/recording-metrics';
import { ALWAYS_FAILS, UserActivityConsumer } from './support/user-activity.consumer';

const suffix = uniqueSuffix();
const schema = `t_chunks_${suffix}`;
const prefix = `t-chunks-${suffix}.`;
const topic = `${prefix}${Topics.PlatformActivity}`;
const groupId = `t-chunks-${suffix}`;
const EVENTS = 60;
const CHUNK_SIZE = 20;
const POISON = 25;

describe('a burst consumed in chunks against Kafka and PostgreSQL', () => {
  const metrics = new RecordingMetrics();
  let app: INestApplicationContext;

  beforeAll(async () => {
    await createTopics([topic], 1);
  });

  afterAll(async () => {
    await app?.close();
    await dropSchema(schema);
    await deleteTopicsWithPrefix(prefix);
  });

  it('handles neighbours together, isolates a poison record and handles a duplicate once', async () => {
    const events = Array.from({ length: EVENTS }, (_, i) =>
      sampleCloudEvent(EventTypes.UserUpserted, {
        id: `evt-${suffix}-${i}`,
        data: sampleEventData(EventTypes.UserUpserted, {
          userId: `user-${i}`,
          displayName: i === POISON ? ALWAYS_FAILS : 'Jean Buyer',
        }),
      }),
    );
    // Produced before the consumer starts, so its first fetches bring whole chunks.
    await produce(
      topic,
      [...events, events[3]].map((event) => encodeBinary(event, 'one-key')),
    );

    app = await startMessagingApp({
      schema,
      topicPrefix: prefix,
      groupId,
      consumers: [UserActivityConsumer],
      messaging: { metrics, consumer: { chunkSize: CHUNK_SIZE, sessionTimeoutMs: 6000, maxWaitTimeMs: 100 } },
    });
    await waitFor(() => groupCaughtUp(groupId, topic), 'offsets committed past every record', 60_000);

    const rows = await sql<{ event_id: string; txid: string }>(
      `SELECT event_id, txid FROM "${schema}".handled_event ORDER BY id`,
    );
    const expected = events.filter((_, i) => i !== POISON).map((event) => event.id);
    expect(rows.map((row) => row.event_id).sort()).toEqual([...expected].sort());
    // The poison's chunk falls back to one transaction per record; every other chunk commits once.
    const transactions = new Set(rows.map((row) => row.txid)).size;
    expect(transactions).toBeLessThan(CHUNK_SIZE + EVENTS / CHUNK_SIZE);

    const [deadLetter] = await readTopic(`${topic}.dlq`, 1);
    expect(deadLetter.headers[DeadLetterHeaders.Reason]).toBe('handler-failed');
    expect(deadLetter.headers[DeadLetterHeaders.OriginalOffset]).toBe(String(POISON));
    expect(metrics.count(`duplicate:${EventTypes.UserUpserted}`)).toBe(1);
    expect(metrics.count(`consumed:${EventTypes.UserUpserted}`)).toBe(EVENTS + 1);
  });
});
