import { Module, type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { configureApp } from '@notify/bootstrap';
import { EventTypes, Topics, encodeBinary } from '@notify/contracts';
import { withTransaction } from '@notify/persistence';
import { AuthModule } from '@notify/security';
import { sampleCloudEvent, sampleEventData, signTestJwt } from '@notify/testing';
import request from 'supertest';
import type { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { OutboxWriter } from '../src';
import {
  createTopics,
  deleteTopicsWithPrefix,
  dropSchema,
  groupCaughtUp,
  produce,
  recordCount,
  sql,
  uniqueSuffix,
  waitFor,
} from './support/infra';
import { messagingAppModule, startApp, startMessagingApp } from './support/messaging-app';
import { RecordingMetrics } from './support/recording-metrics';
import { UserActivityConsumer } from './support/user-activity.consumer';

const suffix = uniqueSuffix();
const schema = `t_park_${suffix}`;
const prefix = `t-park-${suffix}.`;
const JWT_SECRET = 'outbox-parking-test-secret-of-32-characters';
/** Above the broker's default message.max.bytes (1048588). */
const OVERSIZED_BYTES = 2 * 1024 * 1024;

interface ParkedItem {
  id: string;
  kind: string;
  reason: string;
  error: string;
  topic: string;
  key: string;
  sizeBytes: number;
  attempts: number;
  firstAttemptAt: string;
  lastAttemptAt: string;
}

async function handled(userId: string, inSchema = schema): Promise<number> {
  const rows = await sql(`SELECT 1 FROM "${inSchema}".handled_event WHERE subject = $1`, [userId]);
  return rows.length;
}

async function parkedRows(): Promise<{ id: string; reason: string; error: string }[]> {
  return sql(`SELECT id, reason, error FROM "${schema}".outbox_parked ORDER BY id`);
}

/** A row as an older writer (before the size check) could have stored it: an event of about 2 MB. */
async function insertOversizedRow(key: string, userId: string): Promise<void> {
  const event = sampleCloudEvent(EventTypes.UserUpserted, {
    id: `evt-${suffix}-oversized`,
    data: sampleEventData(EventTypes.UserUpserted, { userId }),
  });
  const { headers } = encodeBinary(event, key);
  const payload = { ...event.data, padding: 'x'.repeat(OVERSIZED_BYTES) };
  await sql(
    `INSERT INTO "${schema}".outbox (topic, message_key, event_type, event_id, payload, headers)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)`,
    [Topics.PlatformActivity, key, event.type, event.id, JSON.stringify(payload), JSON.stringify(headers)],
  );
}

describe('outbox parking against Kafka and PostgreSQL (issue: nothing blocks the outbox)', () => {
  let app: INestApplication;
  let http: App;
  const metrics = new RecordingMetrics();
  let serviceToken: string;
  let userToken: string;

  async function writeUser(userId: string, key: string): Promise<void> {
    const writer = app.get(OutboxWriter);
    const data = sampleEventData(EventTypes.UserUpserted, { userId });
    await withTransaction(app.get(DataSource), (tx) =>
      writer.publish(tx, { type: EventTypes.UserUpserted, data, key }),
    );
  }

  beforeAll(async () => {
    await createTopics([`${prefix}${Topics.PlatformActivity}`], 2);
    @Module({
      imports: [
        AuthModule.forRoot({ jwtSecret: JWT_SECRET }),
        messagingAppModule({
          schema,
          topicPrefix: prefix,
          groupId: `${prefix}group`,
          consumers: [UserActivityConsumer],
          // The relay's own limit is lifted above the broker's, so that the broker itself refuses the row.
          messaging: { metrics, maxMessageBytes: 3 * 1024 * 1024, parking: { gaugeIntervalMs: 500 } },
        }),
      ],
    })
    class ParkingTestModule {}
    app = await startApp(ParkingTestModule, (created) =>
      configureApp(created, { service: 'messaging-tests', description: 'outbox parking', bodyLimit: '1kb' }),
    );
    http = app.getHttpServer() as App;
    serviceToken = await signTestJwt({ sub: 'ops-backend', roles: ['service'] }, JWT_SECRET);
    userToken = await signTestJwt({ sub: 'user-1' }, JWT_SECRET);
  });

  afterAll(async () => {
    await app?.close();
    await dropSchema(schema);
    await deleteTopicsWithPrefix(prefix);
  });

  it('parks an event the broker refuses as too large, with the reason, while later events of its key and others flow and are consumed', async () => {
    await writeUser('user-before', 'key-1');
    await insertOversizedRow('key-1', 'user-parked');
    await writeUser('user-after', 'key-1');
    await writeUser('user-other', 'key-2');

    const [parked] = await waitFor(async () => {
      const rows = await parkedRows();
      return rows.length > 0 ? rows : undefined;
    }, 'the oversized row to be parked');
    expect(parked.reason).toBe('rejected');
    expect(parked.error).toMatch(/larger than the max message size/);

    await waitFor(
      async () => (await handled('user-after')) === 1 && (await handled('user-other')) === 1,
      'the later events to be consumed',
    );
    await expect(handled('user-before')).resolves.toBe(1);
    await expect(handled('user-parked')).resolves.toBe(0);
    await expect(sql(`SELECT 1 FROM "${schema}".outbox WHERE published_at IS NULL`)).resolves.toEqual([]);
    await waitFor(
      () => Promise.resolve(metrics.parked.get(Topics.PlatformActivity) === 1),
      'the parked-rows gauge to count the row',
    );
  });

  it('lists parked rows to a platform service only', async () => {
    await request(http).get('/ops/outbox/parked').expect(401);
    await request(http).get('/ops/outbox/parked').auth(userToken, { type: 'bearer' }).expect(403);
    await request(http).get('/ops/outbox/parked?limit=0').auth(serviceToken, { type: 'bearer' }).expect(400);

    const { body } = await request(http)
      .get('/ops/outbox/parked?limit=10')
      .auth(serviceToken, { type: 'bearer' })
      .expect(200);

    const items = (body as { items: ParkedItem[]; nextCursor: string | null }).items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'outbox',
      reason: 'rejected',
      topic: Topics.PlatformActivity,
      key: 'key-1',
      eventType: EventTypes.UserUpserted,
    });
    expect(items[0].sizeBytes).toBeGreaterThan(OVERSIZED_BYTES);
    expect(items[0].attempts).toBeGreaterThanOrEqual(1);
    expect(Date.parse(items[0].lastAttemptAt)).toBeGreaterThanOrEqual(Date.parse(items[0].firstAttemptAt));
    expect((body as { nextCursor: string | null }).nextCursor).toBeNull();
  });

  it('moves a row back to the outbox on retry, once the cause is fixed, and answers 404 for an unknown id', async () => {
    const [{ id }] = await parkedRows();
    await request(http)
      .post(`/ops/outbox/parked/${id}/retry`)
      .auth(userToken, { type: 'bearer' })
      .expect(403);
    await request(http)
      .post('/ops/outbox/parked/999999999/retry')
      .auth(serviceToken, { type: 'bearer' })
      .expect(404);
    await request(http)
      .post('/ops/outbox/parked/not-a-row/retry')
      .auth(serviceToken, { type: 'bearer' })
      .expect(400);

    // The fix: the producer's data is trimmed to what the contract allows.
    await sql(`UPDATE "${schema}".outbox_parked SET payload = payload - 'padding' WHERE id = $1`, [id]);
    const { body } = await request(http)
      .post(`/ops/outbox/parked/${id}/retry`)
      .auth(serviceToken, { type: 'bearer' })
      .expect(200);

    expect(body).toMatchObject({ id, kind: 'outbox', outboxId: expect.stringMatching(/^\d+$/) });
    await expect(parkedRows()).resolves.toEqual([]);
    await waitFor(async () => (await handled('user-parked')) === 1, 'the retried event to be consumed');
    await waitFor(
      () => Promise.resolve((metrics.parked.get(Topics.PlatformActivity) ?? 0) === 0),
      'the parked-rows gauge to drop',
    );
  });
});

