import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Length, Matches } from 'class-validator';

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
