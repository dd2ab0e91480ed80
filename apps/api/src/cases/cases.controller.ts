import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, ClientChosenId, Policy, RequestAuth } from '@pendamping/auth';
import { CaseHistoryService, CaseQueries, CaseService, DuplicateCheckService } from '@pendamping/cases';
import { CaseEntity } from '@pendamping/cases/cases/case.entity';
import { DomainError, expectedVersion } from '@pendamping/core';
import { IdPipe, withoutVersion } from '../common/params';
import {
  AssignmentDto,
  CaseListQueryDto,
  CreateCaseDto,
  DuplicateCheckDto,
  TransitionDto,
  UpdateCaseDto,
} from './case.dtos';
import { CaseChangeAnswer, CaseHistory, CaseView, DuplicateCheckAnswer } from './case.responses';
import { ClientChosenIdAnswer } from '../openapi/client-chosen-id.schema';
import { PageOf } from '../openapi/page.schema';

/** regionId is derived from a village: sending both could only disagree. */
function oneOfVillageOrRegion(body: { villageId?: string | null; regionId?: string }) {
  if (body.villageId && body.regionId) {
    throw new DomainError(
      'validation-failed',
      'Send villageId or regionId, not both: the region of a village is derived from it.',
      {
        errors: [{ field: 'regionId', message: 'is derived from villageId' }],
      },
    );
  }
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(
    private readonly cases: CaseService,
    private readonly queries: CaseQueries,
    private readonly history: CaseHistoryService,
    private readonly duplicates: DuplicateCheckService,
  ) {}

  @ApiOperation({ summary: 'List cases (the worklist with assignedTo=me), with the filters of SPEC §9' })
  @Get()
  @ApiOkResponse({ type: PageOf(CaseView) })
  @Policy('read', 'Case')
  list(@Auth() auth: RequestAuth, @Query() query: CaseListQueryDto) {
    const { cursor, limit, overdue, ...filters } = query;
    return this.queries.list(
      auth,
      { cursor, limit },
      { ...filters, overdue: overdue === undefined ? undefined : overdue === 'true' },
    );
  }

  @ApiOperation({ summary: 'Take in a case (a client-chosen id makes it safe to send again)' })
  @Post()
  @ApiCreatedResponse({ type: CaseView, description: 'The new case.' })
  @ApiOkResponse({ type: ClientChosenIdAnswer, description: 'Its creator sent this client-chosen id again.' })
  @ClientChosenId(CaseEntity)
  @Policy('create', 'Case')
  create(@Auth() auth: RequestAuth, @Body() body: CreateCaseDto) {
    oneOfVillageOrRegion(body);
    return this.cases.create(auth, body);
  }

  @ApiOperation({ summary: 'Check for possible duplicates of a new case' })
  @Post('duplicate-check')
  @HttpCode(200)
  @ApiOkResponse({ type: DuplicateCheckAnswer })
  @Policy('check_duplicate', 'Case')
  checkDuplicate(@Auth() auth: RequestAuth, @Body() body: DuplicateCheckDto) {
    return this.duplicates.check(auth, body);
  }

  @ApiOperation({ summary: 'Read a case' })
  @Get(':id')
  @ApiOkResponse({ type: CaseView })
  @Policy('read', 'Case')
  get(@Auth() auth: RequestAuth, @Param('id', IdPipe) id: string) {
    return this.cases.get(auth, id);
  }

  @ApiOperation({ summary: 'Change the fields of a case (If-Match: its version)' })
  @Patch(':id')
  @ApiOkResponse({ type: CaseChangeAnswer })
  @Policy('update', 'Case')
  update(
    @Auth() auth: RequestAuth,
    @Param('id', IdPipe) id: string,
    @Body() body: UpdateCaseDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    oneOfVillageOrRegion(body);
    return this.cases.update(auth, id, expectedVersion(ifMatch, body.version), withoutVersion(body));
  }

  @ApiOperation({ summary: 'Move a case through its workflow' })
  @Post(':id/transitions')
  @ApiOkResponse({ type: CaseView })
  @HttpCode(200)
  @Policy('read', 'Case')
  transition(
    @Auth() auth: RequestAuth,
    @Param('id', IdPipe) id: string,
    @Body() body: TransitionDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    const version = ifMatch === undefined ? body.version : expectedVersion(ifMatch, body.version);
    return this.cases.transition(auth, id, { ...body, version });
  }

  @ApiOperation({ summary: 'Assign a case to a companion and co-companion' })
  @Put(':id/assignment')
  @ApiOkResponse({ type: CaseView })
  @Policy('assign', 'Case')
  assign(
    @Auth() auth: RequestAuth,
    @Param('id', IdPipe) id: string,
    @Body() body: AssignmentDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    const version = ifMatch === undefined ? body.version : expectedVersion(ifMatch, body.version);
    return this.cases.assign(auth, id, { ...withoutVersion(body), version });
  }

  @ApiOperation({ summary: 'The history of a case' })
  @Get(':id/history')
  @ApiOkResponse({ type: CaseHistory })
  @Policy('read', 'Case')
  caseHistory(@Auth() auth: RequestAuth, @Param('id', IdPipe) id: string) {
    return this.history.history(auth, id);
  }
}
