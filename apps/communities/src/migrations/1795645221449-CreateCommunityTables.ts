import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCommunityTables1795645221449 implements MigrationInterface {
  name = 'CreateCommunityTables1795645221449';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE communities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        visibility varchar(16) NOT NULL CHECK (visibility IN ('open', 'restricted')),
        moderated boolean NOT NULL,
        confidential boolean NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE community_moderators (
        community_id uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
        user_id varchar(200) NOT NULL,
        display_name varchar(200) NOT NULL,
        contact_email varchar(320) NOT NULL,
        PRIMARY KEY (community_id, user_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE memberships (
        community_id uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
        user_id varchar(200) NOT NULL,
        joined_via varchar(32) NOT NULL,
        joined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (community_id, user_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE access_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        community_id uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
        user_id varchar(200) NOT NULL,
        message varchar(2000),
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
        requested_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        decided_by varchar(200),
        reason varchar(2000)
      )`);
    // At most one pending request per user and community; enforced here so concurrent joins cannot both pass.
    await queryRunner.query(
      `CREATE UNIQUE INDEX ux_access_requests_pending ON access_requests (community_id, user_id) WHERE status = 'pending'`,
    );
    await queryRunner.query(`
      CREATE TABLE submissions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        community_id uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
        author_id varchar(200) NOT NULL,
        title varchar(300) NOT NULL,
        url varchar(2000) NOT NULL,
        excerpt varchar(2000),
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
        submitted_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        decided_by varchar(200),
        reason varchar(2000)
      )`);
    await queryRunner.query(`
      CREATE TABLE contents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        community_id uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
        author_id varchar(200) NOT NULL,
        title varchar(300) NOT NULL,
        url varchar(2000) NOT NULL,
        excerpt varchar(2000),
        published_via varchar(32) NOT NULL,
        submission_id uuid UNIQUE REFERENCES submissions (id),
        published_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE contents`);
    await queryRunner.query(`DROP TABLE submissions`);
    await queryRunner.query(`DROP TABLE access_requests`);
    await queryRunner.query(`DROP TABLE memberships`);
    await queryRunner.query(`DROP TABLE community_moderators`);
    await queryRunner.query(`DROP TABLE communities`);
  }
}
