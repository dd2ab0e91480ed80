import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each refresh token names the token it replaced: the 30-second grace of SPEC §11 revokes exactly that unused successor. */
export class RefreshTokenParent1796700100000 implements MigrationInterface {
  name = 'RefreshTokenParent1796700100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refresh_tokens" ADD "parent_id" uuid`);
    await queryRunner.query(`CREATE INDEX "IDX_refresh_tokens_parent" ON "refresh_tokens" ("parent_id")`);
    await queryRunner.query(`
            ALTER TABLE "refresh_tokens"
            ADD CONSTRAINT "FK_5a8e126b7a91b145aa651af5507" FOREIGN KEY ("parent_id") REFERENCES "refresh_tokens"("id") ON DELETE SET NULL ON UPDATE NO ACTION
        `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "FK_5a8e126b7a91b145aa651af5507"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_refresh_tokens_parent"`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP COLUMN "parent_id"`);
  }
}
