import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CASE_STATUS_CODES,
  CLOSURE_REASON_CODES,
  CONSENT_GIVEN_BY_CODES,
  DISABILITY_CODES,
  GBVIMS_AGE_GROUP_CODES,
  GBVIMS_TYPE_CODES,
  MARITAL_STATUS_CODES,
  PERPETRATOR_AGE_GROUP_CODES,
  PLACE_TYPE_CODES,
  REFERRAL_SOURCE_CODES,
  RELATIONSHIP_CODES,
  RISK_LEVEL_CODES,
  SEX_CODES,
  SIMFONI_AGE_GROUP_CODES,
  TPKS_FORM_CODES,
  VIOLENCE_TYPE_CODES,
} from '@pendamping/cases/code-lists';
import { ClassedProperty, FieldClassesOf } from '../openapi/field-classes.decorator';
import { Allowed, RecordAllowance } from '../openapi/record-allowance.schema';
import { JusticeStageDto } from './case.dtos';

/*
 * The case JSON of SPEC §9 as the API answers it. Every field is optional: a field the reader may
 * not read is absent (never null), so a reviewer's case has no identifying or sensitive key.
 */

const Text = (format?: string) => ApiPropertyOptional({ type: String, nullable: true, format });
const Id = () => Text('uuid');
const Day = () => Text('date');
const Flag = () => ApiPropertyOptional({ type: Boolean, nullable: true });
const OneOf = (codes: readonly string[]) => ApiPropertyOptional({ type: String, enum: codes, nullable: true });
const ManyOf = (codes: readonly string[]) => ApiPropertyOptional({ type: String, enum: codes, isArray: true });

@FieldClassesOf('Case', 'survivor')
export class CaseSurvivorView {
  @Text() name?: string | null;
  @Text() alias?: string | null;
  @Text() phone?: string | null;
  @Text() address?: string | null;
  @Day() birthDate?: string | null;
  @Text() nik?: string | null;
  @OneOf(SEX_CODES) sex?: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) ageAtIntake?: number | null;
  @Flag() ageEstimated?: boolean | null;
  @OneOf(SIMFONI_AGE_GROUP_CODES) ageGroup?: string | null;
  @OneOf(GBVIMS_AGE_GROUP_CODES) gbvimsAgeGroup?: string | null;
  @Flag() isChild?: boolean | null;
  @OneOf(DISABILITY_CODES) disability?: string | null;
  @OneOf(MARITAL_STATUS_CODES) maritalStatus?: string | null;
}

@FieldClassesOf('Case', 'guardian')
export class CaseGuardianView {
  @Text() name?: string | null;
  @Text() phone?: string | null;
}

@FieldClassesOf('Case', 'perpetrators')
export class CasePerpetratorView {
  @OneOf(RELATIONSHIP_CODES) relationship?: string | null;
  @OneOf(SEX_CODES) sex?: string | null;
  @OneOf(PERPETRATOR_AGE_GROUP_CODES) ageGroup?: string | null;
  @Text() name?: string | null;
  @Text() phone?: string | null;
}

@FieldClassesOf('Case', 'consent')
export class CaseConsentView {
  @Flag() record?: boolean | null;
  @Flag() refer?: boolean | null;
  @Flag() shareDeidentified?: boolean | null;
  @OneOf(CONSENT_GIVEN_BY_CODES) givenBy?: string | null;
  @Day() givenAt?: string | null;
}

@FieldClassesOf('Case', 'safeContact')
export class CaseSafeContactView {
  @Flag() callSafe?: boolean | null;
  @Flag() textSafe?: boolean | null;
  @Text() safeTimes?: string | null;
  @Text() intermediary?: string | null;
}

