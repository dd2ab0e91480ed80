import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The organisation model, users and sessions, data keys and the audit log. Generated from the
 * entities, then completed by hand with what entities cannot say: the audit tables are
 * append-only (a trigger refuses UPDATE, DELETE and TRUNCATE, for every role), lane heads only
 * move forward (no delete, no rewind), and the
 * application role `pendamping_app`, when a deployment uses it, may only INSERT and SELECT there.
 */
export class TrustCore1795435960948 implements MigrationInterface {
  name = 'TrustCore1795435960948';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "audit_events" (
                "id" BIGSERIAL NOT NULL,
                "organization_id" uuid NOT NULL,
                "lane" smallint NOT NULL,
                "seq" bigint NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "actor_id" uuid,
                "actor_role" text,
                "action" text NOT NULL,
                "subject" text NOT NULL,
                "subject_id" text,
                "fields" text array NOT NULL DEFAULT '{}',
                "outcome" text NOT NULL,
                "request_id" text,
                "prev_hash" text NOT NULL,
                "hash" text NOT NULL,
                CONSTRAINT "CHK_audit_events_outcome" CHECK ("outcome" IN ('success', 'denied', 'failure')),
                CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_audit_events_org_time" ON "audit_events" ("organization_id", "occurred_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_audit_events_chain" ON "audit_events" ("organization_id", "lane", "seq")
        `);
    await queryRunner.query(`
            CREATE TABLE "audit_lane_heads" (
                "organization_id" uuid NOT NULL,
                "lane" smallint NOT NULL,
                "seq" bigint NOT NULL,
                "hash" text NOT NULL,
                CONSTRAINT "PK_726df0036159c4a05e2068eeccf" PRIMARY KEY ("organization_id", "lane")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "audit_anchors" (
                "id" BIGSERIAL NOT NULL,
                "organization_id" uuid NOT NULL,
                "lane" smallint NOT NULL,
                "seq" bigint NOT NULL,
                "hash" text NOT NULL,
                "anchored_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "mac" text NOT NULL,
                CONSTRAINT "PK_0348aa5906ffaf282e114fcbb3b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_audit_anchors_lane" ON "audit_anchors" ("organization_id", "lane", "seq")
        `);
    await queryRunner.query(`
            CREATE TABLE "data_keys" (
                "owner_table" text NOT NULL,
                "owner_id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "master_key_id" text NOT NULL,
                "wrapped_key" bytea NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_bae4b676b030c4ff77d1dbedc7c" PRIMARY KEY ("owner_table", "owner_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_data_keys_master" ON "data_keys" ("master_key_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "regions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organization_id" uuid NOT NULL,
                "name" text NOT NULL,
                "code" text NOT NULL,
                "time_zone" text NOT NULL,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_regions_time_zone" CHECK (
                    "time_zone" IN ('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura')
                ),
                CONSTRAINT "CHK_regions_code" CHECK ("code" ~ '^[A-Z]{2,6}$'),
                CONSTRAINT "PK_4fcd12ed6a046276e2deb08801c" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_regions_org_name" ON "regions" ("organization_id", "name")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_regions_org_code" ON "regions" ("organization_id", "code")
        `);
    await queryRunner.query(`
            CREATE TABLE "villages" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organization_id" uuid NOT NULL,
                "region_id" uuid NOT NULL,
                "name" text NOT NULL,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_3d9cf7c71c05c7ef684331317bd" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_villages_org" ON "villages" ("organization_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_villages_region_name" ON "villages" ("region_id", "name")
        `);
    await queryRunner.query(`
            CREATE TABLE "groups" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organization_id" uuid NOT NULL,
                "region_id" uuid NOT NULL,
                "village_id" uuid NOT NULL,
                "name" text NOT NULL,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_659d1483316afb28afd3a90646e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_groups_org_region" ON "groups" ("organization_id", "region_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_groups_village_name" ON "groups" ("village_id", "name")
        `);
    await queryRunner.query(`
            CREATE TABLE "service_providers" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organization_id" uuid NOT NULL,
                "region_id" uuid,
                "name" text NOT NULL,
                "service_type" text NOT NULL,
                "phone" text,
                "address" text,
                "active" boolean NOT NULL DEFAULT true,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_service_providers_type" CHECK (
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
                CONSTRAINT "PK_73c86f1298c5285d76e66da2da9" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_service_providers_org_name" ON "service_providers" ("organization_id", "name")
        `);
    await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organization_id" uuid NOT NULL,
                "email" text NOT NULL,
                "name" text NOT NULL,
                "role" text NOT NULL,
                "password_hash" text NOT NULL,
                "active" boolean NOT NULL DEFAULT true,
                "totp_secret" bytea,
                "totp_enrolled_at" TIMESTAMP WITH TIME ZONE,
                "totp_last_step" bigint,
                "failed_logins" integer NOT NULL DEFAULT '0',
                "locked_until" TIMESTAMP WITH TIME ZONE,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_users_role" CHECK (
                    "role" IN (
                        'companion',
                        'coordinator',
                        'reviewer',
                        'org_admin'
                    )
                ),
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_users_org" ON "users" ("organization_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_users_email" ON "users" ("email")
        `);
    await queryRunner.query(`
            CREATE TABLE "refresh_tokens" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "family_id" uuid NOT NULL,
                "token_hash" text NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "rotated_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_refresh_tokens_user" ON "refresh_tokens" ("user_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_refresh_tokens_family" ON "refresh_tokens" ("family_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_refresh_tokens_hash" ON "refresh_tokens" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE TABLE "login_failures" (
                "id" BIGSERIAL NOT NULL,
                "address" text NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_8211e8ec810fd7f976b98ce97a0" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_login_failures_address_time" ON "login_failures" ("address", "occurred_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "recovery_codes" (
                "user_id" uuid NOT NULL,
                "code_hash" text NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_d07c335ded337e58c4f36f234d2" PRIMARY KEY ("user_id", "code_hash")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "user_groups" (
                "user_id" uuid NOT NULL,
                "group_id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                CONSTRAINT "PK_c95039f66f5d7a452fc53945bfe" PRIMARY KEY ("user_id", "group_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_user_groups_group" ON "user_groups" ("group_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "user_regions" (
                "user_id" uuid NOT NULL,
                "region_id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                CONSTRAINT "PK_fddee0c19031c8a5f6eaa8c6eab" PRIMARY KEY ("user_id", "region_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_user_regions_region" ON "user_regions" ("region_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "regions"
            ADD CONSTRAINT "FK_eecebbfbaf82b9178027eb0d5ba" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "villages"
            ADD CONSTRAINT "FK_df6eb6d427c58aaec7910d115a5" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "groups"
            ADD CONSTRAINT "FK_86b3e7acfde011ebf014a27e515" FOREIGN KEY ("village_id") REFERENCES "villages"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "FK_21a659804ed7bf61eb91688dea7" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "refresh_tokens"
            ADD CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "recovery_codes"
            ADD CONSTRAINT "FK_fb82b2ac740ca095b617afad031" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "user_groups"
            ADD CONSTRAINT "FK_95bf94c61795df25a5154350102" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "user_groups"
            ADD CONSTRAINT "FK_4c5f2c23c34f3921fbad2cd3940" FOREIGN KEY ("group_id") REFERENCES "groups"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "user_regions"
            ADD CONSTRAINT "FK_a3896ff8afccaa7395b1786a1ad" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "user_regions"
            ADD CONSTRAINT "FK_62fc8bef9e205b50687ef310f83" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            CREATE FUNCTION "audit_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'the audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
                    USING ERRCODE = 'insufficient_privilege';
            END
            $$
        `);
    for (const table of ['audit_events', 'audit_anchors']) {
      await queryRunner.query(`
                CREATE TRIGGER "${table}_append_only_rows" BEFORE UPDATE OR DELETE ON "${table}"
                FOR EACH ROW EXECUTE FUNCTION "audit_append_only"()
            `);
      await queryRunner.query(`
                CREATE TRIGGER "${table}_append_only_truncate" BEFORE TRUNCATE ON "${table}"
                FOR EACH STATEMENT EXECUTE FUNCTION "audit_append_only"()
            `);
    }
    await queryRunner.query(`
            CREATE FUNCTION "audit_lane_head_forward_only"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'UPDATE' AND NEW.organization_id = OLD.organization_id AND NEW.lane = OLD.lane
                   AND (NEW.seq > OLD.seq OR (NEW.seq = OLD.seq AND NEW.hash = OLD.hash)) THEN
                    RETURN NEW;
                END IF;
                RAISE EXCEPTION 'audit lane heads only move forward: % on % refused', TG_OP, TG_TABLE_NAME
                    USING ERRCODE = 'insufficient_privilege';
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "audit_lane_heads_forward_only_rows" BEFORE UPDATE OR DELETE ON "audit_lane_heads"
            FOR EACH ROW EXECUTE FUNCTION "audit_lane_head_forward_only"()
        `);
    await queryRunner.query(`
            CREATE TRIGGER "audit_lane_heads_forward_only_truncate" BEFORE TRUNCATE ON "audit_lane_heads"
            FOR EACH STATEMENT EXECUTE FUNCTION "audit_lane_head_forward_only"()
        `);
    await queryRunner.query(`
            DO $$ BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pendamping_app') THEN
                    CREATE ROLE "pendamping_app" NOLOGIN;
                END IF;
            END $$
        `);
    await queryRunner.query(`
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "pendamping_app"
        `);
    await queryRunner.query(`
            REVOKE UPDATE, DELETE, TRUNCATE ON "audit_events", "audit_anchors" FROM "pendamping_app"
        `);
    await queryRunner.query(`
            REVOKE DELETE, TRUNCATE ON "audit_lane_heads" FROM "pendamping_app"
        `);
    await queryRunner.query(`
            GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO "pendamping_app"
        `);
    await queryRunner.query(`
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "pendamping_app"
        `);
    await queryRunner.query(`
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO "pendamping_app"
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['audit_events', 'audit_anchors']) {
      await queryRunner.query(`DROP TRIGGER "${table}_append_only_truncate" ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER "${table}_append_only_rows" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION "audit_append_only"()`);
    await queryRunner.query(`DROP TRIGGER "audit_lane_heads_forward_only_truncate" ON "audit_lane_heads"`);
    await queryRunner.query(`DROP TRIGGER "audit_lane_heads_forward_only_rows" ON "audit_lane_heads"`);
    await queryRunner.query(`DROP FUNCTION "audit_lane_head_forward_only"()`);
    await queryRunner.query(`
            ALTER TABLE "user_regions" DROP CONSTRAINT "FK_62fc8bef9e205b50687ef310f83"
        `);
    await queryRunner.query(`
            ALTER TABLE "user_regions" DROP CONSTRAINT "FK_a3896ff8afccaa7395b1786a1ad"
        `);
    await queryRunner.query(`
            ALTER TABLE "user_groups" DROP CONSTRAINT "FK_4c5f2c23c34f3921fbad2cd3940"
        `);
    await queryRunner.query(`
            ALTER TABLE "user_groups" DROP CONSTRAINT "FK_95bf94c61795df25a5154350102"
        `);
    await queryRunner.query(`
            ALTER TABLE "recovery_codes" DROP CONSTRAINT "FK_fb82b2ac740ca095b617afad031"
        `);
    await queryRunner.query(`
            ALTER TABLE "refresh_tokens" DROP CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "FK_21a659804ed7bf61eb91688dea7"
        `);
    await queryRunner.query(`
            ALTER TABLE "groups" DROP CONSTRAINT "FK_86b3e7acfde011ebf014a27e515"
        `);
    await queryRunner.query(`
            ALTER TABLE "villages" DROP CONSTRAINT "FK_df6eb6d427c58aaec7910d115a5"
        `);
    await queryRunner.query(`
            ALTER TABLE "regions" DROP CONSTRAINT "FK_eecebbfbaf82b9178027eb0d5ba"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_user_regions_region"
        `);
    await queryRunner.query(`
            DROP TABLE "user_regions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_user_groups_group"
        `);
    await queryRunner.query(`
            DROP TABLE "user_groups"
        `);
    await queryRunner.query(`
            DROP TABLE "recovery_codes"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_login_failures_address_time"
        `);
    await queryRunner.query(`
            DROP TABLE "login_failures"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_refresh_tokens_hash"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_refresh_tokens_family"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_refresh_tokens_user"
        `);
    await queryRunner.query(`
            DROP TABLE "refresh_tokens"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_users_email"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_users_org"
        `);
    await queryRunner.query(`
            DROP TABLE "users"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_service_providers_org_name"
        `);
    await queryRunner.query(`
            DROP TABLE "service_providers"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_groups_village_name"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_groups_org_region"
        `);
    await queryRunner.query(`
            DROP TABLE "groups"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_villages_region_name"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_villages_org"
        `);
    await queryRunner.query(`
            DROP TABLE "villages"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_regions_org_code"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_regions_org_name"
        `);
    await queryRunner.query(`
            DROP TABLE "regions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_data_keys_master"
        `);
    await queryRunner.query(`
            DROP TABLE "data_keys"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_audit_anchors_lane"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_anchors"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_lane_heads"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_audit_events_chain"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_audit_events_org_time"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_events"
        `);
  }
}
