import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-user request counters of the rate limits. Apps list this class in their migrations; the table is
 * unqualified so it lands in the service's own schema (search_path).
 */
export class RateLimitCounters1796300000000 implements MigrationInterface {
  name = 'RateLimitCounters1796300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE rate_limit_counters (
        subject varchar(200) NOT NULL,
        action varchar(64) NOT NULL,
        window_start timestamptz NOT NULL,
        window_end timestamptz NOT NULL,
        count integer NOT NULL,
        PRIMARY KEY (subject, action, window_start)
      )`);
    await runner.query(`CREATE INDEX rate_limit_counters_window_end_idx ON rate_limit_counters (window_end)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE rate_limit_counters`);
  }
}
