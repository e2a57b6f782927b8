import type { MigrationInterface, QueryRunner } from 'typeorm';

/** User ids are up to 200 characters in the event contract; a shorter column turned longer ones into errors. */
export class WidenUserId1795900000000 implements MigrationInterface {
  name = 'WidenUserId1795900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE user_settings ALTER COLUMN user_id TYPE varchar(200)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE user_settings ALTER COLUMN user_id TYPE varchar(128)');
  }
}
