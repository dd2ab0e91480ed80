import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { SignedIn } from '@pendamping/auth';
import { APP_CONFIG, AppConfig } from '@pendamping/core';

export class ClientSettingsView {
  @ApiProperty({ description: 'Minutes without activity in any tab after which every tab locks (SPEC §11).' })
  idleLockMinutes!: number;
}

/**
 * The deployment's settings that the web client applies itself. The idle lock matters only to a
 * signed-in browser, so this needs a session (a limited one too) and the public surface stays
 * sign-in and health.
 */
@ApiTags('client-settings')
@ApiBearerAuth()
@Controller('client-settings')
export class ClientSettingsController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @ApiOperation({ summary: "The deployment's settings the web client applies: its idle lock" })
  @Get()
  @SignedIn({ duringMfaEnrollment: true })
  @ApiOkResponse({ type: ClientSettingsView })
  settings(): ClientSettingsView {
    return { idleLockMinutes: this.config.WEB_IDLE_LOCK_MINUTES };
  }
}
