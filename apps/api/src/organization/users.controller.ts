import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AdminRequestsService, Auth, Policy, RequestAuth, UsersService } from '@pendamping/auth';
import { expectedVersion } from '@pendamping/core';
import type { FastifyReply } from 'fastify';
import { IdPipe, PageQueryDto, withoutVersion } from '../common/params';
import { adminRequestLocation } from './admin-requests.controller';
import { AddMemberDto, CreateUserDto, UpdateUserDto } from './organization.dtos';
import { PageOf } from '../openapi/page.schema';
import { AdminRequestView, GroupMemberView, UserView } from './user.responses';

/** What a second org_admin must approve (SPEC §8): a PATCH carrying any of these becomes a request. */
const REQUESTED_FIELDS = ['role', 'groupIds', 'regionIds', 'active'] as const;

@ApiTags('organisation')
@ApiBearerAuth()
@Controller()
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly adminRequests: AdminRequestsService,
  ) {}

  @ApiOperation({ summary: 'List users' })
  @Get('users')
  @ApiOkResponse({ type: PageOf(UserView) })
  @Policy('read', 'User')
  list(@Auth() auth: RequestAuth, @Query() query: PageQueryDto) {
    return this.users.list(auth, query);
  }

  /** The user exists once a second org_admin approves: the answer is the request (202). */
  @ApiOperation({
    summary: 'Ask for a new user: an administration request that a second administrator approves (202)',
  })
  @Post('users')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: AdminRequestView, description: 'The request, at its Location.' })
  @Policy('create', 'User')
  async create(
    @Auth() auth: RequestAuth,
    @Body() body: CreateUserDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const request = await this.adminRequests.request(auth, { kind: 'create_user', ...body });
    reply.header('location', adminRequestLocation(request.id as string));
    return request;
  }

  @ApiOperation({ summary: 'Read a user' })
  @Get('users/:id')
  @ApiOkResponse({ type: UserView })
  @Policy('read', 'User')
  get(@Auth() auth: RequestAuth, @Param('id', IdPipe) id: string) {
    return this.users.get(auth, id);
  }

  /** Name and email change at once (200); a role, scope or activity is a request (202). */
  @ApiOperation({
    summary: 'Change a user: name and email at once, role, scope or activity as an administration request (202)',
  })
  @Patch('users/:id')
  @ApiOkResponse({ type: UserView, description: 'Name or email changed.' })
  @ApiAcceptedResponse({
    type: AdminRequestView,
    description: 'Role, scope or activity: the request, at its Location.',
  })
  @Policy('update', 'User')
  async update(
    @Auth() auth: RequestAuth,
    @Param('id', IdPipe) id: string,
    @Body() body: UpdateUserDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('if-match') ifMatch?: string,
  ) {
    const version = expectedVersion(ifMatch, body.version);
    const changes = withoutVersion(body);
    if (!REQUESTED_FIELDS.some((field) => changes[field] !== undefined))
      return this.users.update(auth, id, version, changes);
    const request = await this.adminRequests.requestChange(auth, id, version, changes);
    reply.status(202).header('location', adminRequestLocation(request.id as string));
    return request;
  }

  @ApiOperation({ summary: 'Add a user to a community group' })
  @Post('groups/:id/members')
  @ApiCreatedResponse({ type: GroupMemberView })
  @Policy('create', 'GroupMember')
  addMember(@Auth() auth: RequestAuth, @Param('id', IdPipe) groupId: string, @Body() body: AddMemberDto) {
    return this.users.addGroupMember(auth, groupId, body.userId);
  }
}
