import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ADMIN_REQUEST_KINDS, ADMIN_REQUEST_STATES, ROLES } from '@pendamping/auth';
import { FieldClassesOf } from '../openapi/field-classes.decorator';
import { Allowed, RecordAllowance } from '../openapi/record-allowance.schema';

/* Users, group memberships and administration requests as the API answers them: a field the reader may not read is absent. */

const Text = (format?: string) => ApiPropertyOptional({ type: String, format });
const TextOrNull = (format?: string) => ApiPropertyOptional({ type: String, nullable: true, format });
const Ids = () => ApiPropertyOptional({ type: [String], description: 'uuids' });

@FieldClassesOf('User')
export class UserView {
  @Text('uuid') id?: string;
  @Text() email?: string;
  @Text() name?: string;
  @ApiPropertyOptional({ type: String, enum: ROLES }) role?: string;
  @ApiPropertyOptional({ type: Boolean }) active?: boolean;
  @Ids() groupIds?: string[];
  @Ids() regionIds?: string[];
  @ApiPropertyOptional({ type: Boolean }) mfaEnrolled?: boolean;
  @ApiPropertyOptional({ type: Number }) version?: number;
  @Text('date-time') createdAt?: string;
  @Text('date-time') updatedAt?: string;
  @Allowed() allowed!: RecordAllowance;
}

@FieldClassesOf('GroupMember')
export class GroupMemberView {
  @Text('uuid') groupId?: string;
  @Text('uuid') userId?: string;
  @Allowed() allowed!: RecordAllowance;
}

/** What the request asks for sits in the fields of its kind; the others are null. */
@FieldClassesOf('AdminRequest')
export class AdminRequestView {
  @Text('uuid') id?: string;
  @ApiPropertyOptional({ type: String, enum: ADMIN_REQUEST_KINDS }) kind?: string;
  @ApiPropertyOptional({ type: String, enum: ADMIN_REQUEST_STATES }) state?: string;
  @TextOrNull('uuid') subjectId?: string | null;
  @TextOrNull() email?: string | null;
  @TextOrNull() name?: string | null;
  @ApiPropertyOptional({ type: String, enum: ROLES, nullable: true }) role?: string | null;
  @ApiPropertyOptional({ type: [String], nullable: true }) groupIds?: string[] | null;
  @ApiPropertyOptional({ type: [String], nullable: true }) regionIds?: string[] | null;
  @ApiPropertyOptional({ type: Boolean, nullable: true }) active?: boolean | null;
  @Text('uuid') requestedBy?: string;
  @TextOrNull('uuid') decidedBy?: string | null;
  @ApiPropertyOptional({ type: Boolean }) decidedByOperator?: boolean;
  @TextOrNull('date-time') decidedAt?: string | null;
  @ApiPropertyOptional({ type: Boolean, description: "The requester's half of a temporary password waits for her." })
  requesterHalfWaiting?: boolean;
  @ApiPropertyOptional({ type: Number }) version?: number;
  @Text('date-time') createdAt?: string;
  @Text('date-time') updatedAt?: string;
  @Allowed() allowed!: RecordAllowance;
}

class ApproverHalf {
  @ApiProperty({ type: String }) secondHalf!: string;
}

export class AdminRequestDecision extends AdminRequestView {
  @ApiPropertyOptional({
    type: ApproverHalf,
    description: "Once, where the request makes a temporary password: the approver's half.",
  })
  temporaryPassword?: ApproverHalf;
}

export class RequesterHalf {
  @ApiProperty({ type: String, description: "The requester's half of the temporary password, shown once." })
  firstHalf!: string;
}
