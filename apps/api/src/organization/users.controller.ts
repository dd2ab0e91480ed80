import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Auth, Policy, RequestAuth, UsersService } from '@pendamping/auth';
import { expectedVersion } from '@pendamping/core';
import { IdPipe, PageQueryDto, withoutVersion } from '../common/params';
import { AddMemberDto, CreateUserDto, UpdateUserDto } from './organization.dtos';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('users')
  @Policy('read', 'User')
  list(@Auth() auth: RequestAuth, @Query() query: PageQueryDto) {
    return this.users.list(auth, query);
  }

  @Post('users')
  @Policy('create', 'User')
  create(@Auth() auth: RequestAuth, @Body() body: CreateUserDto) {
    return this.users.create(auth, body);
  }

  @Get('users/:id')
  @Policy('read', 'User')
  get(@Auth() auth: RequestAuth, @Param('id', IdPipe) id: string) {
    return this.users.get(auth, id);
  }

  @Patch('users/:id')
  @Policy('update', 'User')
  update(@Auth() auth: RequestAuth, @Param('id', IdPipe) id: string, @Body() body: UpdateUserDto, @Headers('if-match') ifMatch?: string) {
    return this.users.update(auth, id, expectedVersion(ifMatch, body.version), withoutVersion(body));
  }

  /** Clears the user's second factor and recovery codes and ends their sessions; they enrol again at next sign-in. */
  @Post('users/:id/mfa-reset')
  @HttpCode(204)
  @Policy('reset_mfa', 'User')
  async resetSecondFactor(@Auth() auth: RequestAuth, @Param('id', IdPipe) id: string): Promise<void> {
    await this.users.resetSecondFactor(auth, id);
  }

  @Post('groups/:id/members')
  @Policy('create', 'GroupMember')
  addMember(@Auth() auth: RequestAuth, @Param('id', IdPipe) groupId: string, @Body() body: AddMemberDto) {
    return this.users.addGroupMember(auth, groupId, body.userId);
  }
}
