import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The W3C trace each stored event arrived with, so the emails it causes are sent in that trace. */
export class NotificationEventTrace1795709000000 implements MigrationInterface {
  name = 'NotificationEventTrace1795709000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE notification_events ADD COLUMN traceparent varchar(55)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE notification_events DROP COLUMN traceparent`);
  }
}
