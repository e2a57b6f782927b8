import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Events that caused notifications, one delivery row per (event, recipient, template), and digests. */
export class CreateDeliveries1795700001000 implements MigrationInterface {
  name = 'CreateDeliveries1795700001000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE notification_events (
        id bigserial PRIMARY KEY,
        source varchar(200) NOT NULL,
        event_id varchar(200) NOT NULL,
        type varchar(100) NOT NULL,
        occurred_at timestamptz NOT NULL,
        data jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notification_events_source_event_id_key UNIQUE (source, event_id)
      )`);
    await runner.query(`
      CREATE TABLE digests (
        id bigserial PRIMARY KEY,
        user_id varchar(200) NOT NULL,
        kind varchar(8) NOT NULL CHECK (kind IN ('daily', 'weekly')),
        period_start date NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'skipped', 'failed')),
        reason varchar(64),
        detail varchar(2000),
        item_count integer NOT NULL DEFAULT 0,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        claimed_at timestamptz,
        ses_message_id varchar(200),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CONSTRAINT digests_user_period_key UNIQUE (user_id, kind, period_start)
      )`);
    await runner.query(`CREATE INDEX digests_due_idx ON digests (next_attempt_at) WHERE status = 'pending'`);
    await runner.query(`CREATE INDEX digests_claimed_idx ON digests (claimed_at) WHERE status = 'sending'`);
    await runner.query(`
      CREATE TABLE deliveries (
        id bigserial PRIMARY KEY,
        -- No foreign key: rows are written with their event in one transaction, and per-row checks would slow fan-outs.
        event_ref bigint NOT NULL,
        recipient_user_id varchar(200) NOT NULL,
        recipient_role varchar(16) NOT NULL,
        template varchar(64) NOT NULL,
        category varchar(32) NOT NULL,
        community_id varchar(200),
        members_only boolean NOT NULL,
        status varchar(16) NOT NULL
          CHECK (status IN ('pending', 'sending', 'sent', 'skipped', 'failed', 'digest-queued')),
        reason varchar(64),
        detail varchar(2000),
        frequency varchar(8),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        claimed_at timestamptz,
        digest_id bigint,
        ses_message_id varchar(200),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        -- Exactly one notification per (event, recipient, email): redelivered events cannot add a second row.
        CONSTRAINT deliveries_event_recipient_template_key UNIQUE (event_ref, recipient_user_id, template)
      )`);
    await runner.query(
      `CREATE INDEX deliveries_due_idx ON deliveries (next_attempt_at) WHERE status = 'pending'`,
    );
    await runner.query(
      `CREATE INDEX deliveries_claimed_idx ON deliveries (claimed_at) WHERE status = 'sending'`,
    );
    await runner.query(`CREATE INDEX deliveries_recipient_idx ON deliveries (recipient_user_id, id DESC)`);
    await runner.query(
      `CREATE INDEX deliveries_digest_queue_idx ON deliveries (recipient_user_id) WHERE status = 'digest-queued' AND digest_id IS NULL`,
    );
    await runner.query(
      `CREATE INDEX deliveries_digest_idx ON deliveries (digest_id) WHERE digest_id IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE deliveries`);
    await runner.query(`DROP TABLE digests`);
    await runner.query(`DROP TABLE notification_events`);
  }
}
