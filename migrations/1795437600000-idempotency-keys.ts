import { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyKeys1795437600000 implements MigrationInterface {
  name = 'IdempotencyKeys1795437600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "idempotency_keys" (
        "user_id" uuid NOT NULL,
        "key" text NOT NULL,
        "request_hash" text NOT NULL,
        "status" smallint,
        "resource_path" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_idempotency_keys" PRIMARY KEY ("user_id", "key")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_idempotency_keys_expiry" ON "idempotency_keys" ("expires_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
  }
}
