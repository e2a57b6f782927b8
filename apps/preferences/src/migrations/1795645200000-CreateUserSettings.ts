import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUserSettings1795645200000 implements MigrationInterface {
  name = 'CreateUserSettings1795645200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE user_settings (
        user_id            varchar(128) PRIMARY KEY,
        email              varchar(320),
        display_name       varchar(200),
        locale             varchar(35),
        time_zone          varchar(64),
        profile_updated_at timestamptz,
        mentions           varchar(16) NOT NULL,
        comments           varchar(16) NOT NULL,
        private_messages   varchar(16) NOT NULL,
        community_activity varchar(16) NOT NULL,
        revision           integer NOT NULL,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT user_settings_profile_all_or_nothing CHECK (
          num_nulls(email, display_name, locale, time_zone, profile_updated_at) IN (0, 5)
        ),
        CONSTRAINT user_settings_mentions_valid
          CHECK (mentions IN ('immediately', 'daily', 'weekly', 'never')),
        CONSTRAINT user_settings_comments_valid
          CHECK (comments IN ('immediately', 'daily', 'weekly', 'never')),
        CONSTRAINT user_settings_private_messages_valid
          CHECK (private_messages IN ('immediately', 'daily', 'weekly', 'never')),
        CONSTRAINT user_settings_community_activity_valid
          CHECK (community_activity IN ('immediately', 'daily', 'weekly')),
        CONSTRAINT user_settings_revision_not_negative CHECK (revision >= 0)
      )
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE user_settings');
  }
}
