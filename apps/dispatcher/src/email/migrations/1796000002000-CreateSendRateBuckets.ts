import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One token bucket per SES account, shared by every dispatcher replica. */
export class CreateSendRateBuckets1796000002000 implements MigrationInterface {
  name = 'CreateSendRateBuckets1796000002000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE send_rate_buckets (
        name varchar(100) PRIMARY KEY,
        tokens double precision NOT NULL,
        refilled_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE send_rate_buckets`);
  }
}
