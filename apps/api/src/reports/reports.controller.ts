import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, Policy, RequestAuth } from '@pendamping/auth';
import { REPORT_FILE_TYPES, ReportRequests } from '@pendamping/cases';
import type { FastifyReply } from 'fastify';
import { IdPipe, PageQueryDto } from '../common/params';
import { PageOf } from '../openapi/page.schema';
import { CreateReportDto } from './report.dtos';
import { ReportQueueView, ReportView } from './report.responses';

/** The file as its format makes it: a PDF, a workbook, or a zip of CSV files. */
const REPORT_FILE_CONTENT = Object.fromEntries(
  Object.values(REPORT_FILE_TYPES).map(({ type }) => [type, { schema: { type: 'string', format: 'binary' } }]),
);

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportRequests) {}

  /** Saved, queued, answered at once: the worker renders it (SPEC §7). */
  @ApiOperation({ summary: 'Request an evaluation report' })
  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: ReportView, description: 'Queued; or the same request already queued or running.' })
  @Policy('create', 'Report')
  request(@Auth() auth: RequestAuth, @Body() body: CreateReportDto) {
    return this.reports.request(auth, body);
  }

  @ApiOperation({ summary: 'List your report requests' })
  @Get()
  @ApiOkResponse({ type: PageOf(ReportView) })
  @Policy('read', 'Report')
  list(@Auth() auth: RequestAuth, @Query() query: PageQueryDto) {
    return this.reports.list(auth, query);
  }

  @ApiOperation({ summary: 'The report queue of your organisation' })
  @Get('queue')
  @ApiOkResponse({ type: ReportQueueView })
  @Policy('read', 'ReportQueue')
  queue(@Auth() auth: RequestAuth) {
    return this.reports.queueStatus(auth);
  }

  @ApiOperation({ summary: "A report request's status and progress" })
  @Get(':id')
  @ApiOkResponse({ type: ReportView })
  @Policy('read', 'Report')
  get(@Auth() auth: RequestAuth, @Param('id', IdPipe) id: string) {
    return this.reports.get(auth, id);
  }

  /** The file, streamed from PostgreSQL, under a name the server builds; never cached. */
  @ApiOperation({ summary: 'Download a finished report' })
  @Get(':id/file')
  @ApiOkResponse({ description: 'The finished file, as an attachment.', content: REPORT_FILE_CONTENT })
  @Policy('read', 'Report')
  async file(
    @Auth() auth: RequestAuth,
    @Param('id', IdPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const download = await this.reports.download(auth, id);
    reply.header('cache-control', 'no-store').header('x-content-type-options', 'nosniff');
    return new StreamableFile(download.stream, {
      type: download.contentType,
      length: download.byteSize,
      disposition: `attachment; filename="${download.fileName}"`,
    });
  }
}
