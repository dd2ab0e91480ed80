import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AuditLogService, Auth, Policy, RequestAuth } from '@pendamping/auth';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../common/params';
import { PageOf } from '../openapi/page.schema';
import { AuditEventView, AuditVerification } from './audit.responses';

/** A calendar date, or a date and time with a zone: what PostgreSQL reads as a timestamptz without surprises. */
const DATE_OR_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;

class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() actor?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) subject?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) action?: string;
  @ApiPropertyOptional({ example: '2026-01-31T00:00:00Z' })
  @IsOptional()
  @Matches(DATE_OR_TIME)
  @IsISO8601({ strict: true })
  from?: string;
  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @Matches(DATE_OR_TIME)
  @IsISO8601({ strict: true })
  to?: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly auditLog: AuditLogService) {}

  @ApiOperation({ summary: 'List audit events, newest first' })
  @Get()
  @ApiOkResponse({ type: PageOf(AuditEventView) })
  @Policy('read', 'AuditEvent')
  list(@Auth() auth: RequestAuth, @Query() query: AuditQueryDto) {
    return this.auditLog.list(auth, query);
  }

  /** Recomputes every hash chain of the organisation and reports the first broken link. */
  @ApiOperation({ summary: "Verify the audit log's hash chain" })
  @Get('verify')
  @ApiOkResponse({ type: AuditVerification })
  @Policy('verify', 'AuditEvent')
  verify(@Auth() auth: RequestAuth) {
    return this.auditLog.verify(auth);
  }
}
