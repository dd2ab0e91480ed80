import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SPEC §8 "no administrator alone gets into case content": administration requests that a second
 * org_admin decides, and on users the temporary-password flag and the reset notice.
 */
export class AdminRequests1796600400000 implements MigrationInterface {
  name = 'AdminRequests1796600400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "admin_requests" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organization_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "kind" text NOT NULL,
                "state" text NOT NULL DEFAULT 'pending',
                "requested_by" uuid NOT NULL,
                "subject_id" uuid,
                "payload" jsonb NOT NULL DEFAULT '{}',
                "decided_by" uuid,
                "decided_by_operator" boolean NOT NULL DEFAULT false,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "requester_half" bytea,
                CONSTRAINT "CHK_admin_requests_state" CHECK ("state" IN ('pending', 'approved', 'refused')),
                CONSTRAINT "CHK_admin_requests_kind" CHECK ("kind" IN ('create_user', 'change_role', 'change_active', 'reset_password', 'reset_totp')),
                CONSTRAINT "PK_d4569ff1dedb106a655ebee1191" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(
      `CREATE INDEX "IDX_admin_requests_org_created" ON "admin_requests" ("organization_id", "created_at")`,
    );
    await queryRunner.query(`ALTER TABLE "users" ADD "password_change_required" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "users" ADD "reset_notice" jsonb`);
    for (const [name, column] of [
      ['FK_admin_requests_requested_by', 'requested_by'],
      ['FK_admin_requests_subject', 'subject_id'],
      ['FK_admin_requests_decided_by', 'decided_by'],
    ]) {
      await queryRunner.query(
        `ALTER TABLE "admin_requests" ADD CONSTRAINT "${name}" FOREIGN KEY ("${column}") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "admin_requests"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "reset_notice"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "password_change_required"`);
  }
}
