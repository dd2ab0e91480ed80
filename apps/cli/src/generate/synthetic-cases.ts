import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, FieldEncryption } from '@pendamping/auth';
import { generateDataKey, wrapDataKey } from '@pendamping/auth/crypto';
import { CaseStatCompaction } from '@pendamping/cases';
import { CaseVault } from '@pendamping/cases/cases/case-vault';
import { CASES_TABLE, PERPETRATORS_TABLE } from '@pendamping/cases/cases/case-view';
import { SurvivorDuplicates } from '@pendamping/cases/cases/survivor-duplicates';
import {
  FOLLOW_UP_TYPE_CODES,
  PLACE_TYPE_CODES,
  REFERRAL_SOURCE_CODES,
  REFERRAL_STATUS_CODES,
  RELATIONSHIP_CODES,
  RISK_LEVEL_CODES,
  SERVICE_TYPE_CODES,
  VIOLENCE_TYPE_CODES,
} from '@pendamping/cases/code-lists';
import { randomInt, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * Rows per INSERT: large enough to be fast, small enough that one statement's memory (its sealed
 * values travel as parameters) stays modest.
 */
const BATCH = 20_000;
const DAY_MS = 86_400_000;
/** Perpetrators per case, drawn uniformly: a tenth with none, most with one, a fifth with two. */
const PERPETRATOR_COUNTS = [0, 1, 1, 1, 1, 1, 1, 1, 2, 2];

const sqlArray = (codes: readonly string[]) => `ARRAY[${codes.map((code) => `'${code}'`).join(', ')}]::text[]`;
const pick = (codes: readonly string[]) => `(${sqlArray(codes)})[1 + floor(random() * ${codes.length})::int]`;

/**
 * Synthetic cases at scale for benchmarks and query plans (SPEC §9 `generate --cases <n>`),
 * written by PostgreSQL in set-based INSERTs and spread over the organisation's groups and the
 * last two years. Their identities are sealed as real ones are: each case has a data key of its
 * own (wrapped under the master key), and its survivor's name, birth date and narrative, and its
 * perpetrators' names, are sealed under it by the case vault, with the duplicate check's blind
 * index beside them; so reading one costs what reading a real case costs. The values themselves
 * say they are synthetic ("Sintetis 000042"): nothing here looks like a real survivor. Most cases
 * have perpetrators (a tenth none, a fifth two), a third a follow-up with a due date (which is
 * the case's next follow-up due, as the follow-up log makes it) and a third a referral. Case
 * numbers continue each region's counter, gap-free.
 */
