import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { PublicRoute } from '@pendamping/auth';
import type { FastifyReply } from 'fastify';
import { Readiness } from './health.responses';
import { ReadinessReport, ReadinessService } from './readiness.service';

@ApiTags('health')
@Controller('health')
@PublicRoute()
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  @ApiOperation({ summary: 'Readiness: PostgreSQL and Redis answer' })
  @Get('ready')
  @ApiOkResponse({
    type: Readiness,
    description: 'Ready, or degraded (Redis down: cases served, reports kept in the outbox).',
  })
  @ApiServiceUnavailableResponse({ type: Readiness, description: 'PostgreSQL unreachable or a migration pending.' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessReport> {
    const report = await this.readiness.check();
    reply.status(report.status === 'unavailable' ? 503 : 200).header('cache-control', 'no-store');
    return report;
  }
}
