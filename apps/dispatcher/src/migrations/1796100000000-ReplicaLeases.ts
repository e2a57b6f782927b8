import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Replica leases, and the owner and version of each claim, so a lost replica's claims are taken over at once. */
export class ReplicaLeases1796100000000 implements MigrationInterface {
  name = 'ReplicaLeases1796100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE replica_leases (
        replica_id uuid PRIMARY KEY,
        expires_at timestamptz NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now()
      )`);
    for (const table of ['deliveries', 'digests']) {
      await runner.query(
        `ALTER TABLE ${table} ADD COLUMN claimed_by uuid, ADD COLUMN claim_version integer NOT NULL DEFAULT 0`,
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['deliveries', 'digests']) {
      await runner.query(`ALTER TABLE ${table} DROP COLUMN claimed_by, DROP COLUMN claim_version`);
    }
    await runner.query(`DROP TABLE replica_leases`);
  }
}
