import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The reminders sent in a community, latest first, for the support console. */
export class IndexRemindedItems1796600000000 implements MigrationInterface {
  name = 'IndexRemindedItems1796600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX ix_items_reminded_by_community ON moderation_items (community_id, reminded_at DESC, kind, id)
        WHERE reminded_at IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_items_reminded_by_community`);
  }
}
