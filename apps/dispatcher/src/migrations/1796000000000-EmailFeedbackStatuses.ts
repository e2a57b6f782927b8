import type { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES_BEFORE = `'pending', 'sending', 'sent', 'skipped', 'failed', 'digest-queued'`;
const PROVIDER_STATUSES = `'delivered', 'bounced', 'complained', 'delayed'`;

/** Provider statuses of deliveries (matched on the SES message id) and the SNS messages already received. */
export class EmailFeedbackStatuses1796000000000 implements MigrationInterface {
  name = 'EmailFeedbackStatuses1796000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE deliveries DROP CONSTRAINT deliveries_status_check`);
    await runner.query(`
      ALTER TABLE deliveries ADD CONSTRAINT deliveries_status_check
        CHECK (status IN (${STATUSES_BEFORE}, ${PROVIDER_STATUSES}))`);
    await runner.query(`ALTER TABLE deliveries ADD COLUMN status_changed_at timestamptz`);
    await runner.query(
      `CREATE INDEX deliveries_ses_message_idx ON deliveries (ses_message_id) WHERE ses_message_id IS NOT NULL`,
    );
    await runner.query(`
      CREATE TABLE sns_messages (
        message_id varchar(200) PRIMARY KEY,
        topic_arn varchar(300) NOT NULL,
        type varchar(40) NOT NULL,
        sent_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX sns_messages_sent_at_idx ON sns_messages (sent_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE sns_messages`);
    await runner.query(`DROP INDEX deliveries_ses_message_idx`);
    await runner.query(`ALTER TABLE deliveries DROP COLUMN status_changed_at`);
    await runner.query(`UPDATE deliveries SET status = 'sent' WHERE status IN (${PROVIDER_STATUSES})`);
    await runner.query(`ALTER TABLE deliveries DROP CONSTRAINT deliveries_status_check`);
    await runner.query(
      `ALTER TABLE deliveries ADD CONSTRAINT deliveries_status_check CHECK (status IN (${STATUSES_BEFORE}))`,
    );
  }
}
