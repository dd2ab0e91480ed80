import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795434000000 implements MigrationInterface {
  name = 'Foundation1795434000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "organizations" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_organizations" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "worker_heartbeats" (
        "worker_id" text NOT NULL,
        "last_seen_at" timestamptz NOT NULL,
        CONSTRAINT "PK_worker_heartbeats" PRIMARY KEY ("worker_id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "worker_heartbeats"`);
    await queryRunner.query(`DROP TABLE "organizations"`);
  }
}
