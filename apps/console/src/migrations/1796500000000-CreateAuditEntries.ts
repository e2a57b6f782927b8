import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAuditEntries1796500000000 implements MigrationInterface {
  name = 'CreateAuditEntries1796500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_entries (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        actor       varchar(128) NOT NULL,
        action      varchar(64) NOT NULL,
        target      varchar(512) NOT NULL,
        reason      varchar(500) NOT NULL,
        outcome     varchar(16) NOT NULL,
        detail      jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL
      )
    `);
    await queryRunner.query('CREATE INDEX audit_entries_occurred_at ON audit_entries (occurred_at DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE audit_entries');
  }
}
