import { ApiPropertyOptional } from '@nestjs/swagger';
import { fieldsOf } from '@pendamping/auth';
import { MAX_DEVICE_READS } from '@pendamping/cases';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ClassedProperty } from '../openapi/field-classes.decorator';

/** A moment with its offset: a phone's time without one would be read in the server's zone. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export class SyncQueryDto {
  @ApiPropertyOptional({ description: 'The cursor of the previous sync; without it, every case is sent in full.' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  since?: string;
}

/**
 * The field names a phone may report reading: a case's, and its follow-ups' and referrals' under
 * the names they are embedded with in a sync (as the sync's audit event names them).
 */
export const DEVICE_READ_FIELDS: readonly string[] = [
  ...fieldsOf('Case'),
  ...fieldsOf('FollowUp').map((field) => `followUps.${field}`),
  ...fieldsOf('Referral').map((field) => `referrals.${field}`),
];

export class DeviceReadDto {
  @ClassedProperty('coded', {
    type: String,
    format: 'uuid',
    description:
      'The id the phone gave the read (random). A read whose id was recorded before (a batch resent after its answer was lost) records nothing again.',
  })
  @IsUUID()
  id!: string;

  @ClassedProperty('coded', { type: String, format: 'uuid' })
  @IsUUID()
  caseId!: string;

  @ClassedProperty('coded', {
    type: [String],
    description: 'The field names shown on the phone (a case field, or followUps.<field> / referrals.<field>).',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(DEVICE_READ_FIELDS.length)
  @IsIn(DEVICE_READ_FIELDS, { each: true, message: 'fields must name fields of a case' })
  fields!: string[];

  @ClassedProperty('coded', {
    type: String,
    format: 'date-time',
    description: 'When the phone says it was read (its own clock).',
  })
  @Matches(DATE_TIME, { message: 'at must be a date-time with its offset, e.g. 2026-12-01T08:30:00+08:00' })
  @IsISO8601({ strict: true, strictSeparator: true })
  at!: string;
}

export class DeviceReadsDto {
  @ClassedProperty('coded', { type: [DeviceReadDto], description: `At most ${MAX_DEVICE_READS} per request.` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_DEVICE_READS)
  @ValidateNested({ each: true })
  @Type(() => DeviceReadDto)
  reads!: DeviceReadDto[];
}
