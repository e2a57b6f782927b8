import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The feedback event behind each suppression, and removals of suppressions with who removed them and why. */
export class SuppressionEventsAndRemovals1796000001000 implements MigrationInterface {
  name = 'SuppressionEventsAndRemovals1796000001000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE email_suppressions ADD COLUMN event_source varchar(200)`);
    await runner.query(`ALTER TABLE email_suppressions ADD COLUMN event_id varchar(200)`);
    await runner.query(`
      CREATE TABLE email_suppression_removals (
        id bigserial PRIMARY KEY,
        email text NOT NULL,
        suppression_reason text NOT NULL,
        suppression_detail text,
        suppressed_at timestamptz NOT NULL,
        event_source varchar(200),
        event_id varchar(200),
        removed_by varchar(200) NOT NULL,
        removal_reason varchar(500) NOT NULL,
        removed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX email_suppression_removals_email_idx ON email_suppression_removals (email)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE email_suppression_removals`);
    await runner.query(`ALTER TABLE email_suppressions DROP COLUMN event_id`);
    await runner.query(`ALTER TABLE email_suppressions DROP COLUMN event_source`);
  }
}
