import { GroupEntity, OrganizationEntity, RegionEntity, UserEntity, VillageEntity } from '@pendamping/auth/entities';
import { TenantRecord } from '@pendamping/auth/organizations/tenant-record';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CASE_STATUS_CODES, CaseStatus } from '../code-lists/case-codes';

const sealed = (name: string) => ({ name, type: 'bytea' as const, nullable: true });

/** A stage of the justice pathway and the day it happened (SPEC §4), kept as coded data. */
export interface JusticePathwayEntry {
  stage: string;
  date: string;
}

/**
 * One case. Coded columns are plain, so PostgreSQL can filter and count them; identifying and
 * sensitive columns are AEAD ciphertexts under the case's own data key (`bytea`, bound to table,
 * column and case id), written and read only through CaseCipher.
 */
@Entity({ name: 'cases' })
@Index('UQ_cases_org_number', ['organizationId', 'caseNumber'], { unique: true })
@Index('IDX_cases_org_created', ['organizationId', 'createdAt', 'id'])
@Index('IDX_cases_region_created', ['regionId', 'createdAt', 'id'])
@Index('IDX_cases_assigned_created', ['assignedCompanionId', 'createdAt', 'id'])
@Index('IDX_cases_co_assigned_created', ['coCompanionId', 'createdAt', 'id'], {
  where: '"co_companion_id" IS NOT NULL',
})
@Index('IDX_cases_org_duplicate_index', ['organizationId', 'survivorDuplicateIndex'], {
  where: '"survivor_duplicate_index" IS NOT NULL',
})
// Expression indexes of the worklist order (case-list-order.ts), written by hand in the migration.
@Index('IDX_cases_worklist_assigned', { synchronize: false })
@Index('IDX_cases_worklist_co_assigned', { synchronize: false })
@Index('IDX_cases_region_follow_up_due', ['regionId', 'nextFollowUpDue'], {
  where: `"next_follow_up_due" IS NOT NULL AND "status" <> 'closed'`,
})
// The summary's overdue follow-ups across an organisation (a reviewer's scope), read from the due date.
@Index('IDX_cases_org_follow_up_due', ['organizationId', 'nextFollowUpDue'], {
  where: `"next_follow_up_due" IS NOT NULL AND "status" <> 'closed'`,
})
// The list filters, each bounded to a coordinator's region or a reviewer's organisation, in page
// order (migration 1796900100000-case-list-indexes).
@Index('IDX_cases_region_status_created', ['regionId', 'status', 'createdAt', 'id'])
@Index('IDX_cases_org_status_created', ['organizationId', 'status', 'createdAt', 'id'])
@Index('IDX_cases_region_risk_created', ['regionId', 'riskLevel', 'createdAt', 'id'])
@Index('IDX_cases_org_risk_created', ['organizationId', 'riskLevel', 'createdAt', 'id'])
@Index('IDX_cases_region_intake', ['regionId', 'intakeDate', 'createdAt', 'id'])
@Index('IDX_cases_org_intake', ['organizationId', 'intakeDate', 'createdAt', 'id'])
@Index('IDX_cases_region_follow_up_open_created', ['regionId', 'createdAt', 'id'], {
  where: `"next_follow_up_due" IS NOT NULL AND "status" <> 'closed'`,
})
@Index('IDX_cases_org_follow_up_open_created', ['organizationId', 'createdAt', 'id'], {
  where: `"next_follow_up_due" IS NOT NULL AND "status" <> 'closed'`,
})
@Index('IDX_cases_village_created', ['villageId', 'createdAt', 'id'])
@Index('IDX_cases_group_created', ['groupId', 'createdAt', 'id'])
// A GIN index, which the decorator cannot declare: written by hand in the migration.
@Index('IDX_cases_violence_types', { synchronize: false })
@Check('CHK_cases_status', `"status" IN (${CASE_STATUS_CODES.map((code) => `'${code}'`).join(', ')})`)
@Check('CHK_cases_consent_record', '"consent_record"')
@Check('CHK_cases_excluded_only_if_restricted', '"restricted" OR cardinality("excluded_user_ids") = 0')
export class CaseEntity extends TenantRecord {
  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: OrganizationEntity;

  @Column({ name: 'region_id', type: 'uuid' })
  regionId!: string;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id' })
  region?: RegionEntity;

  @Column({ name: 'village_id', type: 'uuid', nullable: true })
  villageId!: string | null;

