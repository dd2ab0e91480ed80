import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SessionTokens } from '../auth/auth.responses';
import { FieldClassesOf } from '../openapi/field-classes.decorator';
import { Allowed, RecordAllowance } from '../openapi/record-allowance.schema';

/* Phones set up for offline capture (SPEC §12) as the API answers them: never W. */

const DEVICE_STATUSES = ['active', 'revoked'];

@FieldClassesOf('Device')
export class DeviceView {
  @ApiPropertyOptional({ type: String, format: 'uuid' }) id?: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'The companion the phone belongs to.' })
  userId?: string;
  @ApiPropertyOptional({ type: String }) label?: string;
  @ApiPropertyOptional({ type: String, description: 'The public half of the phone sealing pair, as set up.' })
  sealingPublicKey?: string;
  @ApiPropertyOptional({ type: String, enum: DEVICE_STATUSES }) status?: string;
  @ApiPropertyOptional({ type: String, format: 'date-time' }) createdAt?: string;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'What it has not sent since is lost if it is revoked.',
  })
  lastSyncAt?: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) revokedAt?: string | null;
  @Allowed() allowed!: RecordAllowance;
}

/** W and the first tokens of the session bound to the phone; its refresh token is always in the body. */
export class PhoneKeys extends SessionTokens {
  @ApiProperty({ type: String, format: 'uuid' }) deviceId!: string;
  @ApiProperty({
    type: String,
    description:
      'W, the server wrapping key: 32 bytes, base64url. The phone wraps its data key with it, then forgets it.',
  })
  wrappingKey!: string;
}

export class DeviceStatusView {
  @ApiProperty({ type: String, enum: DEVICE_STATUSES }) status!: string;
}
