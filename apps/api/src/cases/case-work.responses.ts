import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  FOLLOW_UP_TYPE_CODES,
  REFERRAL_STATUS_CODES,
  RISK_LEVEL_CODES,
  SERVICE_TYPE_CODES,
} from '@pendamping/cases/code-lists';
import { FieldClassesOf } from '../openapi/field-classes.decorator';
import { Allowed, RecordAllowance } from '../openapi/record-allowance.schema';

/* A case's referrals and follow-ups as the API answers them: a field the reader may not read is absent. */

const Text = (format?: string) => ApiPropertyOptional({ type: String, nullable: true, format });

@FieldClassesOf('Referral')
export class ReferralView {
  @Text('uuid') id?: string;
  @Text('uuid') caseId?: string;
  @ApiPropertyOptional({ type: String, enum: SERVICE_TYPE_CODES }) serviceType?: string;
  @Text('uuid') providerId?: string | null;
  @Text('date') referredAt?: string;
  @ApiPropertyOptional({ type: String, enum: REFERRAL_STATUS_CODES }) status?: string;
  @Text() note?: string | null;
  @Text() outcomeNote?: string | null;
  @ApiPropertyOptional({ type: Number }) version?: number;
  @Text('uuid') createdBy?: string;
  @Text('date-time') createdAt?: string;
  @Text('date-time') updatedAt?: string;
  @Allowed() allowed!: RecordAllowance;
}

@FieldClassesOf('FollowUp')
export class FollowUpView {
  @Text('uuid') id?: string;
  @Text('uuid') caseId?: string;
  @Text('date') date?: string;
  @ApiPropertyOptional({ type: String, enum: FOLLOW_UP_TYPE_CODES }) type?: string;
  @Text() notes?: string | null;
  @Text() nextAction?: string | null;
  @Text('date') dueDate?: string | null;
  @Text('uuid') createdBy?: string;
  @Text('date-time') createdAt?: string;
  @Allowed() allowed!: RecordAllowance;
}

/** One case falling due: its coded summary, not a record of its own. */
@FieldClassesOf('Case', '', { caseId: 'id', dueDate: 'nextFollowUpDue', overdue: 'nextFollowUpDue' })
export class DueCase {
  @ApiProperty({ type: String, format: 'uuid' }) caseId!: string;
  @ApiProperty({ type: String }) caseNumber!: string;
  @ApiProperty({ type: String, format: 'date' }) dueDate!: string;
  @ApiProperty({ type: Boolean, description: "Due before the region's today." }) overdue!: boolean;
  @ApiProperty({ type: String, enum: RISK_LEVEL_CODES, nullable: true }) riskLevel!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assignedCompanionId!: string | null;
}

export class DueCases {
  @ApiProperty({ type: [DueCase] }) items!: DueCase[];
}
