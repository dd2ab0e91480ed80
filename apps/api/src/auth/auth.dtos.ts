import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';

export class LoginDto {
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

export class RefreshDto {
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

export class TotpCodeDto {
  @ApiProperty()
  @IsString()
  @MaxLength(16)
  code!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @Length(1, 1024)
  currentPassword!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 1024)
  newPassword!: string;
}
