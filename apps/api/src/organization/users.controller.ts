import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiOperation } from '@nestjs/swagger';
import { AdminRequestsService, Auth, Policy, RequestAuth, UsersService } from '@pendamping/auth';
import { expectedVersion } from '@pendamping/core';
import type { FastifyReply } from 'fastify';
import { IdPipe, PageQueryDto, withoutVersion } from '../common/params';
import { adminRequestLocation } from './admin-requests.controller';
import { AddMemberDto, CreateUserDto, UpdateUserDto } from './organization.dtos';

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
  @Policy('read', 'User')
  get(@Auth() auth: RequestAuth, @Param('id', IdPipe) id: string) {
    return this.users.get(auth, id);
  }

  /** Name and email change at once (200); a role, scope or activity is a request (202). */
  @ApiOperation({
    summary: 'Change a user: name and email at once, role, scope or activity as an administration request (202)',
  })
  @Patch('users/:id')
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
  @Policy('create', 'GroupMember')
  addMember(@Auth() auth: RequestAuth, @Param('id', IdPipe) groupId: string, @Body() body: AddMemberDto) {
    return this.users.addGroupMember(auth, groupId, body.userId);
  }
}
