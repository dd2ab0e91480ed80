import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, DevicesService, Policy, PublicRoute, RequestAuth } from '@pendamping/auth';
import { SyncService } from '@pendamping/cases';
import { clientRequestIdOf } from '@pendamping/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IdPipe, PageQueryDto } from '../common/params';
import { PageOf } from '../openapi/page.schema';
import { expireRefreshCookie } from '../auth/session-transport';
import { DeviceReadsReceipt } from '../sync/sync.responses';
import { RegisterDeviceDto, RevokedPhoneReadsDto } from './devices.dtos';
import { DeviceStatusView, DeviceView, PhoneKeys } from './devices.responses';

const FIVE_MINUTE_RULE =
  'Needs a session whose password (and TOTP) sign-in was at most 5 minutes ago and never refreshed; otherwise 401 recent-sign-in-required.';

/** Phones set up for offline capture (SPEC §9 "phones", §12). */
@ApiTags('devices')
@Controller('devices')
export class DevicesController {
  constructor(
    private readonly devices: DevicesService,
    private readonly sync: SyncService,
  ) {}

  /**
   * The calling session (the browser's cookie family) ends and its cookie expires: from now on
   * this phone's session lives in its sealed store only.
   */
  @ApiOperation({ summary: 'Set up this phone for offline capture', description: FIVE_MINUTE_RULE })
  @Post()
  @ApiCreatedResponse({ type: PhoneKeys })
  @ApiBearerAuth()
  @Policy('create', 'Device')
  async register(
    @Auth() auth: RequestAuth,
    @Body() body: RegisterDeviceDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const keys = await this.devices.register(auth, body);
    expireRefreshCookie(reply);
    return keys;
  }

  @ApiOperation({ summary: 'Your phones; for an org_admin, the organisation’s, with their last sync' })
  @Get()
  @ApiOkResponse({ type: PageOf(DeviceView) })
  @ApiBearerAuth()
  @Policy('read', 'Device')
  list(@Auth() auth: RequestAuth, @Query() query: PageQueryDto) {
    return this.devices.list(auth, query);
  }

  @ApiOperation({
    summary: 'Recover the wrapping key of your phone after a forgotten PIN',
    description: `${FIVE_MINUTE_RULE} A revoked phone answers 401 device-revoked.`,
  })
  @Post(':id/wrapping-key')
  @HttpCode(200)
  @ApiOkResponse({ type: PhoneKeys })
  @ApiBearerAuth()
  @Policy('recover', 'Device')
  async wrappingKey(
    @Auth() auth: RequestAuth,
    @Param('id', IdPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const keys = await this.devices.recoverWrappingKey(auth, id);
    expireRefreshCookie(reply);
    return keys;
  }

  @ApiOperation({ summary: 'Revoke a phone: its wrapping key is deleted and its session ends' })
  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOkResponse({ type: DeviceView })
  @ApiBearerAuth()
  @Policy('revoke', 'Device')
  revoke(@Auth() auth: RequestAuth, @Param('id', IdPipe) id: string) {
    return this.devices.revoke(auth, id);
  }

  /**
   * No session: a revoked phone has none. The refresh token it presented and was answered
   * `device-revoked` authenticates its last reads, once (docs/offline.md, "POST /api/v1/devices/:id/final-reads").
   */
  @ApiOperation({
    summary: 'Record the last reads of a revoked phone (no session needed)',
    description:
      'Taken only while the phone is revoked, with the latest refresh token issued to it, once; any other token answers 401. Each read of a case she held becomes an audit event as POST /sync/reads records it; others are dropped unanswered.',
  })
  @Post(':id/final-reads')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: DeviceReadsReceipt })
  @PublicRoute()
  finalReads(@Param('id', IdPipe) id: string, @Body() body: RevokedPhoneReadsDto, @Req() request: FastifyRequest) {
    return this.sync.revokedPhoneReads(id, body.refreshToken, body.reads, {
      requestId: String(request.id),
      clientRequestId: clientRequestIdOf(request.headers),
    });
  }

  /** No session: the lock screen asks it before unlocking, and wipes a revoked phone (SPEC §12). */
  @ApiOperation({ summary: 'Whether a phone is active or revoked (no session needed)' })
  @Get(':id/status')
  @ApiOkResponse({ type: DeviceStatusView })
  @PublicRoute()
  status(@Param('id', IdPipe) id: string) {
    return this.devices.status(id);
  }
}
