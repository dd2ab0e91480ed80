import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AUDIT_OUTCOMES } from '@pendamping/auth';
import { FieldClassesOf } from '../openapi/field-classes.decorator';
import { Allowed, RecordAllowance } from '../openapi/record-allowance.schema';

const Text = (format?: string) => ApiPropertyOptional({ type: String, format });
const TextOrNull = (format?: string) => ApiPropertyOptional({ type: String, nullable: true, format });

/** One event of the audit log: who did what to which record, never the values. */
@FieldClassesOf('AuditEvent')
export class AuditEventView {
  @ApiPropertyOptional({ type: String, description: 'A 64-bit integer, as text.' }) id?: string;
  @Text('date-time') occurredAt?: string;
  @TextOrNull('uuid') actorId?: string | null;
  @TextOrNull() actorRole?: string | null;
  @Text() action?: string;
  @Text() subject?: string;
  @TextOrNull() subjectId?: string | null;
  @ApiPropertyOptional({ type: [String], description: 'The fields the action touched (dotted).' }) fields?: string[];
  @ApiPropertyOptional({ type: String, enum: AUDIT_OUTCOMES }) outcome?: string;
  @TextOrNull() requestId?: string | null;
  @TextOrNull() clientRequestId?: string | null;
  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    description: 'The records one event names at once (a phone sync); subjectId names one.',
  })
  subjectIds?: string[] | null;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'A read made on a phone: the time the phone gives (occurredAt is when the server received it).',
  })
  deviceReadAt?: string | null;
  @ApiPropertyOptional({ type: 'integer', description: 'The hash chain the event is linked into.' }) lane?: number;
  @ApiPropertyOptional({ type: String, description: 'Its place in its lane (a 64-bit integer, as text).' })
  seq?: string;
  @Allowed() allowed!: RecordAllowance;
}

class BrokenLinkView {
  @ApiProperty({ type: 'integer' }) lane!: number;
  @ApiProperty({ type: String, description: 'A 64-bit integer, as text.' }) seq!: string;
  @ApiProperty({
    type: String,
    enum: [
      'hash-mismatch',
      'broken-link',
      'sequence-gap',
      'missing-newest',
      'missing-head',
      'anchor-mismatch',
      'anchor-forged',
    ],
  })
  reason!: string;
}

export class AuditVerification {
  @ApiProperty({ type: Boolean }) valid!: boolean;
  @ApiProperty({ type: 'integer' }) eventsChecked!: number;
  @ApiProperty({ type: 'integer' }) lanes!: number;
  @ApiPropertyOptional({ type: BrokenLinkView, description: 'Absent when the log is whole.' })
  firstBroken?: BrokenLinkView;
}
