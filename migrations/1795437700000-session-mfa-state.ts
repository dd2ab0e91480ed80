import { MigrationInterface, QueryRunner } from 'typeorm';

/** A session remembers whether it passed the second factor; refreshing it never upgrades it. */
export class SessionMfaState1795437700000 implements MigrationInterface {
  name = 'SessionMfaState1795437700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refresh_tokens" ADD "mfa" text NOT NULL DEFAULT 'enrollment_required'`);
    await queryRunner.query(
      `ALTER TABLE "refresh_tokens" ADD CONSTRAINT "CHK_refresh_tokens_mfa" CHECK ("mfa" IN ('complete', 'enrollment_required'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "CHK_refresh_tokens_mfa"`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP COLUMN "mfa"`);
  }
}
