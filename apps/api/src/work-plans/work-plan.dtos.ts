import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DRPPA_INDICATOR_CODES,
  PLAN_ITEM_CATEGORY_CODES,
  PLAN_ITEM_STATUS_CODES,
  PlanItemStatus,
  WORK_PLAN_STATUS_CODES,
  WorkPlanStatus,
} from '@pendamping/cases/code-lists';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import { ClientChosenIdProperty } from '../common/client-chosen-id.property';
import { PageQueryDto, VersionedDto } from '../common/params';
import { CalendarDate, CaseText, Clearable, Code, NestedObject, UniqueItems } from '../cases/case-fields.decorators';

const YEAR = { min: 2000, max: 2100 };
const MAX_BUDGET_RUPIAH = 1_000_000_000_000;
const MAX_COUNT = 1_000_000;

export class CreateWorkPlanDto {
  @ApiProperty() @IsUUID() groupId!: string;
  @ApiProperty({ minimum: YEAR.min, maximum: YEAR.max }) @IsInt() @Min(YEAR.min) @Max(YEAR.max) year!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 5000) goals?: string;
  @ApiPropertyOptional({
    description: "An earlier plan of the same group: its items (not its reports) become this draft's.",
  })
  @IsOptional()
  @IsUUID()
  copyFrom?: string;
}

export class UpdateWorkPlanDto extends VersionedDto {
  @CaseText(5000) goals?: string | null;
}

export class WorkPlanQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() groupId?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(YEAR.min) @Max(YEAR.max) year?: number;
  @ApiPropertyOptional({ enum: WORK_PLAN_STATUS_CODES })
  @IsOptional()
  @IsIn(WORK_PLAN_STATUS_CODES)
  status?: WorkPlanStatus;
}

export class PlanStepDto {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) version?: number;
}

export class ReviewDto extends PlanStepDto {
  @ApiPropertyOptional({ description: "The coordinator's comments to the group." })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  comments?: string;
}

export class ReturnDto extends PlanStepDto {
  @ApiProperty({ description: 'What the group should change.' }) @IsString() @Length(1, 5000) comments!: string;
}

class PlanItemFieldsDto {
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Key persons involved (tokoh kunci).' })
  @Clearable()
  @IsString()
  @Length(1, 1000)
  keyPersons?: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Whole rupiah.' })
  @Clearable()
  @IsInt()
  @Min(0)
  @Max(MAX_BUDGET_RUPIAH)
  budget?: number | null;
  @ApiPropertyOptional({ enum: DRPPA_INDICATOR_CODES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DRPPA_INDICATOR_CODES.length)
  @UniqueItems()
  @IsIn(DRPPA_INDICATOR_CODES, {
    each: true,
    message: `each of $property must be one of: ${DRPPA_INDICATOR_CODES.join(', ')}`,
  })
  drppaIndicators?: string[];
}

export class CreatePlanItemDto extends PlanItemFieldsDto {
  @ApiProperty() @IsString() @Length(1, 300) title!: string;
  @Code(PLAN_ITEM_CATEGORY_CODES) category!: string;
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) @Max(MAX_COUNT) targetCount!: number;
  @ApiProperty({
    description: '"participants" counts people reached; anything else counts activities ("sessions", "meetings").',
  })
  @IsString()
  @Length(1, 60)
  targetUnit!: string;
  @ApiProperty({ type: [Number], description: 'Months of the plan year, 1-12.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(12, { each: true })
  plannedMonths!: number[];
}

export class UpdatePlanItemDto extends PlanItemFieldsDto {
  @ApiPropertyOptional({ description: 'The version you edited; or send it in If-Match.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 300) title?: string;
  @ApiPropertyOptional({ enum: PLAN_ITEM_CATEGORY_CODES })
  @IsOptional()
  @IsIn(PLAN_ITEM_CATEGORY_CODES, { message: `category must be one of: ${PLAN_ITEM_CATEGORY_CODES.join(', ')}` })
  category?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(MAX_COUNT) targetCount?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 60) targetUnit?: string;
  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(12, { each: true })
  plannedMonths?: number[];
  @ApiPropertyOptional({
    enum: PLAN_ITEM_STATUS_CODES,
    description: 'Set by hand with a reason; activity reports move it too.',
  })
  @IsOptional()
  @IsIn(PLAN_ITEM_STATUS_CODES)
  status?: PlanItemStatus;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 2000) statusReason?: string;
}

export class ParticipantsDto {
  @ApiProperty({ minimum: 0 }) @IsInt() @Min(0) @Max(MAX_COUNT) women!: number;
  @ApiProperty({ minimum: 0 }) @IsInt() @Min(0) @Max(MAX_COUNT) men!: number;
  @ApiProperty({ minimum: 0 }) @IsInt() @Min(0) @Max(MAX_COUNT) girls!: number;
  @ApiProperty({ minimum: 0 }) @IsInt() @Min(0) @Max(MAX_COUNT) boys!: number;
  @ApiProperty({ minimum: 0, description: 'Persons with disability among those above.' })
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  disability!: number;
}

export class CreateActivityReportDto {
  @ClientChosenIdProperty() id?: string;
  @ApiProperty({ description: "In the plan's year, not in the future." }) @CalendarDate() date!: string;
  @ApiProperty({ type: ParticipantsDto }) @NestedObject(() => ParticipantsDto) participants!: ParticipantsDto;
  @ApiProperty() @IsString() @Length(1, 10_000) summary!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 10_000) results?: string;
  @ApiPropertyOptional({ description: 'Kendala.' }) @IsOptional() @IsString() @Length(1, 10_000) obstacles?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 10_000) lessons?: string;
}
