import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Offline sync (SPEC §12): one audit event records a whole sync, so it names several cases at
 * once; and a read made on a phone is recorded with the time the phone gives, beside the
 * server's time of receipt (`occurred_at`).
 */
export class AuditSyncReads1796800200000 implements MigrationInterface {
  name = 'AuditSyncReads1796800200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_events" ADD "subject_ids" uuid array`);
    await queryRunner.query(`ALTER TABLE "audit_events" ADD "device_read_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_events" DROP COLUMN "device_read_at"`);
    await queryRunner.query(`ALTER TABLE "audit_events" DROP COLUMN "subject_ids"`);
  }
}
