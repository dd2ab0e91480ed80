import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Length, Matches } from 'class-validator';
import { DeviceReadsDto } from '../sync/sync.dtos';

/** Set-up of a phone for offline capture (SPEC §12). */
export class RegisterDeviceDto {
  @ApiProperty({ format: 'uuid', description: 'The id the phone chose for itself (a random UUID).' })
  @IsUUID()
  deviceId!: string;

  @ApiProperty({ description: 'A name she recognises the phone by on her phones screen.', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  label!: string;

  @ApiProperty({
    description:
      'The public half of the phone sealing pair (ECDH P-256), base64url of its raw or SPKI form; capture-only records are sealed to it.',
    maxLength: 400,
  })
  @IsString()
  @Length(40, 400)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'must be base64url' })
  sealingPublicKey!: string;
}

/** A revoked phone's last reads (SPEC §12), with the refresh token that was answered `device-revoked`. */
export class RevokedPhoneReadsDto extends DeviceReadsDto {
  @ApiProperty({
    description:
      'The refresh token this phone last presented, answered 401 device-revoked: its latest, used once here.',
  })
  @IsString()
  @Length(20, 200)
  refreshToken!: string;
}
