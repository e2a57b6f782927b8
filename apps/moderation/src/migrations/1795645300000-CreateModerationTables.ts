import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateModerationTables1795645300000 implements MigrationInterface {
  name = 'CreateModerationTables1795645300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE communities (
        id varchar(200) PRIMARY KEY,
        name varchar(200) NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE community_moderators (
        community_id varchar(200) NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
        user_id varchar(200) NOT NULL,
        display_name varchar(200) NOT NULL,
        contact_email varchar(320) NOT NULL,
        PRIMARY KEY (community_id, user_id)
      )`);
    // "Which communities does this user moderate?" for the queue.
    await queryRunner.query(
      `CREATE INDEX ix_community_moderators_user ON community_moderators (user_id, community_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE moderation_items (
        kind varchar(16) NOT NULL CHECK (kind IN ('access-request', 'submission')),
        id varchar(200) NOT NULL,
        community_id varchar(200) NOT NULL,
        requester_id varchar(200) NOT NULL,
        message varchar(2000),
        title varchar(300),
        url varchar(2000),
        excerpt varchar(2000),
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
        pending_since timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        decided_by_user_id varchar(200),
        decided_by_display_name varchar(200),
        decided_by_contact_email varchar(320),
        reason varchar(2000),
        reminded_at timestamptz,
        PRIMARY KEY (kind, id),
        CHECK (kind <> 'submission' OR (title IS NOT NULL AND url IS NOT NULL)),
        CHECK (status = 'pending' OR decided_by_user_id IS NOT NULL)
      )`);
    // Partial indexes stay small: decided items, the bulk over time, are not in them.
    await queryRunner.query(
      `CREATE INDEX ix_items_pending_by_community ON moderation_items (community_id, pending_since, kind, id) WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_items_pending ON moderation_items (pending_since, kind, id) WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_items_reminder_due ON moderation_items (pending_since) WHERE status = 'pending' AND reminded_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE moderation_items`);
    await queryRunner.query(`DROP TABLE community_moderators`);
    await queryRunner.query(`DROP TABLE communities`);
  }
}