describe('dead-letter parking against Kafka and PostgreSQL', () => {
  const dlqSchema = `t_park_dlq_${suffix}`;
  const dlqPrefix = `t-park-dlq-${suffix}.`;
  const topic = `${dlqPrefix}${Topics.PlatformActivity}`;
  const groupId = `${dlqPrefix}group`;
  let app: INestApplicationContext;

  beforeAll(async () => {
    await createTopics([topic], 1);
    app = await startMessagingApp({
      schema: dlqSchema,
      topicPrefix: dlqPrefix,
      groupId,
      consumers: [UserActivityConsumer],
      messaging: { maxMessageBytes: 2048 },
    });
  });

  afterAll(async () => {
    await app?.close();
    await dropSchema(dlqSchema);
    await deleteTopicsWithPrefix(dlqPrefix);
  });

  it('parks a dead-letter copy too large for the limit and goes on with the partition', async () => {
    const next = sampleCloudEvent(EventTypes.UserUpserted, {
      id: `evt-${suffix}-next`,
      data: sampleEventData(EventTypes.UserUpserted, { userId: 'user-next' }),
    });
    await produce(topic, [
      { key: 'user-poison', value: `not json ${'x'.repeat(3000)}` },
      { ...encodeBinary(next, 'user-next') },
    ]);

    await waitFor(async () => (await handled('user-next', dlqSchema)) === 1, 'the next event to be handled');
    await waitFor(() => groupCaughtUp(groupId, topic), 'the group to commit past the poison record');
    const parked = await sql<{
      kind: string;
      reason: string;
      topic: string;
      message_key: string;
      size_bytes: number;
    }>(`SELECT kind, reason, topic, message_key, size_bytes FROM "${dlqSchema}".outbox_parked`);
    expect(parked).toEqual([
      {
        kind: 'dead-letter',
        reason: 'too-large',
        topic: `${Topics.PlatformActivity}.dlq`,
        message_key: 'user-poison',
        size_bytes: expect.any(Number),
      },
    ]);
    expect(parked[0].size_bytes).toBeGreaterThan(2048);
    await expect(recordCount(`${topic}.dlq`)).resolves.toBe(0);
  });
});
