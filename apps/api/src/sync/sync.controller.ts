import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, Policy, RequestAuth } from '@pendamping/auth';
import { SyncService } from '@pendamping/cases';
import { DeviceReadsDto, SyncQueryDto } from './sync.dtos';
import { DeviceReadsReceipt, SyncCasesAnswer } from './sync.responses';

/** A companion's phone keeping her current cases for offline work (SPEC §12; docs/offline.md). */
@ApiTags('sync')
@ApiBearerAuth()
@Controller('sync')
export class SyncController {
  constructor(private readonly sync: SyncService) {}

  @ApiOperation({
    summary: "The ids of the companion's current cases, and in full those changed since the cursor",
    description: 'One audit event per sync names the cases sent in full and the fields shown.',
  })
  @Get('cases')
  @ApiOkResponse({ type: SyncCasesAnswer })
  @Policy('sync', 'Case')
  cases(@Auth() auth: RequestAuth, @Query() query: SyncQueryDto) {
    return this.sync.cases(auth, query.since);
  }

  @ApiOperation({
    summary: 'Record reads made on the phone (best effort)',
    description:
      'Each read of a case her phone may hold now, or she held before, becomes an audit event with the phone’s time, once per read id (a batch resent after a lost answer records nothing again); others are dropped unanswered. Open to every role (recording is history, not reading): a phone whose role no longer works offline sends its reads before its wipe.',
  })
  @Post('reads')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: DeviceReadsReceipt })
  @Policy('record_reads', 'Device')
  reads(@Auth() auth: RequestAuth, @Body() body: DeviceReadsDto) {
    return this.sync.deviceReads(auth, body.reads);
  }
}
