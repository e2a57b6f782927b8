import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HousekeepingService } from '../src/housekeeping/housekeeping.service';
import { dropSchema, sql, uniqueSuffix } from './support/infra';
import { startMessagingApp } from './support/messaging-app';

const suffix = uniqueSuffix();
const schema = `t_housekeeping_${suffix}`;
const DAY_MS = 24 * 60 * 60 * 1000;

describe('messaging tables and housekeeping', () => {
  let app: INestApplicationContext;

  beforeAll(async () => {
    app = await startMessagingApp({
      schema,
      topicPrefix: `t-housekeeping-${suffix}.`,
      messaging: { relay: { enabled: false }, housekeeping: { retentionMs: 7 * DAY_MS, batchSize: 2 } },
    });
  });

  afterAll(async () => {
    await app?.close();
    await dropSchema(schema);
  });

  it('creates the outbox and inbox in the service schema', async () => {
    const tables = await sql<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
      [schema],
    );
    expect(tables.map((table) => table.table_name)).toEqual(
      expect.arrayContaining(['inbox', 'migrations', 'outbox', 'outbox_parked']),
    );
    const indexes = await sql<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE schemaname = $1`,
      [schema],
    );
    expect(indexes.map((index) => index.indexname)).toEqual(expect.arrayContaining(['outbox_pending_idx']));
  });

  it('deletes published outbox rows and inbox rows past the retention, in batches, and nothing else', async () => {
    const old = new Date(Date.now() - 8 * DAY_MS);
    const recent = new Date(Date.now() - DAY_MS);
    const insertOutbox = (publishedAt: Date | null, createdAt: Date) =>
      sql(
        `INSERT INTO "${schema}".outbox (topic, message_key, event_type, event_id, payload, headers, created_at, published_at)
         VALUES ('t', 'k', 'x', gen_random_uuid()::text, '{}', '{}', $1, $2)`,
        [createdAt, publishedAt],
      );
    for (let i = 0; i < 5; i += 1) {
      await insertOutbox(old, old);
    }
    await insertOutbox(recent, old);
    await insertOutbox(null, old);
    for (const [id, processedAt] of [
      ['a', old],
      ['b', old],
      ['c', old],
      ['d', recent],
    ] as const) {
      await sql(
        `INSERT INTO "${schema}".inbox (source, event_id, topic, event_type, processed_at) VALUES ('s', $1, 't', 'x', $2)`,
        [id, processedAt],
      );
    }

    const report = await app.get(HousekeepingService).sweep();

    expect(report).toEqual({ outboxRows: 5, inboxRows: 3 });
    const outbox = await sql<{ published_at: Date | null }>(`SELECT published_at FROM "${schema}".outbox`);
    expect(outbox).toHaveLength(2);
    expect(outbox.filter((row) => row.published_at === null)).toHaveLength(1);
    const inbox = await sql<{ event_id: string }>(`SELECT event_id FROM "${schema}".inbox`);
    expect(inbox).toEqual([{ event_id: 'd' }]);
  });

  it('drops the tables on revert', async () => {
    const dataSource = app.get(DataSource);
    await dataSource.undoLastMigration();
    await dataSource.undoLastMigration();
    await dataSource.undoLastMigration();

    const tables = await sql(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name IN ('outbox', 'inbox', 'outbox_parked')`,
      [schema],
    );
    expect(tables).toEqual([]);
  });
});
