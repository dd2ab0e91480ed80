import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  FOLLOW_UP_TYPE_CODES,
  REFERRAL_STATUS_CODES,
  ReferralStatus,
  SERVICE_TYPE_CODES,
} from '@pendamping/cases/code-lists';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { VersionedDto } from '../common/params';
import { FieldClassesOf } from '../openapi/field-classes.decorator';
import { ClientChosenIdProperty } from '../common/client-chosen-id.property';
import { CalendarDate, CaseText, Clearable, Code } from './case-fields.decorators';

@FieldClassesOf('Referral')
export class CreateReferralDto {
  @Code(SERVICE_TYPE_CODES) serviceType!: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() providerId?: string;
  @ApiProperty() @CalendarDate() referredAt!: string;
  @ApiPropertyOptional({ description: 'Why and how the survivor was referred (sensitive).' })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  note?: string;
}

@FieldClassesOf('Referral')
export class UpdateReferralDto extends VersionedDto {
  @ApiPropertyOptional({ enum: REFERRAL_STATUS_CODES })
  @IsOptional()
  @IsIn(REFERRAL_STATUS_CODES, { message: `status must be one of: ${REFERRAL_STATUS_CODES.join(', ')}` })
  status?: ReferralStatus;
  @ApiPropertyOptional({ type: String, nullable: true }) @Clearable() @IsUUID() providerId?: string | null;
  @CaseText(5000) outcomeNote?: string | null;
}

@FieldClassesOf('FollowUp')
export class CreateFollowUpDto {
  @ClientChosenIdProperty() id?: string;
  @ApiProperty() @CalendarDate() date!: string;
  @Code(FOLLOW_UP_TYPE_CODES) type!: string;
  @ApiPropertyOptional({ description: 'Sensitive.' }) @IsOptional() @IsString() @Length(1, 10_000) notes?: string;
  @ApiPropertyOptional({ description: 'Sensitive: it can name people.' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  nextAction?: string;
  @ApiPropertyOptional() @IsOptional() @CalendarDate() dueDate?: string;
}
