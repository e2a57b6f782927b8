import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hourly counts of the alerts each moderator was sent, and `alerts` digests: the summary of the alerts held back
 * once a moderator reached the hour's cap. Several summaries may fall on one day, so the one-digest-per-period
 * rule now covers the daily and weekly digests only.
 */
export class ModeratorAlertCap1796300000000 implements MigrationInterface {
  name = 'ModeratorAlertCap1796300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE moderator_alert_windows (
        user_id varchar(200) NOT NULL,
        window_start timestamptz NOT NULL,
        alerts integer NOT NULL,
        PRIMARY KEY (user_id, window_start)
      )`);
    await runner.query(`ALTER TABLE digests DROP CONSTRAINT digests_kind_check`);
    await runner.query(
      `ALTER TABLE digests ADD CONSTRAINT digests_kind_check CHECK (kind IN ('daily', 'weekly', 'alerts'))`,
    );
    await runner.query(`ALTER TABLE digests DROP CONSTRAINT digests_user_period_key`);
    await runner.query(
      `CREATE UNIQUE INDEX digests_user_period_key ON digests (user_id, kind, period_start) WHERE kind <> 'alerts'`,
    );
    // Held alerts wait with next_attempt_at = the end of their hour.
    await runner.query(
      `CREATE INDEX deliveries_held_alerts_idx ON deliveries (next_attempt_at)
        WHERE status = 'digest-queued' AND digest_id IS NULL AND category = 'transactional'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX deliveries_held_alerts_idx`);
    await runner.query(
      `DELETE FROM deliveries WHERE status = 'digest-queued' AND category = 'transactional'`,
    );
    await runner.query(`DELETE FROM digests WHERE kind = 'alerts'`);
    await runner.query(`DROP INDEX digests_user_period_key`);
    await runner.query(
      `ALTER TABLE digests ADD CONSTRAINT digests_user_period_key UNIQUE (user_id, kind, period_start)`,
    );
    await runner.query(`ALTER TABLE digests DROP CONSTRAINT digests_kind_check`);
    await runner.query(
      `ALTER TABLE digests ADD CONSTRAINT digests_kind_check CHECK (kind IN ('daily', 'weekly'))`,
    );
    await runner.query(`DROP TABLE moderator_alert_windows`);
  }
}
