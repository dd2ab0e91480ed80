import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A session records whether it proved a second factor ("complete" used to mean that, or that
 * none was needed) and when it started, for its absolute lifetime. An old "complete" session
 * proved a code only if the user is enrolled: enrolment ends every earlier session.
 */
export class SessionSecondFactorAndLifetime1796514219856 implements MigrationInterface {
  name = 'SessionSecondFactorAndLifetime1796514219856';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refresh_tokens" ADD "second_factor" text`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" ADD "session_started_at" timestamptz`);
    await queryRunner.query(
      `UPDATE "refresh_tokens" t
          SET "second_factor" = CASE WHEN t."mfa" = 'complete' AND u."totp_enrolled_at" IS NOT NULL THEN 'verified' ELSE 'none' END,
              "session_started_at" = (SELECT min(f."created_at") FROM "refresh_tokens" f WHERE f."family_id" = t."family_id")
         FROM "users" u WHERE u."id" = t."user_id"`,
    );
    await queryRunner.query(`ALTER TABLE "refresh_tokens" ALTER COLUMN "second_factor" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" ALTER COLUMN "session_started_at" SET NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "refresh_tokens" ADD CONSTRAINT "CHK_refresh_tokens_second_factor" CHECK ("second_factor" IN ('verified', 'none'))`,
    );
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "CHK_refresh_tokens_mfa"`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP COLUMN "mfa"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refresh_tokens" ADD "mfa" text NOT NULL DEFAULT 'enrollment_required'`);
    await queryRunner.query(`UPDATE "refresh_tokens" SET "mfa" = 'complete' WHERE "second_factor" = 'verified'`);
    await queryRunner.query(
      `ALTER TABLE "refresh_tokens" ADD CONSTRAINT "CHK_refresh_tokens_mfa" CHECK ("mfa" IN ('complete', 'enrollment_required'))`,
    );
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "CHK_refresh_tokens_second_factor"`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP COLUMN "session_started_at"`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP COLUMN "second_factor"`);
  }
}
