import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, ClientChosenId, Policy, RequestAuth } from '@pendamping/auth';
import { ActivityReportService, PlanItemService, PlanProgressService, WorkPlanService } from '@pendamping/cases';
import { ActivityReportEntity } from '@pendamping/cases/work-plans/activity-report.entity';
import { expectedVersion } from '@pendamping/core';
import { IdPipe, PageQueryDto, withoutVersion } from '../common/params';
import { ClientChosenIdAnswer } from '../openapi/client-chosen-id.schema';
import {
  CreateActivityReportDto,
  CreatePlanItemDto,
  CreateWorkPlanDto,
  PlanStepDto,
  ReturnDto,
  ReviewDto,
  UpdatePlanItemDto,
  UpdateWorkPlanDto,
  WorkPlanQueryDto,
} from './work-plan.dtos';
import { PageOf } from '../openapi/page.schema';
import { ActivityReportView, PlanItemView, PlanProgress, WorkPlanView, WorkPlanWithItems } from './work-plan.responses';

/** An optional precondition: If-Match, else the body's version, else none. */
const optionalVersion = (ifMatch: string | undefined, bodyVersion: number | undefined) =>
  ifMatch === undefined ? bodyVersion : expectedVersion(ifMatch, bodyVersion);

@ApiTags('work plans')
@ApiBearerAuth()
@Controller('work-plans')
export class WorkPlansController {
  constructor(
    private readonly plans: WorkPlanService,
    private readonly items: PlanItemService,
    private readonly activities: ActivityReportService,
    private readonly progress: PlanProgressService,
  ) {}

  @ApiOperation({ summary: "List groups' work plans" })
  @Get()
  @ApiOkResponse({ type: PageOf(WorkPlanView) })
  @Policy('read', 'WorkPlan')
  list(@Auth() auth: RequestAuth, @Query() query: WorkPlanQueryDto) {
    const { cursor, limit, ...filters } = query;
    return this.plans.list(auth, { cursor, limit }, filters);
  }

  @ApiOperation({ summary: "Start a group's work plan for a year" })
  @Post()
  @ApiCreatedResponse({ type: WorkPlanView })
  @Policy('create', 'WorkPlan')
  create(@Auth() auth: RequestAuth, @Body() body: CreateWorkPlanDto) {
    return this.plans.create(auth, body);
  }

  @ApiOperation({ summary: 'Read a work plan with its items' })
  @Get(':id')
  @ApiOkResponse({ type: WorkPlanWithItems })
  @Policy('read', 'WorkPlan')
  get(@Auth() auth: RequestAuth, @Param('id', IdPipe) id: string) {
    return this.plans.get(auth, id);
  }

  @ApiOperation({ summary: 'Change a work plan' })
  @Patch(':id')
  @ApiOkResponse({ type: WorkPlanView })
  @Policy('update', 'WorkPlan')
  update(
    @Auth() auth: RequestAuth,
    @Param('id', IdPipe) id: string,
    @Body() body: UpdateWorkPlanDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.plans.update(auth, id, expectedVersion(ifMatch, body.version), withoutVersion(body));
  }

  @ApiOperation({ summary: 'Submit a work plan for approval' })
  @Post(':id/submit')
  @HttpCode(200)
  @ApiOkResponse({ type: WorkPlanView })
  @Policy('submit', 'WorkPlan')
  submit(
    @Auth() auth: RequestAuth,
    @Param('id', IdPipe) id: string,
    @Body() body: PlanStepDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.plans.step(auth, id, 'submit', { version: optionalVersion(ifMatch, body.version) });
  }

