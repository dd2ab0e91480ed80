import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SPEC §8: a companion's worklist is ordered active cases first, then by the next follow-up due,
 * then by case number. The case number's year and sequence become integer columns (backfilled
 * from the number) so that numbers sort as numbers, and one index per companion column holds the
 * whole order, so a page is read in order from it.
 */
export class WorklistOrder1796600200000 implements MigrationInterface {
  name = 'WorklistOrder1796600200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cases" ADD "case_number_year" integer, ADD "case_number_sequence" integer`);
    await queryRunner.query(`
            UPDATE "cases" SET "case_number_year" = split_part("case_number", '-', 2)::integer,
                               "case_number_sequence" = split_part("case_number", '-', 3)::integer
        `);
    await queryRunner.query(
      `ALTER TABLE "cases" ALTER "case_number_year" SET NOT NULL, ALTER "case_number_sequence" SET NOT NULL`,
    );
    await queryRunner.query(`
            CREATE INDEX "IDX_cases_worklist_assigned" ON "cases" ("assigned_companion_id", ("status" = 'closed'),
                (coalesce("next_follow_up_due", 'infinity'::date)), "case_number_year", "case_number_sequence", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_cases_worklist_co_assigned" ON "cases" ("co_companion_id", ("status" = 'closed'),
                (coalesce("next_follow_up_due", 'infinity'::date)), "case_number_year", "case_number_sequence", "id")
                WHERE "co_companion_id" IS NOT NULL
        `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_cases_worklist_co_assigned"`);
    await queryRunner.query(`DROP INDEX "IDX_cases_worklist_assigned"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "case_number_sequence", DROP COLUMN "case_number_year"`);
  }
}
