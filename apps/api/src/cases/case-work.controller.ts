import { Body, Controller, Get, Headers, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, ClientChosenId, Policy, RequestAuth } from '@pendamping/auth';
import { CaseQueries, FollowUpService, ReferralService } from '@pendamping/cases';
import { FollowUpEntity } from '@pendamping/cases/cases/follow-up.entity';
import { expectedVersion } from '@pendamping/core';
import { IdPipe, PageQueryDto, withoutVersion } from '../common/params';
import { DueQueryDto } from './case.dtos';
import { CreateFollowUpDto, CreateReferralDto, UpdateReferralDto } from './case-work.dtos';
import { DueCases, FollowUpView, ReferralView } from './case-work.responses';
import { ClientChosenIdAnswer } from '../openapi/client-chosen-id.schema';
import { PageOf } from '../openapi/page.schema';

const DEFAULT_DUE_WINDOW_DAYS = 7;

/** A case's referrals and follow-ups, and the follow-ups falling due. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller()
export class CaseWorkController {
  constructor(
    private readonly referrals: ReferralService,
    private readonly followUps: FollowUpService,
    private readonly queries: CaseQueries,
  ) {}

  @ApiOperation({ summary: 'List the referrals of a case' })
  @Get('cases/:id/referrals')
  @ApiOkResponse({ type: PageOf(ReferralView) })
  @Policy('read', 'Referral')
  listReferrals(@Auth() auth: RequestAuth, @Param('id', IdPipe) id: string, @Query() query: PageQueryDto) {
    return this.referrals.list(auth, id, query);
  }

  @ApiOperation({ summary: 'Refer a case to a service (with consent to refer)' })
  @Post('cases/:id/referrals')
  @ApiCreatedResponse({ type: ReferralView })
  @Policy('create', 'Referral')
  createReferral(@Auth() auth: RequestAuth, @Param('id', IdPipe) id: string, @Body() body: CreateReferralDto) {
    return this.referrals.create(auth, id, body);
  }

  @ApiOperation({ summary: 'Read a referral' })
  @Get('cases/:id/referrals/:referralId')
  @ApiOkResponse({ type: ReferralView })
  @Policy('read', 'Referral')
  getReferral(
    @Auth() auth: RequestAuth,
    @Param('id', IdPipe) id: string,
    @Param('referralId', IdPipe) referralId: string,
  ) {
    return this.referrals.get(auth, id, referralId);
  }

  @ApiOperation({ summary: 'Change a referral and record its outcome' })
  @Patch('cases/:id/referrals/:referralId')
  @ApiOkResponse({ type: ReferralView })
  @Policy('update', 'Referral')
  updateReferral(
    @Auth() auth: RequestAuth,
    @Param('id', IdPipe) id: string,
    @Param('referralId', IdPipe) referralId: string,
    @Body() body: UpdateReferralDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.referrals.update(auth, id, referralId, expectedVersion(ifMatch, body.version), withoutVersion(body));
  }

  @ApiOperation({ summary: 'List the follow-ups of a case' })
  @Get('cases/:id/follow-ups')
  @ApiOkResponse({ type: PageOf(FollowUpView) })
  @Policy('read', 'FollowUp')
  listFollowUps(@Auth() auth: RequestAuth, @Param('id', IdPipe) id: string, @Query() query: PageQueryDto) {
    return this.followUps.list(auth, id, query);
  }

  @ApiOperation({ summary: 'Record a follow-up of a case' })
  @Post('cases/:id/follow-ups')
  @ApiCreatedResponse({ type: FollowUpView })
  @ApiOkResponse({ type: ClientChosenIdAnswer, description: 'Its creator sent this client-chosen id again.' })
  @ClientChosenId(FollowUpEntity)
  @Policy('create', 'FollowUp')
  createFollowUp(@Auth() auth: RequestAuth, @Param('id', IdPipe) id: string, @Body() body: CreateFollowUpDto) {
    return this.followUps.create(auth, id, body);
  }

  @ApiOperation({ summary: 'Read a follow-up' })
  @Get('cases/:id/follow-ups/:followUpId')
  @ApiOkResponse({ type: FollowUpView })
  @Policy('read', 'FollowUp')
  getFollowUp(
    @Auth() auth: RequestAuth,
    @Param('id', IdPipe) id: string,
    @Param('followUpId', IdPipe) followUpId: string,
  ) {
    return this.followUps.get(auth, id, followUpId);
  }

  @ApiOperation({ summary: 'Follow-ups due, soonest first' })
  @Get('follow-ups/due')
  @ApiOkResponse({ type: DueCases })
  @Policy('read', 'Case')
  due(@Auth() auth: RequestAuth, @Query() query: DueQueryDto) {
    return this.queries.due(auth, query.days ?? DEFAULT_DUE_WINDOW_DAYS);
  }
}
