import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log's request id is always ours; what a client sent as `X-Request-Id` is kept apart
 * (cleaned and capped by the API), so a client can neither forge nor collide with our ids.
 */
export class AuditClientRequestId1796600100000 implements MigrationInterface {
  name = 'AuditClientRequestId1796600100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_events" ADD "client_request_id" text`);
    await queryRunner.query(
      `ALTER TABLE "audit_events" ADD CONSTRAINT "CHK_audit_events_client_request_id" CHECK ("client_request_id" ~ '^[A-Za-z0-9._:-]{1,64}$')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_events" DROP CONSTRAINT "CHK_audit_events_client_request_id"`);
    await queryRunner.query(`ALTER TABLE "audit_events" DROP COLUMN "client_request_id"`);
  }
}
