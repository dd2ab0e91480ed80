import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which cases each report counted (SPEC §7): a coordinator who restricts a case is told which of
 * the users she excludes hold reports that counted it. Looked up by case (the primary key's first
 * column); the report index serves a re-run's delete and the cascade.
 */
export class ReportCountedCases1796600300000 implements MigrationInterface {
  name = 'ReportCountedCases1796600300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "report_counted_cases" (
                "case_id" uuid NOT NULL,
                "report_id" uuid NOT NULL,
                CONSTRAINT "PK_9fe044b58e880baefd4c76fddea" PRIMARY KEY ("case_id", "report_id")
            )
        `);
    await queryRunner.query(`CREATE INDEX "IDX_report_counted_cases_report" ON "report_counted_cases" ("report_id")`);
    await queryRunner.query(`
            ALTER TABLE "report_counted_cases"
            ADD CONSTRAINT "FK_be8e87101ad90563cbbb9ef0b41" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "report_counted_cases"
            ADD CONSTRAINT "FK_bd1e44b76c93c948fbcef7ff911" FOREIGN KEY ("report_id") REFERENCES "reports"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "report_counted_cases"`);
  }
}