  @ManyToOne(() => VillageEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'village_id' })
  village?: VillageEntity;

  @Column({ name: 'group_id', type: 'uuid', nullable: true })
  groupId!: string | null;

  @ManyToOne(() => GroupEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'group_id' })
  group?: GroupEntity;

  @Column({ name: 'case_number', type: 'text' })
  caseNumber!: string;

  /** The case number's year and sequence as numbers, so lists sort KPG-2026-10000 after KPG-2026-9999. */
  @Column({ name: 'case_number_year', type: 'integer' })
  caseNumberYear!: number;

  @Column({ name: 'case_number_sequence', type: 'integer' })
  caseNumberSequence!: number;

  @Column({ type: 'text' })
  status!: CaseStatus;

  @Column(sealed('status_reason'))
  statusReason!: Buffer | null;

  @Column({ name: 'closure_reason', type: 'text', nullable: true })
  closureReason!: string | null;

  @Column({ name: 'intake_date', type: 'date' })
  intakeDate!: string;

  @Column({ name: 'incident_date', type: 'date', nullable: true })
  incidentDate!: string | null;

  @Column({ name: 'incident_date_approximate', type: 'boolean', default: false })
  incidentDateApproximate!: boolean;

  @Column({ name: 'place_type', type: 'text', nullable: true })
  placeType!: string | null;

  @Column({ name: 'referral_source', type: 'text', nullable: true })
  referralSource!: string | null;

  @Column({ name: 'risk_level', type: 'text', nullable: true })
  riskLevel!: string | null;

  @Column({ name: 'violence_types', type: 'text', array: true })
  violenceTypes!: string[];

  @Column({ name: 'tpks_forms', type: 'text', array: true, default: () => "'{}'" })
  tpksForms!: string[];

  @Column({ name: 'survivor_sex', type: 'text' })
  survivorSex!: string;

  @Column({ name: 'survivor_age_at_intake', type: 'smallint', nullable: true })
  survivorAgeAtIntake!: number | null;

  @Column({ name: 'survivor_age_estimated', type: 'boolean', default: false })
  survivorAgeEstimated!: boolean;

  @Column({ name: 'survivor_disability', type: 'text', nullable: true })
  survivorDisability!: string | null;

  @Column({ name: 'survivor_marital_status', type: 'text', nullable: true })
  survivorMaritalStatus!: string | null;

  @Column(sealed('survivor_name'))
  survivorName!: Buffer | null;

  @Column(sealed('survivor_alias'))
  survivorAlias!: Buffer | null;

  @Column(sealed('survivor_phone'))
  survivorPhone!: Buffer | null;

  @Column(sealed('survivor_address'))
  survivorAddress!: Buffer | null;

  @Column(sealed('survivor_birth_date'))
  survivorBirthDate!: Buffer | null;

  @Column(sealed('survivor_nik'))
  survivorNik!: Buffer | null;

  @Column(sealed('guardian_name'))
  guardianName!: Buffer | null;

  @Column(sealed('guardian_phone'))
  guardianPhone!: Buffer | null;

  @Column(sealed('narrative'))
  narrative!: Buffer | null;

  @Column(sealed('safety_plan'))
  safetyPlan!: Buffer | null;

  @Column(sealed('medical_notes'))
  medicalNotes!: Buffer | null;

  @Column({ name: 'safe_contact_call_safe', type: 'boolean', nullable: true })
  safeContactCallSafe!: boolean | null;

  @Column({ name: 'safe_contact_text_safe', type: 'boolean', nullable: true })
  safeContactTextSafe!: boolean | null;

  @Column(sealed('safe_contact_safe_times'))
  safeContactSafeTimes!: Buffer | null;

  @Column(sealed('safe_contact_intermediary'))
  safeContactIntermediary!: Buffer | null;

  @Column({ name: 'consent_record', type: 'boolean' })
  consentRecord!: boolean;

  @Column({ name: 'consent_refer', type: 'boolean', default: false })
  consentRefer!: boolean;

  @Column({ name: 'consent_share_deidentified', type: 'boolean', default: false })
  consentShareDeidentified!: boolean;

  @Column({ name: 'consent_given_by', type: 'text', nullable: true })
  consentGivenBy!: string | null;

  @Column({ name: 'consent_given_at', type: 'date', nullable: true })
  consentGivenAt!: string | null;

  @Column({ name: 'justice_pathway', type: 'jsonb', default: () => "'[]'" })
  justicePathway!: JusticePathwayEntry[];

  @Column({ name: 'assigned_companion_id', type: 'uuid', nullable: true })
  assignedCompanionId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assigned_companion_id' })
  assignedCompanion?: UserEntity;

  @Column({ name: 'co_companion_id', type: 'uuid', nullable: true })
  coCompanionId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'co_companion_id' })
  coCompanion?: UserEntity;

  @Column({ type: 'boolean', default: false })
  restricted!: boolean;

  @Column({ name: 'excluded_user_ids', type: 'uuid', array: true, default: () => "'{}'" })
  excludedUserIds!: string[];

  /** The blind index of normalised name and birth year (duplicate check); never the name itself. */
  @Column({ name: 'survivor_duplicate_index', type: 'text', nullable: true })
  survivorDuplicateIndex!: string | null;

  /** The due date of the newest follow-up's next action, kept here so "overdue" is an indexed filter. */
  @Column({ name: 'next_follow_up_due', type: 'date', nullable: true })
  nextFollowUpDue!: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: UserEntity;
}