@FieldClassesOf('Case')
export class CaseView {
  @Id() id?: string;
  @Text() caseNumber?: string;
  @ApiPropertyOptional({ type: Number }) version?: number;
  @OneOf(CASE_STATUS_CODES) status?: string;
  @Text() statusReason?: string | null;
  @OneOf(CLOSURE_REASON_CODES) closureReason?: string | null;
  @Id() regionId?: string;
  @Id() villageId?: string | null;
  @Id() groupId?: string | null;
  @Id() assignedCompanionId?: string | null;
  @Id() coCompanionId?: string | null;
  @Day() intakeDate?: string;
  @Day() incidentDate?: string | null;
  @Flag() incidentDateApproximate?: boolean;
  @OneOf(PLACE_TYPE_CODES) placeType?: string | null;
  @OneOf(REFERRAL_SOURCE_CODES) referralSource?: string | null;
  @OneOf(RISK_LEVEL_CODES) riskLevel?: string | null;
  @ManyOf(VIOLENCE_TYPE_CODES) violenceTypes?: string[];
  @ManyOf(TPKS_FORM_CODES) tpksForms?: string[];
  @ManyOf(GBVIMS_TYPE_CODES) gbvimsTypes?: string[];
  @ApiPropertyOptional({ type: CaseSurvivorView }) survivor?: CaseSurvivorView;
  @ApiPropertyOptional({ type: CaseGuardianView }) guardian?: CaseGuardianView;
  @ApiPropertyOptional({ type: [CasePerpetratorView], description: 'On a case read on its own, not in lists.' })
  perpetrators?: CasePerpetratorView[];
  @ApiPropertyOptional({ type: CaseConsentView }) consent?: CaseConsentView;
  @ApiPropertyOptional({ type: CaseSafeContactView }) safeContact?: CaseSafeContactView;
  @ApiPropertyOptional({ type: [JusticeStageDto] }) justicePathway?: JusticeStageDto[];
  @Text() narrative?: string | null;
  @Text() safetyPlan?: string | null;
  @Text() medicalNotes?: string | null;
  @Flag() restricted?: boolean;
  @ApiPropertyOptional({ type: [String] }) excludedUserIds?: string[];
  @Day() nextFollowUpDue?: string | null;
  @Id() createdBy?: string;
  @Text('date-time') createdAt?: string;
  @Text('date-time') updatedAt?: string;
  @Allowed() allowed!: RecordAllowance;
}

/** The answer to a duplicate check: whether the organisation may know this survivor already, never which case. */
export class DuplicateCheckAnswer {
  @ClassedProperty('sensitive', { type: Boolean }) possibleDuplicate!: boolean;
  @ClassedProperty('coded', { type: String, description: 'What to do now, in words.' }) message!: string;
}

/**
 * One change of one field. Its value is as sensitive as the field it names, identifying at most,
 * so it is classed as such; it is absent where the reader may not read that field now.
 */
class CaseHistoryChange {
  @ClassedProperty('coded', { type: String, description: 'The field, dotted for nested ones (survivor.name).' })
  field!: string;
  @ClassedProperty(
    'identifying',
    {
      nullable: true,
      description: 'The value set, in the JSON form the case answers for that field.',
      oneOf: [
        { type: 'string' },
        { type: 'number' },
        { type: 'boolean' },
        { type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'object', additionalProperties: true }] } },
        { type: 'object', additionalProperties: true },
      ],
    },
    false,
  )
  value?: unknown;
}

/** The changes one person made to a case at one moment with one action. */
class CaseHistoryEntry {
  @ClassedProperty('coded', { type: String, format: 'date-time' }) at!: string;
  @ClassedProperty('coded', { type: String, format: 'uuid' }) actorId!: string;
  @ClassedProperty('coded', { type: String, description: 'create, update, a workflow step, assign…' }) action!: string;
  @ApiProperty({ type: [CaseHistoryChange] }) changes!: CaseHistoryChange[];
}

export class CaseHistory {
  @ApiProperty({ type: [CaseHistoryEntry], description: 'Oldest first.' }) items!: CaseHistoryEntry[];
}

const Counts = (description: string) =>
  ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description });

/** The dashboard's de-identified counts (SPEC §9): codes that count no case are absent. */
export class CaseSummary {
  @ApiProperty({ type: 'integer' }) total!: number;
  @Counts('Cases by status code.') byStatus!: Record<string, number>;
  @Counts('Cases by risk level code.') byRiskLevel!: Record<string, number>;
  @Counts('Cases by violence type code; a case of several types counts in each.') byViolenceType!: Record<
    string,
    number
  >;
  @Counts("Cases by the survivor's sex code.") bySex!: Record<string, number>;
  @Counts('Cases by year of intake.') byIntakeYear!: Record<string, number>;
  @ApiProperty({ type: 'integer', description: 'Cases whose survivor is a child.' }) children!: number;
  @ApiProperty({ type: 'integer', description: 'Cases whose next follow-up is overdue.' }) overdueFollowUps!: number;
}

/** One of the users a restriction excludes who already holds a report that counted the case (SPEC §7). */
class ReportHolderView {
  @ClassedProperty('coded', { type: String, format: 'uuid' }) userId!: string;
  @ClassedProperty('coded', { type: String, description: 'The staff member, not a survivor.' }) name!: string;
  @ClassedProperty('coded', { type: String, format: 'uuid', isArray: true }) reportIds!: string[];
}

class RestrictionNotice {
  @ApiProperty({ type: [ReportHolderView], description: 'A report is never withdrawn; the coordinator is told.' })
  excludedUsersHoldingReports!: ReportHolderView[];
}

/** The case after a change; restricting it also answers who among the excluded holds a report that counted it. */
export class CaseChangeAnswer extends CaseView {
  @ApiPropertyOptional({ type: RestrictionNotice }) restrictionNotice?: RestrictionNotice;
}
