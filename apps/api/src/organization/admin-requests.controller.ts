import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminRequestsService, Auth, Policy, RequestAuth } from '@pendamping/auth';
import type { FastifyReply } from 'fastify';
import { IdPipe, PageQueryDto } from '../common/params';
import { PageOf } from '../openapi/page.schema';
import { CreateAdminRequestDto } from './organization.dtos';
import { AdminRequestDecision, AdminRequestView, RequesterHalf } from './user.responses';

export const adminRequestLocation = (id: string) => `/api/v1/admin-requests/${id}`;

/** SPEC §8, §9 "administration requests": made by one org_admin, decided by another. */
@ApiTags('organisation')
@ApiBearerAuth()
@Controller('admin-requests')
export class AdminRequestsController {
  constructor(private readonly adminRequests: AdminRequestsService) {}

  @ApiOperation({ summary: 'List administration requests' })
  @Get()
  @ApiOkResponse({ type: PageOf(AdminRequestView) })
  @Policy('read', 'AdminRequest')
  list(@Auth() auth: RequestAuth, @Query() query: PageQueryDto) {
    return this.adminRequests.list(auth, query);
  }

  @ApiOperation({ summary: 'Request a change to a user, for a second administrator to decide' })
  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: AdminRequestView, description: 'The request, at its Location.' })
  @Policy('create', 'AdminRequest')
  async create(
    @Auth() auth: RequestAuth,
    @Body() body: CreateAdminRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const request = await this.adminRequests.request(auth, body);
    reply.header('location', adminRequestLocation(request.id as string));
    return request;
  }

  @ApiOperation({ summary: 'Read an administration request' })
  @Get(':id')
  @ApiOkResponse({ type: AdminRequestView })
  @Policy('read', 'AdminRequest')
  get(@Auth() auth: RequestAuth, @Param('id', IdPipe) id: string) {
    return this.adminRequests.get(auth, id);
  }

  /**
   * Answers the approver's half of a temporary password where the request makes one, once (a
   * replay under the same Idempotency-Key shows the request at its Location, without the half).
   */
  @ApiOperation({ summary: 'Approve an administration request (a second administrator)' })
  @Post(':id/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: AdminRequestDecision })
  @Policy('approve', 'AdminRequest')
  async approve(
    @Auth() auth: RequestAuth,
    @Param('id', IdPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const decided = await this.adminRequests.approve(auth, id);
    reply.header('location', adminRequestLocation(id));
    return decided;
  }

  @ApiOperation({ summary: 'Refuse an administration request' })
  @Post(':id/refuse')
  @HttpCode(200)
  @ApiOkResponse({ type: AdminRequestView })
  @Policy('refuse', 'AdminRequest')
  async refuse(
    @Auth() auth: RequestAuth,
    @Param('id', IdPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const decided = await this.adminRequests.refuse(auth, id);
    reply.header('location', adminRequestLocation(id));
    return decided;
  }

  /** The requester's half of the temporary password, shown once. */
  @ApiOperation({ summary: "Collect the requester's half of a temporary password" })
  @Post(':id/password-half')
  @HttpCode(200)
  @ApiOkResponse({ type: RequesterHalf })
  @Policy('collect', 'AdminRequest')
  collectHalf(@Auth() auth: RequestAuth, @Param('id', IdPipe) id: string) {
    return this.adminRequests.collectHalf(auth, id);
  }
}
