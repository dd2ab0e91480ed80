import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AuditLogService, Auth, Policy, RequestAuth } from '@pendamping/auth';
import { IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '../common/params';

class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() actor?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) subject?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) action?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601() to?: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  @Policy('read', 'AuditEvent')
  list(@Auth() auth: RequestAuth, @Query() query: AuditQueryDto) {
    return this.auditLog.list(auth, query);
  }

  /** Recomputes every hash chain of the organisation and reports the first broken link. */
  @Get('verify')
  @Policy('verify', 'AuditEvent')
  verify(@Auth() auth: RequestAuth) {
    return this.auditLog.verify(auth);
  }
}
