import { MigrationInterface, QueryRunner } from 'typeorm';

/** A case's next follow-up due as the follow-up log says it is: the newest follow-up's due date. */
const NEXT_DUE_FROM_LOG = `(SELECT f.due_date FROM follow_ups f WHERE f.case_id = c.id
                             ORDER BY f.date DESC, f.created_at DESC, f.id DESC LIMIT 1)`;

/**
 * Issue 14, R3: the first page of `GET /cases` under each SPEC §9 filter is read from an index
 * bounded to the caller's scope, in page order where the order allows, so it costs the same at
 * 10,000 and at 1,000,000 cases. A coordinator's scope is her region, a reviewer's the
 * organisation: each filter on a coded column has one index per scope, the filter's column
 * after the scope's, then the page order (docs/cases.md, "Lists and statistics"). A village or
 * a group lies inside one region, so their own column bounds them for every role. An intake
 * range is paged in intake order, so it is a range of the index rather than a walk to it.
 * The next follow-up due is recomputed from the follow-up log, so a value a concurrent creation
 * left behind (before the case row was locked for it) is set right.
 */
export class CaseListIndexes1796900100000 implements MigrationInterface {
  name = 'CaseListIndexes1796900100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [scope, column] of [
      ['region', 'region_id'],
      ['org', 'organization_id'],
    ]) {
      await queryRunner.query(
        `CREATE INDEX "IDX_cases_${scope}_status_created" ON "cases" ("${column}", "status", "created_at", "id")`,
      );
      await queryRunner.query(
        `CREATE INDEX "IDX_cases_${scope}_risk_created" ON "cases" ("${column}", "risk_level", "created_at", "id")`,
      );
      await queryRunner.query(
        `CREATE INDEX "IDX_cases_${scope}_intake" ON "cases" ("${column}", "intake_date", "created_at", "id")`,
      );
      await queryRunner.query(`
            CREATE INDEX "IDX_cases_${scope}_follow_up_open_created" ON "cases" ("${column}", "created_at", "id")
            WHERE "next_follow_up_due" IS NOT NULL
                AND "status" <> 'closed'
        `);
    }
    await queryRunner.query(`CREATE INDEX "IDX_cases_village_created" ON "cases" ("village_id", "created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "IDX_cases_group_created" ON "cases" ("group_id", "created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "IDX_cases_violence_types" ON "cases" USING gin ("violence_types")`);
    await queryRunner.query(`
            UPDATE cases c SET next_follow_up_due = ${NEXT_DUE_FROM_LOG}
             WHERE c.next_follow_up_due IS DISTINCT FROM ${NEXT_DUE_FROM_LOG}
        `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of ['violence_types', 'group_created', 'village_created'])
      await queryRunner.query(`DROP INDEX "public"."IDX_cases_${name}"`);
    for (const scope of ['org', 'region'])
      for (const name of ['follow_up_open_created', 'intake', 'risk_created', 'status_created'])
        await queryRunner.query(`DROP INDEX "public"."IDX_cases_${scope}_${name}"`);
  }
}
