import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';

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
  @ApiProperty()
  @IsString()
  @Length(20, 200)
  refreshToken!: string;
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
