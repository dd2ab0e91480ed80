import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';

const DEVICE_ID_DESCRIPTION =
  'A phone set up for offline capture (SPEC §12): the session is bound to it, its refresh token answered in the body (never the cookie), one session per phone. A revoked phone answers 401 device-revoked.';

/** The phone a token-issuing route binds its session to; absent for a browser or an API client. */
class PhoneBoundDto {
  @ApiPropertyOptional({ format: 'uuid', description: DEVICE_ID_DESCRIPTION })
  @IsOptional()
  @IsUUID()
  deviceId?: string;
}

export class LoginDto extends PhoneBoundDto {
  @ApiProperty()
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 1024)
  password!: string;

  @ApiPropertyOptional({ description: 'The 6-digit code of the authenticator app.' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  totp?: string;

  @ApiPropertyOptional({ description: 'A single-use recovery code, instead of totp.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  recoveryCode?: string;
}

export class RefreshDto extends PhoneBoundDto {
  @ApiPropertyOptional({
    description: 'Required without `X-Session-Transport: cookie`; with it the token is read from the cookie instead.',
  })
  @IsOptional()
  @IsString()
  @Length(20, 200)
  refreshToken?: string;
}

export class LogoutDto {
  @ApiPropertyOptional({
    description: 'The idle lock (SPEC §11): the session ends, but no Clear-Site-Data, so the app keeps its files.',
  })
  @IsOptional()
  @IsBoolean()
  lock?: boolean;
}

export class TotpCodeDto extends PhoneBoundDto {
  @ApiProperty()
  @IsString()
  @MaxLength(16)
  code!: string;
}

export class ChangePasswordDto extends PhoneBoundDto {
  @ApiProperty()
  @IsString()
  @Length(1, 1024)
  currentPassword!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 1024)
  newPassword!: string;
}
