import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Profiles, communities and memberships, kept from other services' events so sending never calls them. */
export class CreateReadModels1795700000000 implements MigrationInterface {
  name = 'CreateReadModels1795700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE profiles (
        user_id varchar(200) PRIMARY KEY,
        email varchar(320) NOT NULL,
        display_name varchar(200) NOT NULL,
        locale varchar(35) NOT NULL,
        time_zone varchar(64) NOT NULL,
        mentions varchar(16) NOT NULL,
        comments varchar(16) NOT NULL,
        private_messages varchar(16) NOT NULL,
        community_activity varchar(16) NOT NULL,
        revision bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Digest runs list the distinct time zones with an index skip scan.
    await runner.query(`CREATE INDEX profiles_time_zone_idx ON profiles (time_zone)`);
    await runner.query(`
      CREATE TABLE communities (
        community_id varchar(200) PRIMARY KEY,
        name varchar(200) NOT NULL,
        visibility varchar(16) NOT NULL,
        moderated boolean NOT NULL,
        confidential boolean NOT NULL,
        moderators jsonb NOT NULL,
        changed_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE memberships (
        community_id varchar(200) NOT NULL,
        user_id varchar(200) NOT NULL,
        state varchar(8) NOT NULL CHECK (state IN ('joined', 'left')),
        changed_at timestamptz NOT NULL,
        PRIMARY KEY (community_id, user_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE memberships`);
    await runner.query(`DROP TABLE communities`);
    await runner.query(`DROP TABLE profiles`);
  }
}
