import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Device reads carry the id the phone gave each (docs/offline.md, "Device reads"): the ids already
 * recorded, per user, so a batch resent after a lost answer records each read once. A table of its
 * own rather than a column of `audit_events`, whose rows are append-only and hash-chained: a
 * resend is refused by the primary key before any audit event is written.
 */
export class DeviceReadsReceived1797000100000 implements MigrationInterface {
  name = 'DeviceReadsReceived1797000100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "device_reads_received" (
                "user_id" uuid NOT NULL,
                "read_id" uuid NOT NULL,
                CONSTRAINT "PK_device_reads_received" PRIMARY KEY ("user_id", "read_id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "device_reads_received" ADD CONSTRAINT "FK_device_reads_received_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "device_reads_received"`);
  }
}
