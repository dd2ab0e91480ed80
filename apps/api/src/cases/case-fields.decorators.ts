import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day, `YYYY-MM-DD`, that exists. */
export const CalendarDate = () => applyDecorators(Matches(DATE_ONLY, { message: '$property must be a date written YYYY-MM-DD' }), IsISO8601({ strict: true }));

/** Optional; `null` clears it on an update. */
export const Clearable = () => applyDecorators(IsOptional(), ValidateIf((_, value) => value !== null));

/** One code of a list: an unknown code is a 400 naming the field (SPEC §8). */
export const Code = (codes: readonly string[], description?: string) =>
  applyDecorators(ApiProperty({ enum: codes, description }), IsIn(codes, { message: `$property must be one of: ${codes.join(', ')}` }));

export const OptionalCode = (codes: readonly string[]) =>
  applyDecorators(ApiPropertyOptional({ enum: codes, nullable: true }), Clearable(), IsIn(codes, { message: `$property must be one of: ${codes.join(', ')}` }));

export const Codes = (codes: readonly string[], min: number) =>
  applyDecorators(
    ApiProperty({ enum: codes, isArray: true }),
    IsArray(),
    ArrayMinSize(min),
    ArrayMaxSize(codes.length),
    IsIn(codes, { each: true, message: `each of $property must be one of: ${codes.join(', ')}` }),
  );

/** Free text of a case (names, notes): bounded, and never logged. */
export const CaseText = (max = 5000) => applyDecorators(ApiPropertyOptional({ nullable: true, maxLength: max }), Clearable(), IsString(), MaxLength(max));
