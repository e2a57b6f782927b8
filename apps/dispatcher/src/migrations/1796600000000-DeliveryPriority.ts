import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A sending priority on each delivery (0 action needed, 1 personal, 2 community activity) and the index the claim
 * reads due rows by. Rows still to be sent get their template's priority; finished rows keep the default.
 */
export class DeliveryPriority1796600000000 implements MigrationInterface {
  name = 'DeliveryPriority1796600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE deliveries ADD COLUMN priority smallint NOT NULL DEFAULT 1`);
    await runner.query(
      `UPDATE deliveries SET priority = 0
        WHERE status IN ('pending', 'sending')
          AND template IN ('access-request.moderator', 'submission.moderator', 'moderation.reminder')`,
    );
    await runner.query(
      `UPDATE deliveries SET priority = 2
        WHERE status IN ('pending', 'sending')
          AND template IN ('community.member-joined.moderator', 'community.content-published.moderator',
                           'activity.content-published')`,
    );
    await runner.query(`DROP INDEX deliveries_due_idx`);
    await runner.query(
      `CREATE INDEX deliveries_due_idx ON deliveries (priority, next_attempt_at) WHERE status = 'pending'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX deliveries_due_idx`);
    await runner.query(
      `CREATE INDEX deliveries_due_idx ON deliveries (next_attempt_at) WHERE status = 'pending'`,
    );
    await runner.query(`ALTER TABLE deliveries DROP COLUMN priority`);
  }
}