  @ApiOperation({ summary: 'Approve a work plan' })
  @Post(':id/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: WorkPlanView })
  @Policy('approve', 'WorkPlan')
  approve(
    @Auth() auth: RequestAuth,
    @Param('id', IdPipe) id: string,
    @Body() body: ReviewDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.plans.step(auth, id, 'approve', {
      comments: body.comments,
      version: optionalVersion(ifMatch, body.version),
    });
  }

  @ApiOperation({ summary: 'Return a work plan with comments' })
  @Post(':id/return')
  @HttpCode(200)
  @ApiOkResponse({ type: WorkPlanView })
  @Policy('return', 'WorkPlan')
  returnPlan(
    @Auth() auth: RequestAuth,
    @Param('id', IdPipe) id: string,
    @Body() body: ReturnDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.plans.step(auth, id, 'return', {
      comments: body.comments,
      version: optionalVersion(ifMatch, body.version),
    });
  }

  @ApiOperation({ summary: "A work plan's progress: its items and what was reported on them" })
  @Get(':id/progress')
  @ApiOkResponse({ type: PlanProgress })
  @Policy('read', 'WorkPlan')
  planProgress(@Auth() auth: RequestAuth, @Param('id', IdPipe) id: string) {
    return this.progress.progress(auth, id);
  }

  @ApiOperation({ summary: 'Add an item to a work plan' })
  @Post(':id/items')
  @ApiCreatedResponse({ type: PlanItemView })
  @Policy('create', 'PlanItem')
  createItem(@Auth() auth: RequestAuth, @Param('id', IdPipe) id: string, @Body() body: CreatePlanItemDto) {
    return this.items.create(auth, id, body);
  }

  @ApiOperation({ summary: 'Read a work plan item' })
  @Get(':id/items/:itemId')
  @ApiOkResponse({ type: PlanItemView })
  @Policy('read', 'PlanItem')
  getItem(@Auth() auth: RequestAuth, @Param('id', IdPipe) id: string, @Param('itemId', IdPipe) itemId: string) {
    return this.items.get(auth, id, itemId);
  }

  @ApiOperation({ summary: 'Change a work plan item' })
  @Patch(':id/items/:itemId')
  @ApiOkResponse({ type: PlanItemView })
  @Policy('update', 'PlanItem')
  updateItem(
    @Auth() auth: RequestAuth,
    @Param('id', IdPipe) id: string,
    @Param('itemId', IdPipe) itemId: string,
    @Body() body: UpdatePlanItemDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.items.update(auth, id, itemId, expectedVersion(ifMatch, body.version), withoutVersion(body));
  }

  @ApiOperation({ summary: 'Take an item out of a draft work plan' })
  @Delete(':id/items/:itemId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The item is deleted.' })
  @Policy('delete', 'PlanItem')
  async deleteItem(
    @Auth() auth: RequestAuth,
    @Param('id', IdPipe) id: string,
    @Param('itemId', IdPipe) itemId: string,
    @Headers('if-match') ifMatch?: string,
  ) {
    await this.items.remove(auth, id, itemId, optionalVersion(ifMatch, undefined));
  }

  @ApiOperation({ summary: 'List the activity reports of a work plan item' })
  @Get(':id/items/:itemId/activities')
  @ApiOkResponse({ type: PageOf(ActivityReportView) })
  @Policy('read', 'ActivityReport')
  listActivities(
    @Auth() auth: RequestAuth,
    @Param('id', IdPipe) id: string,
    @Param('itemId', IdPipe) itemId: string,
    @Query() query: PageQueryDto,
  ) {
    return this.activities.list(auth, id, itemId, query);
  }

  @ApiOperation({ summary: 'Read an activity report' })
  @Get(':id/items/:itemId/activities/:activityId')
  @ApiOkResponse({ type: ActivityReportView })
  @Policy('read', 'ActivityReport')
  getActivity(
    @Auth() auth: RequestAuth,
    @Param('id', IdPipe) id: string,
    @Param('itemId', IdPipe) itemId: string,
    @Param('activityId', IdPipe) activityId: string,
  ) {
    return this.activities.get(auth, id, itemId, activityId);
  }

  @ApiOperation({ summary: 'Report an activity of a work plan item' })
  @Post(':id/items/:itemId/activities')
  @ApiCreatedResponse({ type: ActivityReportView })
  @ApiOkResponse({ type: ClientChosenIdAnswer, description: 'Its creator sent this client-chosen id again.' })
  @ClientChosenId(ActivityReportEntity)
  @Policy('create', 'ActivityReport')
  createActivity(
    @Auth() auth: RequestAuth,
    @Param('id', IdPipe) id: string,
    @Param('itemId', IdPipe) itemId: string,
    @Body() body: CreateActivityReportDto,
  ) {
    return this.activities.create(auth, id, itemId, body);
  }
}
