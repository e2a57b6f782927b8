import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The language each email was written in, on its delivery rows. */
export class AddDeliveryLanguage1796200000000 implements MigrationInterface {
  name = 'AddDeliveryLanguage1796200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE deliveries ADD COLUMN language varchar(8)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE deliveries DROP COLUMN language`);
  }
}
