import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Auth, Policy, RequestAuth } from '@pendamping/auth';
import { CaseStatistics } from '@pendamping/cases';

/** De-identified dashboard counts of the caller's cases. */
@ApiTags('statistics')
@ApiBearerAuth()
@Controller('stats')
export class StatsController {
  constructor(private readonly statistics: CaseStatistics) {}

  @Get('summary')
  @Policy('read', 'Case')
  summary(@Auth() auth: RequestAuth) {
    return this.statistics.summary(auth);
  }
}
