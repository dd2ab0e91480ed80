import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Phones set up for offline capture (SPEC §12): the id the phone chose, its owner, its public
 * sealing key and its server wrapping key W, kept only wrapped by the master key with the device
 * id as associated data and deleted at revocation. A refresh-token family may be bound to one.
 */
export class Devices1796800100000 implements MigrationInterface {
  name = 'Devices1796800100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "devices" (
                "id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "label" text NOT NULL,
                "sealing_public_key" text NOT NULL,
                "wrapping_key_master_key_id" text,
                "wrapping_key" bytea,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_sync_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "CHK_devices_wrapping_key" CHECK (("revoked_at" IS NULL) = ("wrapping_key" IS NOT NULL AND "wrapping_key_master_key_id" IS NOT NULL)),
                CONSTRAINT "PK_devices" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`CREATE INDEX "IDX_devices_user" ON "devices" ("user_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_devices_organization" ON "devices" ("organization_id", "created_at")`);
    await queryRunner.query(`
            ALTER TABLE "devices" ADD CONSTRAINT "FK_devices_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "devices" ADD CONSTRAINT "FK_devices_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" ADD "device_id" uuid`);
    await queryRunner.query(`CREATE INDEX "IDX_refresh_tokens_device" ON "refresh_tokens" ("device_id")`);
    await queryRunner.query(`
            ALTER TABLE "refresh_tokens" ADD CONSTRAINT "FK_refresh_tokens_device" FOREIGN KEY ("device_id") REFERENCES "devices"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "FK_refresh_tokens_device"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_refresh_tokens_device"`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP COLUMN "device_id"`);
    await queryRunner.query(`DROP TABLE "devices"`);
  }
}
