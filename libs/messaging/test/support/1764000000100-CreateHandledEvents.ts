import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The test handlers' visible effect. No unique key on purpose: a handler run twice shows up as two rows. */
export class CreateHandledEvents1764000000100 implements MigrationInterface {
  name = 'CreateHandledEvents1764000000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE handled_event (
        id bigserial PRIMARY KEY,
        event_id text NOT NULL,
        subject text NOT NULL,
        traceparent text,
        partition integer NOT NULL,
        kafka_offset text NOT NULL,
        -- Which transaction wrote the row: shows whether records were handled together or one by one.
        txid bigint NOT NULL DEFAULT txid_current()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE handled_event`);
  }
}
