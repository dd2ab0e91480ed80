import { ApiPropertyOptional } from '@nestjs/swagger';
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
import { FieldClassesOf } from '../openapi/field-classes.decorator';
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
