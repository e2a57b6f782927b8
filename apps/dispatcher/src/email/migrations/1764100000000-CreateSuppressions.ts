import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSuppressions1764100000000 implements MigrationInterface {
  name = 'CreateSuppressions1764100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE email_suppressions (
        email text PRIMARY KEY,
        reason text NOT NULL CHECK (reason IN ('bounce', 'complaint')),
        detail text,
        message_id text,
        occurred_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE email_suppressions`);
  }
}
