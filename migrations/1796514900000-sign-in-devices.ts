import { MigrationInterface, QueryRunner } from 'typeorm';

/** The failure counter and lock of each sign-in device cookie (SPEC §8), in PostgreSQL like the other throttles. */
export class SignInDevices1796514900000 implements MigrationInterface {
  name = 'SignInDevices1796514900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "sign_in_devices" (
                "nonce" text NOT NULL,
                "user_id" uuid NOT NULL,
                "failed_attempts" integer NOT NULL DEFAULT 0,
                "locked_until" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_13f9a121484fb009bebb029d51a" PRIMARY KEY ("nonce")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "sign_in_devices"
            ADD CONSTRAINT "FK_0006dd2e1d6a80499c864936689" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sign_in_devices"`);
  }
}
