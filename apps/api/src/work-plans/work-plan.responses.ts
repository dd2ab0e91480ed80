import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DRPPA_INDICATOR_CODES,
  PLAN_ITEM_CATEGORY_CODES,
  PLAN_ITEM_STATUS_CODES,
  WORK_PLAN_STATUS_CODES,
} from '@pendamping/cases/code-lists';
import { FieldClassesOf } from '../openapi/field-classes.decorator';
import { Allowed, RecordAllowance } from '../openapi/record-allowance.schema';

/* Work plans, their items and activity reports as the API answers them: a field the reader may not read is absent. */

const Text = (format?: string) => ApiPropertyOptional({ type: String, format });
const TextOrNull = (format?: string) => ApiPropertyOptional({ type: String, nullable: true, format });
const Count = (description?: string) => ApiPropertyOptional({ type: 'integer', description });
const Months = () =>
  ApiPropertyOptional({ type: 'integer', isArray: true, description: 'Months of the plan year, 1-12.' });

@FieldClassesOf('WorkPlan')
export class WorkPlanView {
  @Text('uuid') id?: string;
  @Text('uuid') groupId?: string;
  @Text('uuid') villageId?: string;
  @Text('uuid') regionId?: string;
  @Count() year?: number;
  @ApiPropertyOptional({ type: String, enum: WORK_PLAN_STATUS_CODES }) status?: string;
  @TextOrNull() goals?: string | null;
  @TextOrNull() reviewComments?: string | null;
  @TextOrNull('date-time') submittedAt?: string | null;
  @TextOrNull('uuid') submittedBy?: string | null;
  @TextOrNull('date-time') reviewedAt?: string | null;
  @TextOrNull('uuid') reviewedBy?: string | null;
  @TextOrNull('uuid') copiedFromId?: string | null;
  @Count() version?: number;
  @Text('date-time') createdAt?: string;
  @Text('date-time') updatedAt?: string;
  @Allowed() allowed!: RecordAllowance;
}

@FieldClassesOf('PlanItem')
export class PlanItemView {
  @Text('uuid') id?: string;
  @Text('uuid') workPlanId?: string;
  @Text() title?: string;
  @ApiPropertyOptional({ type: String, enum: PLAN_ITEM_CATEGORY_CODES }) category?: string;
  @Count() targetCount?: number;
  @Text() targetUnit?: string;
  @Months() plannedMonths?: number[];
  @TextOrNull() keyPersons?: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Whole rupiah.' }) budget?: number | null;
  @ApiPropertyOptional({ type: String, enum: PLAN_ITEM_STATUS_CODES }) status?: string;
  @TextOrNull() statusReason?: string | null;
  @ApiPropertyOptional({ type: String, enum: DRPPA_INDICATOR_CODES, isArray: true }) drppaIndicators?: string[];
  @ApiPropertyOptional({ type: Boolean }) addedAfterApproval?: boolean;
  @Count() version?: number;
  @Text('date-time') createdAt?: string;
  @Text('date-time') updatedAt?: string;
  @Allowed() allowed!: RecordAllowance;
}

/** A plan read on its own: with its items the reader may see, oldest first. */
export class WorkPlanWithItems extends WorkPlanView {
  @ApiProperty({ type: [PlanItemView] }) items!: PlanItemView[];
}

@FieldClassesOf('ActivityReport', 'participants')
class ActivityParticipants {
  @Count() women?: number;
  @Count() men?: number;
  @Count() girls?: number;
  @Count() boys?: number;
  @Count('Of the four above, how many live with a disability.') disability?: number;
}

@FieldClassesOf('ActivityReport')
export class ActivityReportView {
  @Text('uuid') id?: string;
  @Text('uuid') planItemId?: string;
  @Text('uuid') workPlanId?: string;
  @Text('date') date?: string;
  @ApiPropertyOptional({ type: ActivityParticipants }) participants?: ActivityParticipants;
  @Text() summary?: string;
  @TextOrNull() results?: string | null;
  @TextOrNull() obstacles?: string | null;
  @TextOrNull() lessons?: string | null;
  @Text('uuid') createdBy?: string;
  @Text('date-time') createdAt?: string;
  @Allowed() allowed!: RecordAllowance;
}

class ParticipantTotals {
  @ApiProperty({ type: 'integer' }) women!: number;
  @ApiProperty({ type: 'integer' }) men!: number;
  @ApiProperty({ type: 'integer' }) girls!: number;
  @ApiProperty({ type: 'integer' }) boys!: number;
  @ApiProperty({ type: 'integer' }) disability!: number;
  @ApiProperty({ type: 'integer', description: 'Women, men, girls and boys.' }) total!: number;
}

class ItemTarget {
  @ApiProperty({ type: 'integer' }) count!: number;
  @ApiProperty({ type: String, description: 'participants: realised counts people reached; otherwise reports.' })
  unit!: string;
}

class ItemProgress {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String }) title!: string;
  @ApiProperty({ type: String, enum: PLAN_ITEM_CATEGORY_CODES }) category!: string;
  @ApiProperty({ type: String, enum: PLAN_ITEM_STATUS_CODES }) status!: string;
  @ApiProperty({ type: Boolean }) addedAfterApproval!: boolean;
  @ApiProperty({ type: 'integer', isArray: true }) plannedMonths!: number[];
  @ApiProperty({ type: ItemTarget }) target!: ItemTarget;
  @ApiProperty({ type: 'integer' }) realised!: number;
  @ApiProperty({ type: Number, description: 'Realised against target, one decimal.' }) percent!: number;
  @ApiProperty({ type: 'integer' }) activities!: number;
  @ApiProperty({ type: ParticipantTotals }) participants!: ParticipantTotals;
  @ApiProperty({ type: Boolean, description: 'Its last planned month has ended and it is neither done nor cancelled.' })
  overdue!: boolean;
}

class PlanTotals {
  @ApiProperty({ type: 'integer', description: 'Items not cancelled.' }) itemsPlanned!: number;
  @ApiProperty({ type: 'integer' }) itemsDone!: number;
  @ApiProperty({ type: 'integer' }) itemsCancelled!: number;
  @ApiProperty({ type: 'integer' }) itemsOverdue!: number;
  @ApiProperty({ type: Number, description: 'Items done against items planned, one decimal.' }) percentDone!: number;
  @ApiProperty({ type: 'integer' }) activities!: number;
  @ApiProperty({ type: ParticipantTotals }) participants!: ParticipantTotals;
}

/** Planned against realised (SPEC §6), computed from the activity reports. */
export class PlanProgress {
  @ApiProperty({ type: String, format: 'uuid' }) workPlanId!: string;
  @ApiProperty({ type: 'integer' }) year!: number;
  @ApiProperty({ type: String, enum: WORK_PLAN_STATUS_CODES }) status!: string;
  @ApiProperty({ type: [ItemProgress] }) items!: ItemProgress[];
  @ApiProperty({ type: PlanTotals }) plan!: PlanTotals;
}
