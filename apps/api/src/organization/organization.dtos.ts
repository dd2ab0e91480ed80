import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ADMIN_REQUEST_KINDS,
  AdminRequestKind,
  REGION_TIME_ZONES,
  RegionTimeZone,
  ROLES,
  Role,
  SERVICE_TYPES,
  ServiceType,
} from '@pendamping/auth';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto, VersionedDto } from '../common/params';

const NAME = { min: 1, max: 200 };
/** Plain addresses only: a quoted or colon-bearing local part breaks authenticator-app labels. */
const PLAIN_EMAIL = /^[^\s":]+@[^\s":]+$/;

export class CreateRegionDto {
  @ApiProperty() @IsString() @Length(NAME.min, NAME.max) name!: string;
  @ApiProperty({ description: '2-6 capital letters; prefixes case numbers.' }) @Matches(/^[A-Z]{2,6}$/) code!: string;
  @ApiPropertyOptional({ enum: REGION_TIME_ZONES, default: 'Asia/Makassar' })
  @IsOptional()
  @IsIn(REGION_TIME_ZONES)
  timeZone?: RegionTimeZone;
}

export class UpdateRegionDto extends VersionedDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(NAME.min, NAME.max) name?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Z]{2,6}$/) code?: string;
  @ApiPropertyOptional({ enum: REGION_TIME_ZONES }) @IsOptional() @IsIn(REGION_TIME_ZONES) timeZone?: RegionTimeZone;
}

export class CreateVillageDto {
  @ApiProperty() @IsString() @Length(NAME.min, NAME.max) name!: string;
  @ApiProperty() @IsUUID() regionId!: string;
}

export class RenameDto extends VersionedDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(NAME.min, NAME.max) name?: string;
}

export class VillageQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() regionId?: string;
}

export class CreateGroupDto {
  @ApiProperty() @IsString() @Length(NAME.min, NAME.max) name!: string;
  @ApiProperty() @IsUUID() villageId!: string;
}

export class GroupQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() villageId?: string;
}

export class AddMemberDto {
  @ApiProperty() @IsUUID() userId!: string;
}

export class CreateServiceProviderDto {
  @ApiProperty() @IsString() @Length(NAME.min, NAME.max) name!: string;
  @ApiProperty({ enum: SERVICE_TYPES }) @IsIn(SERVICE_TYPES) serviceType!: ServiceType;
  @ApiPropertyOptional() @IsOptional() @IsUUID() regionId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) address?: string;
}

export class UpdateServiceProviderDto extends VersionedDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(NAME.min, NAME.max) name?: string;
  @ApiPropertyOptional({ enum: SERVICE_TYPES }) @IsOptional() @IsIn(SERVICE_TYPES) serviceType?: ServiceType;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  regionId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(40)
  phone?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(500)
  address?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

export class ServiceProviderQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SERVICE_TYPES }) @IsOptional() @IsIn(SERVICE_TYPES) serviceType?: ServiceType;
}

/** No password (SPEC §8): a temporary one is generated when a second org_admin approves. */
export class CreateUserDto {
  @ApiProperty() @IsEmail() @Matches(PLAIN_EMAIL) @MaxLength(320) email!: string;
  @ApiProperty() @IsString() @Length(NAME.min, NAME.max) name!: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role!: Role;
  @ApiPropertyOptional({ description: 'For companions.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  groupIds?: string[];
  @ApiPropertyOptional({ description: 'For coordinators.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  regionIds?: string[];
}

/** Name and email change at once; role, scope and activity become an administration request (202). */
export class UpdateUserDto extends VersionedDto {
  @ApiPropertyOptional() @IsOptional() @IsEmail() @Matches(PLAIN_EMAIL) @MaxLength(320) email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(NAME.min, NAME.max) name?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsArray() @ArrayMaxSize(100) @IsUUID('all', { each: true }) groupIds?: string[];
  @ApiPropertyOptional()
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  regionIds?: string[];
}

export class CreateAdminRequestDto {
  @ApiProperty({ enum: ADMIN_REQUEST_KINDS }) @IsIn(ADMIN_REQUEST_KINDS) kind!: AdminRequestKind;
  @ApiPropertyOptional({ description: 'The user the request is about; every kind but create_user.' })
  @IsOptional()
  @IsUUID()
  subjectId?: string;
  @ApiPropertyOptional({ description: 'create_user' })
  @IsOptional()
  @IsEmail()
  @Matches(PLAIN_EMAIL)
  @MaxLength(320)
  email?: string;
  @ApiPropertyOptional({ description: 'create_user' })
  @IsOptional()
  @IsString()
  @Length(NAME.min, NAME.max)
  name?: string;
  @ApiPropertyOptional({ enum: ROLES, description: 'create_user, change_role' }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional({ description: 'create_user, change_role: for companions.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  groupIds?: string[];
  @ApiPropertyOptional({ description: 'create_user, change_role: for coordinators.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  regionIds?: string[];
  @ApiPropertyOptional({ description: 'change_active' }) @IsOptional() @IsBoolean() active?: boolean;
}
