import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CLOSURE_REASON_CODES,
  CONSENT_GIVEN_BY_CODES,
  DISABILITY_CODES,
  JUSTICE_PATHWAY_STAGE_CODES,
  MARITAL_STATUS_CODES,
  MAX_AGE,
  MIN_AGE,
  PERPETRATOR_AGE_GROUP_CODES,
  PLACE_TYPE_CODES,
  REFERRAL_SOURCE_CODES,
  RELATIONSHIP_CODES,
  RISK_LEVEL_CODES,
  SEX_CODES,
  TPKS_FORM_CODES,
  VIOLENCE_TYPE_CODES,
  CASE_STATUS_CODES,
} from '@pendamping/cases/code-lists';
import { TRANSITION_TARGETS, TransitionTarget } from '@pendamping/cases';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  Equals,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { ClientChosenIdProperty } from '../common/client-chosen-id.property';
import { PageQueryDto, VersionedDto } from '../common/params';
import {
  CalendarDate,
  CaseDate,
  CaseText,
  Clearable,
  Code,
  Codes,
  NestedObject,
  NestedObjects,
  OptionalCode,
  UniqueItems,
} from './case-fields.decorators';
import { FieldClassesOf } from '../openapi/field-classes.decorator';

const MAX_PERPETRATORS = 20;
const MAX_EXCLUDED_USERS = 50;

/** The survivor's fields but sex, which a new case requires and an update may leave out. */
class SurvivorFieldsDto {
  @CaseText(200) name?: string | null;
  @CaseText(200) alias?: string | null;
  @CaseText(40) phone?: string | null;
  @CaseText(500) address?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Clearable() @CalendarDate() birthDate?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Nomor Induk Kependudukan: 16 digits.' })
  @Clearable()
  @Matches(/^\d{16}$/, { message: 'nik must be 16 digits' })
  nik?: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: MIN_AGE, maximum: MAX_AGE })
  @Clearable()
  @IsInt()
  @Min(MIN_AGE)
  @Max(MAX_AGE)
  ageAtIntake?: number | null;
  @ApiPropertyOptional({ description: 'The age at intake is an estimate.' })
  @IsOptional()
  @IsBoolean()
  ageEstimated?: boolean;
  @OptionalCode(DISABILITY_CODES) disability?: string | null;
  @OptionalCode(MARITAL_STATUS_CODES) maritalStatus?: string | null;
}

@FieldClassesOf('Case', 'survivor')
export class NewSurvivorDto extends SurvivorFieldsDto {
  @Code(SEX_CODES) sex!: string;
}

@FieldClassesOf('Case', 'survivor')
export class SurvivorDto extends SurvivorFieldsDto {
  @ApiPropertyOptional({ enum: SEX_CODES })
  @IsOptional()
  @IsIn(SEX_CODES, { message: `sex must be one of: ${SEX_CODES.join(', ')}` })
  sex?: string;
}

@FieldClassesOf('Case', 'guardian')
export class GuardianDto {
  @CaseText(200) name?: string | null;
  @CaseText(40) phone?: string | null;
}

@FieldClassesOf('Case', 'perpetrators')
export class PerpetratorDto {
  @Code(RELATIONSHIP_CODES) relationship!: string;
  @OptionalCode(SEX_CODES) sex?: string | null;
  @OptionalCode(PERPETRATOR_AGE_GROUP_CODES) ageGroup?: string | null;
  @CaseText(200) name?: string | null;
  @CaseText(40) phone?: string | null;
}

@FieldClassesOf('Case', 'safeContact')
export class SafeContactDto {
  @ApiPropertyOptional({ type: Boolean, nullable: true }) @Clearable() @IsBoolean() callSafe?: boolean | null;
  @ApiPropertyOptional({ type: Boolean, nullable: true }) @Clearable() @IsBoolean() textSafe?: boolean | null;
  @CaseText(500) safeTimes?: string | null;
  @CaseText(500) intermediary?: string | null;
}

