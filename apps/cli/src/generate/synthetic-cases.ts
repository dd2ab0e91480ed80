import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter } from '@pendamping/auth';
import { CaseStatCompaction } from '@pendamping/cases';
import {
  FOLLOW_UP_TYPE_CODES,
  PLACE_TYPE_CODES,
  REFERRAL_SOURCE_CODES,
  RELATIONSHIP_CODES,
  RISK_LEVEL_CODES,
  VIOLENCE_TYPE_CODES,
} from '@pendamping/cases/code-lists';
import { DataSource } from 'typeorm';

/** Rows per INSERT: large enough to be fast, small enough that one statement's memory stays modest. */
const BATCH = 50_000;

const sqlArray = (codes: readonly string[]) => `ARRAY[${codes.map((code) => `'${code}'`).join(', ')}]::text[]`;
const pick = (codes: readonly string[]) => `(${sqlArray(codes)})[1 + floor(random() * ${codes.length})::int]`;

/**
 * Synthetic cases at scale for benchmarks and query plans (SPEC §9 `generate --cases <n>`).
 * Written by PostgreSQL in set-based INSERTs: coded fields only, spread over the organisation's
 * groups and the last two years, each with a perpetrator and, for a third of them, a follow-up
 * with a due date (which is the case's next follow-up due, as the follow-up log makes it). They carry no identifying or sensitive values at all (nothing to encrypt), so they
 * never look like real survivors. Case numbers continue each region's counter, gap-free.
 */
@Injectable()
export class SyntheticCases {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
    private readonly compaction: CaseStatCompaction,
  ) {}

  async generate(
    organizationId: string,
    count: number,
    progress: (done: number) => void = () => undefined,
  ): Promise<void> {
    for (let done = 0; done < count; done += BATCH) {
      await this.dataSource.transaction(async (manager) => {
        await manager.query(
          `WITH places AS (
             SELECT g.id AS group_id, g.village_id, g.region_id, r.code,
                    (SELECT array_agg(ug.user_id) FROM user_groups ug JOIN users u ON u.id = ug.user_id WHERE ug.group_id = g.id AND u.role = 'companion') AS companions,
                    row_number() OVER (ORDER BY g.id) AS n
               FROM groups g JOIN regions r ON r.id = g.region_id WHERE g.organization_id = $1),
           slots AS MATERIALIZED (
             SELECT 1 + floor(random() * (SELECT count(*) FROM places))::int AS n FROM generate_series(1, $2::int)),
           drawn AS (
             SELECT gen_random_uuid() AS id, p.*, (current_date - (random() * 730)::int) AS intake_date,
                    ${pick(VIOLENCE_TYPE_CODES)} AS violence_type, (random() * 70)::int AS age
               FROM slots s JOIN places p ON p.n = s.n),
           numbered AS (
             SELECT d.*, extract(year FROM d.intake_date)::int AS year,
                    row_number() OVER (PARTITION BY d.region_id, extract(year FROM d.intake_date) ORDER BY d.intake_date, d.id)
                      + coalesce((SELECT c.last_sequence FROM case_number_counters c
                                   WHERE c.organization_id = $1 AND c.region_id = d.region_id AND c.year = extract(year FROM d.intake_date)), 0) AS sequence
               FROM drawn d),
           inserted AS (
             INSERT INTO cases (id, organization_id, version, created_at, updated_at, region_id, village_id, group_id, case_number, case_number_year, case_number_sequence, status,
                                intake_date, place_type, referral_source, risk_level, violence_types, survivor_sex, survivor_age_at_intake,
                                consent_record, consent_refer, assigned_companion_id, next_follow_up_due, created_by)
             SELECT n.id, $1, 1, n.intake_date + interval '10 hours', n.intake_date + interval '10 hours', n.region_id, n.village_id, n.group_id,
                    n.code || '-' || n.year || '-' || lpad(n.sequence::text, greatest(4, length(n.sequence::text)), '0'), n.year, n.sequence,
                    CASE WHEN n.intake_date < current_date - 180 THEN 'closed' ELSE ${pick(['open', 'active', 'active', 'closure_requested'])} END,
                    n.intake_date, ${pick(PLACE_TYPE_CODES)}, ${pick(REFERRAL_SOURCE_CODES)}, ${pick(RISK_LEVEL_CODES)}, ARRAY[n.violence_type],
                    CASE WHEN random() < 0.85 THEN 'female' ELSE 'male' END, n.age, true, random() < 0.7,
                    n.companions[1 + floor(random() * cardinality(n.companions))::int],
                    CASE WHEN random() < 0.33 THEN current_date + (random() * 40 - 20)::int END,
                    coalesce(n.companions[1], (SELECT id FROM users WHERE organization_id = $1 AND role = 'org_admin' LIMIT 1))
               FROM numbered n
             RETURNING id, region_id, intake_date, case_number_sequence, next_follow_up_due, created_at, created_by),
           follow_ups AS (
             INSERT INTO follow_ups (case_id, organization_id, version, created_at, updated_at, date, type, due_date, created_by)
             SELECT id, $1, 1, created_at, created_at, least(intake_date, next_follow_up_due), ${pick(FOLLOW_UP_TYPE_CODES)},
                    next_follow_up_due, created_by
               FROM inserted WHERE next_follow_up_due IS NOT NULL),
           perpetrators AS (
             INSERT INTO case_perpetrators (case_id, organization_id, position, relationship, sex)
             SELECT id, $1, 0, ${pick(RELATIONSHIP_CODES)}, 'male' FROM inserted)
           INSERT INTO case_number_counters (organization_id, region_id, year, last_sequence)
           SELECT $1, region_id, extract(year FROM intake_date)::int, max(case_number_sequence) FROM inserted
            GROUP BY region_id, extract(year FROM intake_date)
           ON CONFLICT (organization_id, region_id, year) DO UPDATE SET last_sequence = EXCLUDED.last_sequence`,
          [organizationId, Math.min(BATCH, count - done)],
        );
        await this.audit.record(manager, {
          organizationId,
          actor: null,
          action: 'generate_synthetic',
          subject: 'Case',
          subjectId: null,
          outcome: 'success',
        });
      });
      progress(Math.min(done + BATCH, count));
    }
    // The summary's counters folded as the worker's job would, and the planner's statistics
    // describing the organisation as it now is: measured right after, it behaves as in production.
    await this.compaction.compact();
    await this.dataSource.query('ANALYZE');
  }
}
