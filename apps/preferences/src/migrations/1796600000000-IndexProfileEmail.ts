import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Support finds a user by email address (`GET /profiles?email=`), case-insensitively, without a full scan. */
export class IndexProfileEmail1796600000000 implements MigrationInterface {
  name = 'IndexProfileEmail1796600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX user_settings_email_lower ON user_settings (lower(email))');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX user_settings_email_lower');
  }
}
