import { MigrationInterface, QueryRunner } from 'typeorm';

/** A case's scope columns: what the rules' conditions read, copied onto each of its delta rows. */
const SCOPE = `organization_id, region_id, village_id, group_id, assigned_companion_id, co_companion_id, excluded_user_ids`;

/**
 * The dashboard summary's counters (SPEC §9) as delta rows (case-stat-delta.entity.ts): a trigger
 * writes -1 rows for a case's old figures and +1 rows for its new ones in the transaction of the
 * change, so every write path (creation, transition, reassignment, restriction, edit, import) is
 * counted and none can forget it. Overdue follow-ups change with the date alone: they are counted
 * from the due-date indexes, never kept here.
 */
export class CaseStatDeltas1796700400000 implements MigrationInterface {
  name = 'CaseStatDeltas1796700400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "case_stat_deltas" (
                "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
                "organization_id" uuid NOT NULL,
                "region_id" uuid NOT NULL,
                "village_id" uuid,
                "group_id" uuid,
                "assigned_companion_id" uuid,
                "co_companion_id" uuid,
                "excluded_user_ids" uuid array NOT NULL,
                "measure" text NOT NULL,
                "key" text NOT NULL,
                "delta" integer NOT NULL,
                CONSTRAINT "PK_db7f907eed3877e3c7461ef76cb" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_case_stat_deltas_co_assigned" ON "case_stat_deltas" ("co_companion_id")
            WHERE "co_companion_id" IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_case_stat_deltas_assigned" ON "case_stat_deltas" ("assigned_companion_id")
            WHERE "assigned_companion_id" IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_case_stat_deltas_org_region" ON "case_stat_deltas" ("organization_id", "region_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_cases_org_follow_up_due" ON "cases" ("organization_id", "next_follow_up_due")
            WHERE "next_follow_up_due" IS NOT NULL
                AND "status" <> 'closed'
        `);
    // The figures one case adds to the summary, one (measure, key) row each.
    await queryRunner.query(`
            CREATE FUNCTION case_stat_figures(status text, risk_level text, violence_types text[], survivor_sex text,
                                              intake_date date, survivor_age_at_intake smallint)
            RETURNS TABLE (measure text, key text) LANGUAGE sql IMMUTABLE AS $$
                SELECT 'total', ''
                UNION ALL SELECT 'status', status
                UNION ALL SELECT 'risk_level', risk_level WHERE risk_level IS NOT NULL
                UNION ALL SELECT 'violence_type', type FROM unnest(violence_types) AS type WHERE type IS NOT NULL
                UNION ALL SELECT 'sex', survivor_sex WHERE survivor_sex IS NOT NULL
                UNION ALL SELECT 'intake_year', extract(year FROM intake_date)::int::text
                UNION ALL SELECT 'children', '' WHERE survivor_age_at_intake < 18
            $$
        `);
    await queryRunner.query(`
            CREATE FUNCTION case_stat_deltas_follow() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP IN ('UPDATE', 'DELETE') THEN
                    INSERT INTO case_stat_deltas (${SCOPE}, measure, key, delta)
                    SELECT OLD.organization_id, OLD.region_id, OLD.village_id, OLD.group_id, OLD.assigned_companion_id,
                           OLD.co_companion_id, OLD.excluded_user_ids, f.measure, f.key, -1
                    FROM case_stat_figures(OLD.status, OLD.risk_level, OLD.violence_types, OLD.survivor_sex,
                                           OLD.intake_date, OLD.survivor_age_at_intake) f;
                END IF;
                IF TG_OP IN ('INSERT', 'UPDATE') THEN
                    INSERT INTO case_stat_deltas (${SCOPE}, measure, key, delta)
                    SELECT NEW.organization_id, NEW.region_id, NEW.village_id, NEW.group_id, NEW.assigned_companion_id,
                           NEW.co_companion_id, NEW.excluded_user_ids, f.measure, f.key, 1
                    FROM case_stat_figures(NEW.status, NEW.risk_level, NEW.violence_types, NEW.survivor_sex,
                                           NEW.intake_date, NEW.survivor_age_at_intake) f;
                END IF;
                RETURN NULL;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "TRG_cases_stat_deltas_insert_delete" AFTER INSERT OR DELETE ON "cases"
            FOR EACH ROW EXECUTE FUNCTION case_stat_deltas_follow()
        `);
    // Most updates (content, follow-up dates) change no figure and no scope: they write nothing.
    await queryRunner.query(`
            CREATE TRIGGER "TRG_cases_stat_deltas_update" AFTER UPDATE ON "cases"
            FOR EACH ROW WHEN (
                (OLD.${SCOPE.split(', ').join(', OLD.')}, OLD.status, OLD.risk_level, OLD.violence_types,
                 OLD.survivor_sex, OLD.intake_date, OLD.survivor_age_at_intake)
                IS DISTINCT FROM
                (NEW.${SCOPE.split(', ').join(', NEW.')}, NEW.status, NEW.risk_level, NEW.violence_types,
                 NEW.survivor_sex, NEW.intake_date, NEW.survivor_age_at_intake)
            )
            EXECUTE FUNCTION case_stat_deltas_follow()
        `);
    await queryRunner.query(`
            INSERT INTO case_stat_deltas (${SCOPE}, measure, key, delta)
            SELECT ${SCOPE}, f.measure, f.key, count(*)::int
            FROM cases c, case_stat_figures(c.status, c.risk_level, c.violence_types, c.survivor_sex,
                                            c.intake_date, c.survivor_age_at_intake) f
            GROUP BY ${SCOPE}, f.measure, f.key
        `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "TRG_cases_stat_deltas_update" ON "cases"`);
    await queryRunner.query(`DROP TRIGGER "TRG_cases_stat_deltas_insert_delete" ON "cases"`);
    await queryRunner.query(`DROP FUNCTION case_stat_deltas_follow()`);
    await queryRunner.query(`DROP FUNCTION case_stat_figures(text, text, text[], text, date, smallint)`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cases_org_follow_up_due"`);
    await queryRunner.query(`DROP TABLE "case_stat_deltas"`);
  }
}
