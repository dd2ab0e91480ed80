import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The domain: cases with their perpetrators, history, referrals and follow-ups and the gap-free
 * case number counters; the groups' annual work plans with their items and activity reports;
 * evaluation report requests (the outbox) and their files in chunks.
 */

export class Domain1796219411061 implements MigrationInterface {
  name = 'Domain1796219411061';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "cases" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organization_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "region_id" uuid NOT NULL,
                "village_id" uuid,
                "group_id" uuid,
                "case_number" text NOT NULL,
                "status" text NOT NULL,
                "status_reason" bytea,
                "closure_reason" text,
                "intake_date" date NOT NULL,
                "incident_date" date,
                "incident_date_approximate" boolean NOT NULL DEFAULT false,
                "place_type" text,
                "referral_source" text,
                "risk_level" text,
                "violence_types" text array NOT NULL,
                "tpks_forms" text array NOT NULL DEFAULT '{}',
                "survivor_sex" text NOT NULL,
                "survivor_age_at_intake" smallint,
                "survivor_age_estimated" boolean NOT NULL DEFAULT false,
                "survivor_disability" text,
                "survivor_marital_status" text,
                "survivor_name" bytea,
                "survivor_alias" bytea,
                "survivor_phone" bytea,
                "survivor_address" bytea,
                "survivor_birth_date" bytea,
                "survivor_nik" bytea,
                "guardian_name" bytea,
                "guardian_phone" bytea,
                "narrative" bytea,
                "safety_plan" bytea,
                "medical_notes" bytea,
                "safe_contact_call_safe" boolean,
                "safe_contact_text_safe" boolean,
                "safe_contact_safe_times" bytea,
                "safe_contact_intermediary" bytea,
                "consent_record" boolean NOT NULL,
                "consent_refer" boolean NOT NULL DEFAULT false,
                "consent_share_deidentified" boolean NOT NULL DEFAULT false,
                "consent_given_by" text,
                "consent_given_at" date,
                "justice_pathway" jsonb NOT NULL DEFAULT '[]',
                "assigned_companion_id" uuid,
                "co_companion_id" uuid,
                "restricted" boolean NOT NULL DEFAULT false,
                "excluded_user_ids" uuid array NOT NULL DEFAULT '{}',
                "survivor_duplicate_index" text,
                "next_follow_up_due" date,
                "created_by" uuid NOT NULL,
                CONSTRAINT "CHK_cases_excluded_only_if_restricted" CHECK (
                    "restricted"
                    OR cardinality("excluded_user_ids") = 0
                ),
                CONSTRAINT "CHK_cases_consent_record" CHECK ("consent_record"),
                CONSTRAINT "CHK_cases_status" CHECK (
                    "status" IN ('open', 'active', 'closure_requested', 'closed')
                ),
                CONSTRAINT "PK_264acb3048c240fb89aa34626db" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_cases_region_follow_up_due" ON "cases" ("region_id", "next_follow_up_due")
            WHERE "next_follow_up_due" IS NOT NULL
                AND "status" <> 'closed'
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_cases_org_duplicate_index" ON "cases" ("organization_id", "survivor_duplicate_index")
            WHERE "survivor_duplicate_index" IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_cases_co_assigned_created" ON "cases" ("co_companion_id", "created_at", "id")
            WHERE "co_companion_id" IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_cases_assigned_created" ON "cases" ("assigned_companion_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_cases_region_created" ON "cases" ("region_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_cases_org_created" ON "cases" ("organization_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_cases_org_number" ON "cases" ("organization_id", "case_number")
        `);
    await queryRunner.query(`
            CREATE TABLE "case_changes" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "actor_id" uuid NOT NULL,
                "action" text NOT NULL,
                "field" text NOT NULL,
                "coded_value" jsonb,
                "sealed_value" bytea,
                "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_1149c91c168a91b6559d8c80cf9" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_case_changes_case_time" ON "case_changes" ("case_id", "changed_at", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "case_number_counters" (
                "organization_id" uuid NOT NULL,
                "region_id" uuid NOT NULL,
                "year" smallint NOT NULL,
                "last_sequence" integer NOT NULL,
                CONSTRAINT "PK_3370594a83805032d71b70c4b08" PRIMARY KEY ("organization_id", "region_id", "year")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "case_perpetrators" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "position" smallint NOT NULL,
                "relationship" text NOT NULL,
                "sex" text,
                "age_group" text,
                "name" bytea,
                "phone" bytea,
                CONSTRAINT "PK_bafe1110e6ca0a10fa732b82dee" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_case_perpetrators_case_position" ON "case_perpetrators" ("case_id", "position")
        `);
    await queryRunner.query(`
            CREATE TABLE "follow_ups" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organization_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "case_id" uuid NOT NULL,
                "date" date NOT NULL,
                "type" text NOT NULL,
                "notes" bytea,
                "next_action" bytea,
                "due_date" date,
                "created_by" uuid NOT NULL,
                CONSTRAINT "CHK_follow_ups_due_after_date" CHECK (
                    "due_date" IS NULL
                    OR "due_date" >= "date"
                ),
                CONSTRAINT "CHK_follow_ups_type" CHECK (
                    "type" IN (
                        'home_visit',
                        'phone_call',
                        'accompaniment_police',
                        'accompaniment_court',
                        'accompaniment_health',
                        'counselling',
                        'family_mediation',
                        'other'
                    )
                ),
                CONSTRAINT "PK_d510aabdff2ec7fdc67a1092157" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_follow_ups_case_created" ON "follow_ups" ("case_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "referrals" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organization_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "case_id" uuid NOT NULL,
                "service_type" text NOT NULL,
                "provider_id" uuid,
                "referred_at" date NOT NULL,
                "status" text NOT NULL,
                "note" bytea,
                "outcome_note" bytea,
                "created_by" uuid NOT NULL,
                CONSTRAINT "CHK_referrals_status" CHECK (
                    "status" IN (
                        'pending',
                        'accepted',
                        'in_service',
                        'completed',
                        'declined',
                        'cancelled'
                    )
                ),
                CONSTRAINT "CHK_referrals_service_type" CHECK (
                    "service_type" IN (
                        'police',
                        'health',
                        'legal_aid',
                        'psychosocial',
                        'shelter',
                        'uptd_ppa',
                        'customary_religious_leader',
                        'village_government',
                        'social_services',
                        'education',
                        'economic_support'
                    )
                ),
                CONSTRAINT "PK_ea9980e34f738b6252817326c08" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_referrals_case_created" ON "referrals" ("case_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "reports" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organization_id" uuid NOT NULL,
                "requested_by" uuid NOT NULL,
                "kind" text NOT NULL,
                "year" smallint NOT NULL,
                "scope_level" text NOT NULL,
                "scope_id" uuid,
                "region_id" uuid,
                "group_id" uuid,
                "format" text NOT NULL,
                "locale" text NOT NULL,
                "audience" text NOT NULL,
                "request_key" text NOT NULL,
                "status" text NOT NULL,
                "progress" smallint NOT NULL DEFAULT '0',
                "stage" text,
                "error" text,
                "attempts" smallint NOT NULL DEFAULT '0',
                "file_name" text,
                "content_type" text,
                "byte_size" integer,
                "checksum_sha256" text,
                "expires_at" TIMESTAMP WITH TIME ZONE,
                "started_at" TIMESTAMP WITH TIME ZONE,
                "finished_at" TIMESTAMP WITH TIME ZONE,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_reports_progress" CHECK (
                    "progress" BETWEEN 0 AND 100
                ),
                CONSTRAINT "CHK_reports_scope" CHECK (
                    "scope_level" IN ('organization', 'region', 'village', 'group')
                ),
                CONSTRAINT "CHK_reports_format" CHECK ("format" IN ('pdf', 'xlsx', 'csv')),
                CONSTRAINT "CHK_reports_status" CHECK (
                    "status" IN (
                        'queued',
                        'running',
                        'succeeded',
                        'failed',
                        'expired'
                    )
                ),
                CONSTRAINT "PK_d9013193989303580053c0b5ef6" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_reports_expiry" ON "reports" ("expires_at")
            WHERE "status" = 'succeeded'
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_reports_pending" ON "reports" ("status", "created_at")
            WHERE "status" IN ('queued', 'running')
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_reports_org_created" ON "reports" ("organization_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_reports_pending_request" ON "reports" ("requested_by", "request_key")
            WHERE "status" IN ('queued', 'running')
        `);
    await queryRunner.query(`
            CREATE TABLE "report_chunks" (
                "report_id" uuid NOT NULL,
                "seq" integer NOT NULL,
                "data" bytea NOT NULL,
                CONSTRAINT "PK_65a1b7ef78aa687845f232d725e" PRIMARY KEY ("report_id", "seq")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "work_plans" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organization_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "group_id" uuid NOT NULL,
                "village_id" uuid NOT NULL,
                "region_id" uuid NOT NULL,
                "year" smallint NOT NULL,
                "status" text NOT NULL,
                "goals" text,
                "review_comments" text,
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "submitted_by" uuid,
                "reviewed_at" TIMESTAMP WITH TIME ZONE,
                "reviewed_by" uuid,
                "copied_from_id" uuid,
                CONSTRAINT "CHK_work_plans_status" CHECK (
                    "status" IN ('draft', 'submitted', 'returned', 'approved')
                ),
                CONSTRAINT "PK_aec61407bc55c68a5e31f4aaeec" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_work_plans_region_year" ON "work_plans" ("region_id", "year")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_work_plans_org_created" ON "work_plans" ("organization_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_work_plans_group_year" ON "work_plans" ("group_id", "year")
        `);
    await queryRunner.query(`
            CREATE TABLE "plan_items" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organization_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "work_plan_id" uuid NOT NULL,
                "title" text NOT NULL,
                "category" text NOT NULL,
                "target_count" integer NOT NULL,
                "target_unit" text NOT NULL,
                "planned_months" smallint array NOT NULL,
                "key_persons" text,
                "budget" bigint,
                "status" text NOT NULL,
                "status_reason" text,
                "drppa_indicators" text array NOT NULL DEFAULT '{}',
                "added_after_approval" boolean NOT NULL DEFAULT false,
                CONSTRAINT "CHK_plan_items_category" CHECK (
                    "category" IN (
                        'awareness_session',
                        'prevention_campaign',
                        'case_handling',
                        'training',
                        'advocacy',
                        'network_meeting',
                        'economic_empowerment',
                        'community_meeting',
                        'other'
                    )
                ),
                CONSTRAINT "CHK_plan_items_target" CHECK ("target_count" > 0),
                CONSTRAINT "CHK_plan_items_status" CHECK (
                    "status" IN ('planned', 'in_progress', 'done', 'cancelled')
                ),
                CONSTRAINT "PK_7095e15f5d5d331a9f170564d5b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_plan_items_plan_created" ON "plan_items" ("work_plan_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "activity_reports" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organization_id" uuid NOT NULL,
                "plan_item_id" uuid NOT NULL,
                "work_plan_id" uuid NOT NULL,
                "date" date NOT NULL,
                "women" integer NOT NULL,
                "men" integer NOT NULL,
                "girls" integer NOT NULL,
                "boys" integer NOT NULL,
                "disability" integer NOT NULL,
                "summary" text NOT NULL,
                "results" text,
                "obstacles" text,
                "lessons" text,
                "created_by" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_activity_reports_participants" CHECK (
                    "women" >= 0
                    AND "men" >= 0
                    AND "girls" >= 0
                    AND "boys" >= 0
                    AND "disability" >= 0
                ),
                CONSTRAINT "PK_be1fa0ad267e5f3633e5d6e7636" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_activity_reports_plan" ON "activity_reports" ("work_plan_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_activity_reports_item_created" ON "activity_reports" ("plan_item_id", "created_at", "id")
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD CONSTRAINT "FK_c47a144982a0234b25f91e07717" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD CONSTRAINT "FK_91d996dac5067656a2c7e99de2a" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD CONSTRAINT "FK_7c2008f6c5d948af7f914cfdfc0" FOREIGN KEY ("village_id") REFERENCES "villages"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD CONSTRAINT "FK_2c7f49a50194743808873c14dca" FOREIGN KEY ("group_id") REFERENCES "groups"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD CONSTRAINT "FK_ab45915db62aa92d1ddb63a9b04" FOREIGN KEY ("assigned_companion_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD CONSTRAINT "FK_e60c6432108208a57876c22f1b9" FOREIGN KEY ("co_companion_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD CONSTRAINT "FK_16623a33f4933798b679f058d0b" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "case_changes"
            ADD CONSTRAINT "FK_388298ba7d17d6928977f0be512" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "case_perpetrators"
            ADD CONSTRAINT "FK_4e8a90a9e7cc171e1ee58fa0496" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "follow_ups"
            ADD CONSTRAINT "FK_e1e0b837f09966486388cd9b94c" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "referrals"
            ADD CONSTRAINT "FK_68ab334842810ff933271725799" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "referrals"
            ADD CONSTRAINT "FK_7fa2510df2f32a1d32438cc8575" FOREIGN KEY ("provider_id") REFERENCES "service_providers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reports"
            ADD CONSTRAINT "FK_9a489187107505eb31692438181" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reports"
            ADD CONSTRAINT "FK_fb3c114a682e16e1b6c0e7d8744" FOREIGN KEY ("requested_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "report_chunks"
            ADD CONSTRAINT "FK_7684e5877663f8e89750331145f" FOREIGN KEY ("report_id") REFERENCES "reports"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "work_plans"
            ADD CONSTRAINT "FK_725e679aca2c2eace3a83dccda0" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "work_plans"
            ADD CONSTRAINT "FK_41cd995592314ebe479eb42e80f" FOREIGN KEY ("group_id") REFERENCES "groups"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "work_plans"
            ADD CONSTRAINT "FK_09d3411c5f4c1dab53814592a54" FOREIGN KEY ("village_id") REFERENCES "villages"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "work_plans"
            ADD CONSTRAINT "FK_fdda89935384182f798de02a531" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "work_plans"
            ADD CONSTRAINT "FK_86a3af3d1e68024dbe7cb17344d" FOREIGN KEY ("submitted_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "work_plans"
            ADD CONSTRAINT "FK_d9a3e89b0aa4e9a699ad8ce7ff4" FOREIGN KEY ("reviewed_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "work_plans"
            ADD CONSTRAINT "FK_76ea38aa545144deeb6c63e1d19" FOREIGN KEY ("copied_from_id") REFERENCES "work_plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "plan_items"
            ADD CONSTRAINT "FK_2ee427035aa531e9387110c889a" FOREIGN KEY ("work_plan_id") REFERENCES "work_plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "activity_reports"
            ADD CONSTRAINT "FK_f662d3821ef18af9d48071c9d59" FOREIGN KEY ("plan_item_id") REFERENCES "plan_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "activity_reports"
            ADD CONSTRAINT "FK_0d514509f0033a355b806cf817f" FOREIGN KEY ("work_plan_id") REFERENCES "work_plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "activity_reports"
            ADD CONSTRAINT "FK_f15802c262ea0ba2fe1dbccd3b0" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "activity_reports" DROP CONSTRAINT "FK_f15802c262ea0ba2fe1dbccd3b0"
        `);
    await queryRunner.query(`
            ALTER TABLE "activity_reports" DROP CONSTRAINT "FK_0d514509f0033a355b806cf817f"
        `);
    await queryRunner.query(`
            ALTER TABLE "activity_reports" DROP CONSTRAINT "FK_f662d3821ef18af9d48071c9d59"
        `);
    await queryRunner.query(`
            ALTER TABLE "plan_items" DROP CONSTRAINT "FK_2ee427035aa531e9387110c889a"
        `);
    await queryRunner.query(`
            ALTER TABLE "work_plans" DROP CONSTRAINT "FK_76ea38aa545144deeb6c63e1d19"
        `);
    await queryRunner.query(`
            ALTER TABLE "work_plans" DROP CONSTRAINT "FK_d9a3e89b0aa4e9a699ad8ce7ff4"
        `);
    await queryRunner.query(`
            ALTER TABLE "work_plans" DROP CONSTRAINT "FK_86a3af3d1e68024dbe7cb17344d"
        `);
    await queryRunner.query(`
            ALTER TABLE "work_plans" DROP CONSTRAINT "FK_fdda89935384182f798de02a531"
        `);
    await queryRunner.query(`
            ALTER TABLE "work_plans" DROP CONSTRAINT "FK_09d3411c5f4c1dab53814592a54"
        `);
    await queryRunner.query(`
            ALTER TABLE "work_plans" DROP CONSTRAINT "FK_41cd995592314ebe479eb42e80f"
        `);
    await queryRunner.query(`
            ALTER TABLE "work_plans" DROP CONSTRAINT "FK_725e679aca2c2eace3a83dccda0"
        `);
    await queryRunner.query(`
            ALTER TABLE "report_chunks" DROP CONSTRAINT "FK_7684e5877663f8e89750331145f"
        `);
    await queryRunner.query(`
            ALTER TABLE "reports" DROP CONSTRAINT "FK_fb3c114a682e16e1b6c0e7d8744"
        `);
    await queryRunner.query(`
            ALTER TABLE "reports" DROP CONSTRAINT "FK_9a489187107505eb31692438181"
        `);
    await queryRunner.query(`
            ALTER TABLE "referrals" DROP CONSTRAINT "FK_7fa2510df2f32a1d32438cc8575"
        `);
    await queryRunner.query(`
            ALTER TABLE "referrals" DROP CONSTRAINT "FK_68ab334842810ff933271725799"
        `);
    await queryRunner.query(`
            ALTER TABLE "follow_ups" DROP CONSTRAINT "FK_e1e0b837f09966486388cd9b94c"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_perpetrators" DROP CONSTRAINT "FK_4e8a90a9e7cc171e1ee58fa0496"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_changes" DROP CONSTRAINT "FK_388298ba7d17d6928977f0be512"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP CONSTRAINT "FK_16623a33f4933798b679f058d0b"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP CONSTRAINT "FK_e60c6432108208a57876c22f1b9"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP CONSTRAINT "FK_ab45915db62aa92d1ddb63a9b04"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP CONSTRAINT "FK_2c7f49a50194743808873c14dca"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP CONSTRAINT "FK_7c2008f6c5d948af7f914cfdfc0"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP CONSTRAINT "FK_91d996dac5067656a2c7e99de2a"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP CONSTRAINT "FK_c47a144982a0234b25f91e07717"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_activity_reports_item_created"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_activity_reports_plan"
        `);
    await queryRunner.query(`
            DROP TABLE "activity_reports"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_plan_items_plan_created"
        `);
    await queryRunner.query(`
            DROP TABLE "plan_items"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_work_plans_group_year"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_work_plans_org_created"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_work_plans_region_year"
        `);
    await queryRunner.query(`
            DROP TABLE "work_plans"
        `);
    await queryRunner.query(`
            DROP TABLE "report_chunks"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_reports_pending_request"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_reports_org_created"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_reports_pending"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_reports_expiry"
        `);
    await queryRunner.query(`
            DROP TABLE "reports"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_referrals_case_created"
        `);
    await queryRunner.query(`
            DROP TABLE "referrals"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_follow_ups_case_created"
        `);
    await queryRunner.query(`
            DROP TABLE "follow_ups"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_case_perpetrators_case_position"
        `);
    await queryRunner.query(`
            DROP TABLE "case_perpetrators"
        `);
    await queryRunner.query(`
            DROP TABLE "case_number_counters"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_case_changes_case_time"
        `);
    await queryRunner.query(`
            DROP TABLE "case_changes"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_cases_org_number"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_cases_org_created"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_cases_region_created"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_cases_assigned_created"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_cases_co_assigned_created"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_cases_org_duplicate_index"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_cases_region_follow_up_due"
        `);
    await queryRunner.query(`
            DROP TABLE "cases"
        `);
  }
}
