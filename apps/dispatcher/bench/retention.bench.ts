import { MetricsService } from '@notify/observability';
import { createDataSource, typeOrmOptions } from '@notify/persistence';
import { createTestSchema, getTestInfra, type TestSchema } from '@notify/testing';
import { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { DispatcherConfig } from '../src/config/dispatcher.config';
import { ENTITIES } from '../src/entities';
import { MIGRATIONS } from '../src/migrations';
import { RetentionRepository } from '../src/retention/retention.repository';
import { RetentionJob } from '../src/retention/retention.service';

// The retention job on 1,000,000 deliveries (and as many stored events) spread over 360 days, with the default
// ages and batch size: how long a sweep takes, and the longest single statement (the longest any row lock lasts).

const ROWS = 1_000_000;
const SPREAD_DAYS = 360;
const DAY_MS = 24 * 3_600_000;

/** Records how long each retention statement took. */
class TimedRetention extends RetentionRepository {
  readonly durations: number[] = [];

  override deleteDeliveries(before: Date, limit: number): Promise<number> {
    return this.timed(() => super.deleteDeliveries(before, limit));
  }

  override deleteDigests(before: Date, limit: number): Promise<number> {
    return this.timed(() => super.deleteDigests(before, limit));
  }

  override emptyEventPayloads(before: Date, afterId: string, limit: number) {
    return this.timed(() => super.emptyEventPayloads(before, afterId, limit));
  }

  override deleteOrphanEvents(before: Date, limit: number): Promise<number> {
    return this.timed(() => super.deleteOrphanEvents(before, limit));
  }

  private async timed<T>(run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await run();
    } finally {
      this.durations.push(performance.now() - started);
    }
  }
}

describe('retention benchmark', () => {
  let schema: TestSchema;
  let db: DataSource;

  afterAll(async () => {
    await db?.destroy();
    await schema?.drop();
  });

  it('sweeps 1,000,000 deliveries in short batches', async () => {
    const { postgres } = await getTestInfra();
    schema = await createTestSchema('dispatcher_retention_bench');
    db = await createDataSource(
      typeOrmOptions({ ...postgres, schema: schema.schema, entities: ENTITIES, migrations: MIGRATIONS }),
    );
    const seeded = performance.now();
    // Row n is n * SPREAD_DAYS / ROWS days old: ids grow with time, as they do in production.
    await db.query(
      `INSERT INTO notification_events (id, source, event_id, type, occurred_at, data, received_at)
       SELECT n, 'urn:bench', 'event-' || n, 'platform.mention.created', t, jsonb_build_object('mentionId', 'm-' || n,
              'excerpt', repeat('x', 200)), t
         FROM generate_series(1, $1::int) n,
              LATERAL (SELECT now() - make_interval(secs => ($1::int - n)::double precision * $2 / $1)) at (t)`,
      [ROWS, (SPREAD_DAYS * DAY_MS) / 1000],
    );
    await db.query(
      `INSERT INTO deliveries (id, event_ref, recipient_user_id, recipient_role, template, category, members_only,
                               status, created_at, updated_at, sent_at)
       SELECT id, id, 'user-' || (id % 5000), 'recipient', 'activity.mention', 'mentions', false, 'sent',
              received_at, received_at, received_at
         FROM notification_events`,
    );
    await db.query(`ANALYZE deliveries; ANALYZE notification_events`);
    const seedSeconds = (performance.now() - seeded) / 1000;

    const config = Object.assign(new DispatcherConfig(), { UNSUBSCRIBE_SIGNING_KEYS: [] });
    const repository = new TimedRetention(db);
    const job = new RetentionJob(config, repository, new MetricsService(new Registry()));
    const started = performance.now();
    const report = await job.sweep();
    const sweepSeconds = (performance.now() - started) / 1000;
    const longestMs = Math.max(...repository.durations);

    const [{ left }] = await db.query<{ left: string }[]>(`SELECT count(*) AS left FROM deliveries`);
    const expectedDeleted = Math.floor(ROWS * (1 - 180 / SPREAD_DAYS));
    expect(Math.abs(report.deliveries - expectedDeleted)).toBeLessThan(ROWS / 1000);
    expect(Number(left)).toBe(ROWS - report.deliveries);
    expect(report.events).toBe(report.deliveries);
    expect(report.emptiedPayloads).toBeGreaterThan(0);

    console.log(
      `[retention] rows=${ROWS} seeded in ${seedSeconds.toFixed(1)}s; sweep ${sweepSeconds.toFixed(1)}s: ` +
        `deliveries deleted=${report.deliveries}, events deleted=${report.events}, payloads emptied=` +
        `${report.emptiedPayloads}; statements=${repository.durations.length} of at most ` +
        `${config.RETENTION_BATCH_SIZE} rows, longest ${longestMs.toFixed(0)} ms`,
    );
  });
});