/** Consent but the consent to record, which a new case requires and which stays true. */
class ConsentFieldsDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() refer?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() shareDeidentified?: boolean;
  @OptionalCode(CONSENT_GIVEN_BY_CODES) givenBy?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Clearable() @CalendarDate() givenAt?: string | null;
}

const RECORD_CONSENT_MESSAGE = 'record must be true: a case is recorded only with consent';

@FieldClassesOf('Case', 'consent')
export class NewConsentDto extends ConsentFieldsDto {
  @ApiProperty({ enum: [true] }) @Equals(true, { message: RECORD_CONSENT_MESSAGE }) record!: true;
}

@FieldClassesOf('Case', 'consent')
export class ConsentDto extends ConsentFieldsDto {
  @ApiPropertyOptional({ enum: [true] }) @IsOptional() @Equals(true, { message: RECORD_CONSENT_MESSAGE }) record?: true;
}

@FieldClassesOf('Case', 'justicePathway')
export class JusticeStageDto {
  @Code(JUSTICE_PATHWAY_STAGE_CODES) stage!: string;
  @ApiProperty() @CalendarDate() date!: string;
}

/** The writable fields of a case (SPEC §9); derived ones (caseNumber, status, version, ageGroup) are unknown here and so refused. */
class CaseFieldsDto {
  @ApiPropertyOptional({
    description: 'Without a village: the region of a walk-in or hotline case. With one, derived from it.',
  })
  @IsOptional()
  @IsUUID()
  regionId?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @Clearable() @IsUUID() villageId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Clearable() @IsUUID() groupId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: "Not after the region's today, not before 1900." })
  @Clearable()
  @CaseDate()
  incidentDate?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() incidentDateApproximate?: boolean;
  @OptionalCode(PLACE_TYPE_CODES) placeType?: string | null;
  @OptionalCode(REFERRAL_SOURCE_CODES) referralSource?: string | null;
  @OptionalCode(RISK_LEVEL_CODES) riskLevel?: string | null;
  @ApiPropertyOptional({ enum: TPKS_FORM_CODES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(TPKS_FORM_CODES.length)
  @UniqueItems()
  @IsIn(TPKS_FORM_CODES, { each: true, message: `each of $property must be one of: ${TPKS_FORM_CODES.join(', ')}` })
  tpksForms?: string[];
  @ApiPropertyOptional({ type: GuardianDto }) @IsOptional() @NestedObject(() => GuardianDto) guardian?: GuardianDto;
  @ApiPropertyOptional({ type: [PerpetratorDto] })
  @IsOptional()
  @NestedObjects(() => PerpetratorDto, MAX_PERPETRATORS)
  perpetrators?: PerpetratorDto[];
  @CaseText(20_000) narrative?: string | null;
  @CaseText(10_000) safetyPlan?: string | null;
  @CaseText(10_000) medicalNotes?: string | null;
  @ApiPropertyOptional({ type: SafeContactDto })
  @IsOptional()
  @NestedObject(() => SafeContactDto)
  safeContact?: SafeContactDto;
  @ApiPropertyOptional({ type: [JusticeStageDto] })
  @IsOptional()
  @NestedObjects(() => JusticeStageDto, JUSTICE_PATHWAY_STAGE_CODES.length)
  justicePathway?: JusticeStageDto[];
  @ApiPropertyOptional({ type: String, description: 'Coordinator only.', nullable: true })
  @Clearable()
  @IsUUID()
  assignedCompanionId?: string | null;
  @ApiPropertyOptional({ type: String, description: 'Coordinator only.', nullable: true })
  @Clearable()
  @IsUUID()
  coCompanionId?: string | null;
  @ApiPropertyOptional({ description: 'Coordinator only.' }) @IsOptional() @IsBoolean() restricted?: boolean;
  @ApiPropertyOptional({
    description: 'Coordinator only: users for whom this restricted case does not exist.',
    type: [String],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_EXCLUDED_USERS)
  @UniqueItems()
  @IsUUID('all', { each: true })
  excludedUserIds?: string[];
}

@FieldClassesOf('Case')
export class CreateCaseDto extends CaseFieldsDto {
  @ClientChosenIdProperty() id?: string;
  @ApiProperty({ description: "Not after the region's today, not before 1900." }) @CaseDate() intakeDate!: string;
  @Codes(VIOLENCE_TYPE_CODES, 1) violenceTypes!: string[];
  @ApiProperty({ type: NewSurvivorDto }) @NestedObject(() => NewSurvivorDto) survivor!: NewSurvivorDto;
  @ApiProperty({ type: NewConsentDto }) @NestedObject(() => NewConsentDto) consent!: NewConsentDto;
}

@FieldClassesOf('Case')
export class UpdateCaseDto extends CaseFieldsDto {
  @ApiPropertyOptional({ description: 'The version you edited; or send it in If-Match.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
  @ApiPropertyOptional() @IsOptional() @CaseDate() intakeDate?: string;
  @ApiPropertyOptional({ enum: VIOLENCE_TYPE_CODES, isArray: true })
  @IsOptional()
  @Codes(VIOLENCE_TYPE_CODES, 1)
  violenceTypes?: string[];
  @ApiPropertyOptional({ type: SurvivorDto }) @IsOptional() @NestedObject(() => SurvivorDto) survivor?: SurvivorDto;
  @ApiPropertyOptional({ type: ConsentDto }) @IsOptional() @NestedObject(() => ConsentDto) consent?: ConsentDto;
}

@FieldClassesOf('Case', '', { to: 'status', reason: 'statusReason' })
export class TransitionDto {
  @ApiProperty({ enum: TRANSITION_TARGETS }) @IsIn(TRANSITION_TARGETS) to!: TransitionTarget;
  @ApiProperty({ type: String, description: 'Why; kept with the case (sensitive).' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
  @ApiPropertyOptional({ enum: CLOSURE_REASON_CODES, description: 'Required to request closure.' })
  @ValidateIf((body: TransitionDto) => body.to === 'closure_requested' || body.closureReason !== undefined)
  @IsIn(CLOSURE_REASON_CODES, { message: `closureReason must be one of: ${CLOSURE_REASON_CODES.join(', ')}` })
  closureReason?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) version?: number;
}

@FieldClassesOf('Case')
export class AssignmentDto extends VersionedDto {
  @ApiProperty() @IsUUID() assignedCompanionId!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @Clearable() @IsUUID() coCompanionId?: string | null;
}

@FieldClassesOf('Case', '', { name: 'survivor.name', birthYear: 'survivor.birthDate' })
export class DuplicateCheckDto {
  @ApiProperty({ type: String }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ minimum: 1900, maximum: 2100 }) @IsInt() @Min(1900) @Max(2100) birthYear!: number;
}

const BOOLEAN_TEXT = ['true', 'false'];

export class CaseListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CASE_STATUS_CODES }) @IsOptional() @IsIn(CASE_STATUS_CODES) status?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() regionId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() villageId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() groupId?: string;
  @ApiPropertyOptional({ enum: VIOLENCE_TYPE_CODES }) @IsOptional() @IsIn(VIOLENCE_TYPE_CODES) violenceType?: string;
  @ApiPropertyOptional({ enum: RISK_LEVEL_CODES }) @IsOptional() @IsIn(RISK_LEVEL_CODES) riskLevel?: string;
  @ApiPropertyOptional({
    enum: ['me'],
    description:
      'The worklist (SPEC §8): cases you are companion or co-companion of, not closed first, then by next follow-up due (none last), then case number.',
  })
  @IsOptional()
  @IsIn(['me'])
  assignedTo?: 'me';
  @ApiPropertyOptional({ enum: BOOLEAN_TEXT, description: 'Cases whose next follow-up is past due in their region.' })
  @IsOptional()
  @IsIn(BOOLEAN_TEXT)
  overdue?: string;
  @ApiPropertyOptional() @IsOptional() @CalendarDate() intakeFrom?: string;
  @ApiPropertyOptional() @IsOptional() @CalendarDate() intakeTo?: string;
}

export class DueQueryDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 90, default: 7, description: 'Upcoming: due within this many days.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(90)
  days?: number;
}
