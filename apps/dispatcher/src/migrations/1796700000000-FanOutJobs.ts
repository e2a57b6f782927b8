import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fan-out jobs: a community too large for one page is planned page by page after its event commits. Each job keeps
 * what every member's delivery is planned from and a keyset cursor (the last member planned), advanced in the same
 * transaction as the page it covers.
 */
export class FanOutJobs1796700000000 implements MigrationInterface {
  name = 'FanOutJobs1796700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE fan_out_jobs (
        id bigserial PRIMARY KEY,
        event_ref bigint NOT NULL,
        community_id varchar(200) NOT NULL,
        plan jsonb NOT NULL,
        after_user_id varchar(200) NOT NULL,
        pages integer NOT NULL DEFAULT 0,
        state varchar(16) NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX fan_out_jobs_pending_idx ON fan_out_jobs (id) WHERE state = 'pending'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE fan_out_jobs`);
  }
}
