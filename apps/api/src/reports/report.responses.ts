import { ApiPropertyOptional } from '@nestjs/swagger';
import { REPORT_STATUSES } from '@pendamping/cases/reports/report.entity';
import { FieldClassesOf } from '../openapi/field-classes.decorator';
import { Allowed, RecordAllowance } from '../openapi/record-allowance.schema';
import { AUDIENCES, FORMATS, LOCALES, SCOPE_LEVELS } from './report.dtos';

/* Report requests as the API answers them: a field the reader may not read is absent. */

const Text = (format?: string) => ApiPropertyOptional({ type: String, format });
const TextOrNull = (format?: string) => ApiPropertyOptional({ type: String, nullable: true, format });
const Whole = (description?: string) => ApiPropertyOptional({ type: 'integer', description });

@FieldClassesOf('Report', 'scope')
class ReportScopeView {
  @ApiPropertyOptional({ type: String, enum: SCOPE_LEVELS }) level?: string;
  @TextOrNull('uuid') id?: string | null;
}

@FieldClassesOf('Report')
export class ReportView {
  @Text('uuid') id?: string;
  @ApiPropertyOptional({ type: String, enum: ['annual_evaluation'] }) kind?: string;
  @Whole() year?: number;
  @ApiPropertyOptional({ type: ReportScopeView }) scope?: ReportScopeView;
  @ApiPropertyOptional({ type: String, enum: FORMATS }) format?: string;
  @ApiPropertyOptional({ type: String, enum: LOCALES }) locale?: string;
  @ApiPropertyOptional({ type: String, enum: AUDIENCES }) audience?: string;
  @ApiPropertyOptional({ type: String, enum: REPORT_STATUSES }) status?: string;
  @Whole('Percent done, 0-100.') progress?: number;
  @TextOrNull() stage?: string | null;
  @TextOrNull() error?: string | null;
  @Text('uuid') requestedBy?: string;
  @TextOrNull() fileName?: string | null;
  @ApiPropertyOptional({ type: 'integer', nullable: true }) byteSize?: number | null;
  @TextOrNull() checksumSha256?: string | null;
  @TextOrNull('date-time') expiresAt?: string | null;
  @Text('date-time') createdAt?: string;
  @TextOrNull('date-time') startedAt?: string | null;
  @TextOrNull('date-time') finishedAt?: string | null;
  @Allowed() allowed!: RecordAllowance;
}

@FieldClassesOf('ReportQueue', 'organization')
class ReportCounts {
  @ApiPropertyOptional({ type: 'integer' }) queued?: number;
  @ApiPropertyOptional({ type: 'integer' }) running?: number;
  @ApiPropertyOptional({ type: 'integer' }) succeeded?: number;
  @ApiPropertyOptional({ type: 'integer' }) failed?: number;
  @ApiPropertyOptional({ type: 'integer' }) expired?: number;
}

/** The organisation's own requests by status, and whether the queue's Redis answers. */
@FieldClassesOf('ReportQueue')
export class ReportQueueView {
  @ApiPropertyOptional({ type: String, enum: ['up', 'down'] }) redis?: string;
  @ApiPropertyOptional({ type: ReportCounts }) organization?: ReportCounts;
}
