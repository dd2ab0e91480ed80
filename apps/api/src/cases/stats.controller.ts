import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, Policy, RequestAuth } from '@pendamping/auth';
import { CaseStatistics } from '@pendamping/cases';
import { CaseSummary } from './case.responses';

/** De-identified dashboard counts of the caller's cases. */
@ApiTags('statistics')
@ApiBearerAuth()
@Controller('stats')
export class StatsController {
  constructor(private readonly statistics: CaseStatistics) {}

  @ApiOperation({ summary: 'Counts of the cases you may see' })
  @Get('summary')
  @ApiOkResponse({ type: CaseSummary })
  @Policy('read', 'Case')
  summary(@Auth() auth: RequestAuth) {
    return this.statistics.summary(auth);
  }
}