@Injectable()
export class SyntheticCases {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
    private readonly compaction: CaseStatCompaction,
    private readonly encryption: FieldEncryption,
    private readonly vault: CaseVault,
    private readonly duplicates: SurvivorDuplicates,
  ) {}

  async generate(
    organizationId: string,
    count: number,
    progress: (done: number) => void = () => undefined,
  ): Promise<void> {
    for (let done = 0; done < count; done += BATCH) {
      const sealed = this.sealedBatch(Math.min(BATCH, count - done), done);
      await this.dataSource.transaction(async (manager) => {
        await manager.query(
          `WITH places AS (
             SELECT g.id AS group_id, g.village_id, g.region_id, r.code,
                    (SELECT array_agg(ug.user_id) FROM user_groups ug JOIN users u ON u.id = ug.user_id WHERE ug.group_id = g.id AND u.role = 'companion') AS companions,
                    row_number() OVER (ORDER BY g.id) AS n
               FROM groups g JOIN regions r ON r.id = g.region_id WHERE g.organization_id = $1),
           slots AS MATERIALIZED (
             SELECT v.*, 1 + floor(random() * (SELECT count(*) FROM places))::int AS n
               FROM unnest($2::uuid[], $3::date[], $4::int[], $5::bytea[], $6::bytea[], $7::bytea[], $8::text[], $9::bytea[])
                    AS v(id, intake_date, age, survivor_name, survivor_birth_date, narrative, duplicate_index, wrapped_key)),
           drawn AS (
             SELECT s.id, s.intake_date, s.age, s.survivor_name, s.survivor_birth_date, s.narrative, s.duplicate_index, s.wrapped_key,
                    p.group_id, p.village_id, p.region_id, p.code, p.companions, ${pick(VIOLENCE_TYPE_CODES)} AS violence_type
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
                                survivor_name, survivor_birth_date, narrative, survivor_duplicate_index,
                                consent_record, consent_refer, assigned_companion_id, next_follow_up_due, created_by)
             SELECT n.id, $1, 1, n.intake_date + interval '10 hours', n.intake_date + interval '10 hours', n.region_id, n.village_id, n.group_id,
                    n.code || '-' || n.year || '-' || lpad(n.sequence::text, greatest(4, length(n.sequence::text)), '0'), n.year, n.sequence,
                    CASE WHEN n.intake_date < current_date - 180 THEN 'closed' ELSE ${pick(['open', 'active', 'active', 'closure_requested'])} END,
                    n.intake_date, ${pick(PLACE_TYPE_CODES)}, ${pick(REFERRAL_SOURCE_CODES)}, ${pick(RISK_LEVEL_CODES)}, ARRAY[n.violence_type],
                    CASE WHEN random() < 0.85 THEN 'female' ELSE 'male' END, n.age,
                    n.survivor_name, n.survivor_birth_date, n.narrative, n.duplicate_index, true, random() < 0.7,
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
           keys AS (
             INSERT INTO data_keys (owner_table, owner_id, organization_id, master_key_id, wrapped_key)
             SELECT '${CASES_TABLE}', id, $1, $10, wrapped_key FROM slots),
           perpetrators AS (
             INSERT INTO case_perpetrators (id, case_id, organization_id, position, relationship, sex, name)
             SELECT v.id, v.case_id, $1, v.position, ${pick(RELATIONSHIP_CODES)}, 'male', v.name
               FROM unnest($11::uuid[], $12::uuid[], $13::int[], $14::bytea[]) AS v(id, case_id, position, name)),
           providers AS (
             SELECT array_agg(id) AS ids FROM service_providers WHERE organization_id = $1),
           referrals AS (
             INSERT INTO referrals (organization_id, version, created_at, updated_at, case_id, service_type, provider_id, referred_at, status, created_by)
             SELECT $1, 1, i.created_at, i.created_at, i.id, ${pick(SERVICE_TYPE_CODES)},
                    p.ids[1 + floor(random() * cardinality(p.ids))::int],
                    least(current_date, i.intake_date + (random() * 30)::int), ${pick(REFERRAL_STATUS_CODES)}, i.created_by
               FROM inserted i CROSS JOIN providers p WHERE random() < 0.33)
           INSERT INTO case_number_counters (organization_id, region_id, year, last_sequence)
           SELECT $1, region_id, extract(year FROM intake_date)::int, max(case_number_sequence) FROM inserted
            GROUP BY region_id, extract(year FROM intake_date)
           ON CONFLICT (organization_id, region_id, year) DO UPDATE SET last_sequence = EXCLUDED.last_sequence`,
          [
            organizationId,
            sealed.cases.map((row) => row.id),
            sealed.cases.map((row) => row.intakeDate),
            sealed.cases.map((row) => row.age),
            sealed.cases.map((row) => row.survivorName),
            sealed.cases.map((row) => row.survivorBirthDate),
            sealed.cases.map((row) => row.narrative),
            sealed.cases.map((row) => row.duplicateIndex),
            sealed.cases.map((row) => row.wrappedKey),
            sealed.masterKeyId,
            sealed.perpetrators.map((row) => row.id),
            sealed.perpetrators.map((row) => row.caseId),
            sealed.perpetrators.map((row) => row.position),
            sealed.perpetrators.map((row) => row.name),
          ],
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

  /**
   * A batch's identities, sealed in this process as the case writer seals them: one new data key
   * per case, its values bound to their rows, the blind index of name and birth year.
   */
  private sealedBatch(size: number, offset: number) {
    const masterKeyId = this.encryption.keyring.currentKeyId;
    const today = Date.now();
    const cases = [];
    const perpetrators = [];
    for (let index = 0; index < size; index++) {
      const id = randomUUID();
      const key = generateDataKey();
      const intake = new Date(today - randomInt(731) * DAY_MS);
      const age = randomInt(71);
      const intakeDate = intake.toISOString().slice(0, 10);
      // Born on the 1st of a month at least a month before intake, so the age at intake is exact.
      const born = new Date(Date.UTC(intake.getUTCFullYear() - age - 1, intake.getUTCMonth() + 11, 1));
      const birthDate = born.toISOString().slice(0, 10);
      const name = `Sintetis ${String(offset + index + 1).padStart(6, '0')}`;
      const seal = (field: string, value: string) =>
        this.vault.seal(key, { table: CASES_TABLE, rowId: id, field }, value);
      cases.push({
        id,
        intakeDate,
        age,
        survivorName: seal('survivor.name', name),
        survivorBirthDate: seal('survivor.birthDate', birthDate),
        narrative: seal('narrative', 'Kasus sintetis untuk uji beban; tidak ada orang sungguhan di baliknya.'),
        duplicateIndex: this.duplicates.indexOf(name, born.getUTCFullYear()),
        wrappedKey: wrapDataKey(this.encryption.keyring, key, { table: CASES_TABLE, id }).wrapped,
      });
      for (let position = 0; position < PERPETRATOR_COUNTS[randomInt(PERPETRATOR_COUNTS.length)]; position++) {
        const perpetratorId = randomUUID();
        perpetrators.push({
          id: perpetratorId,
          caseId: id,
          position,
          name: this.vault.seal(
            key,
            { table: PERPETRATORS_TABLE, rowId: perpetratorId, field: 'perpetrators.name' },
            `Pelaku sintetis ${position + 1}`,
          ),
        });
      }
    }
    return { masterKeyId, cases, perpetrators };
  }
}
