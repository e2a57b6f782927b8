import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Parked records: outbox rows the relay could not publish and dead-letter copies Kafka refused, moved out of
 * the way with the reason so that later rows and the consumed partition go on. Unqualified, like the outbox.
 */
export class OutboxParking1796511428716 implements MigrationInterface {
  name = 'OutboxParking1796511428716';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE outbox
        ADD COLUMN first_attempt_at timestamptz,
        ADD COLUMN last_attempt_at timestamptz,
        ADD COLUMN last_error text`);
    await runner.query(`
      CREATE TABLE outbox_parked (
        id bigserial PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('outbox', 'dead-letter')),
        reason text NOT NULL CHECK (reason IN ('too-large', 'rejected', 'attempts-exhausted')),
        error text NOT NULL,
        topic text NOT NULL,
        message_key text,
        event_type text,
        event_id text,
        payload jsonb,
        value bytea,
        headers jsonb NOT NULL,
        size_bytes integer NOT NULL,
        attempts integer NOT NULL,
        created_at timestamptz NOT NULL,
        first_attempt_at timestamptz NOT NULL,
        last_attempt_at timestamptz NOT NULL,
        parked_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE outbox_parked`);
    await runner.query(`
      ALTER TABLE outbox DROP COLUMN first_attempt_at, DROP COLUMN last_attempt_at, DROP COLUMN last_error`);
  }
}
