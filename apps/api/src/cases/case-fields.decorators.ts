import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day, `YYYY-MM-DD`, that exists. */
export const CalendarDate = () =>
  applyDecorators(
    Matches(DATE_ONLY, { message: '$property must be a date written YYYY-MM-DD' }),
    IsISO8601({ strict: true }),
  );

/** The earliest date a case may carry; the latest is the region's today, checked where the region is known. */
export const EARLIEST_CASE_DATE = '1900-01-01';

/** A calendar day of a case's story: exists, and not before 1900. */
export const CaseDate = () =>
  applyDecorators(
    CalendarDate(),
    ValidateBy({
      name: 'notBefore1900',
      validator: {
        validate: (value) => typeof value === 'string' && value >= EARLIEST_CASE_DATE,
        defaultMessage: () => `$property must not be before ${EARLIEST_CASE_DATE}`,
      },
    }),
  );

/** One nested object (`survivor`): an array or a scalar there is a 400 naming the field, never a 500. */
export const NestedObject = (type: () => new () => object) =>
  applyDecorators(IsObject({ message: '$property must be an object' }), ValidateNested(), Type(type));

/** A list of nested objects (`perpetrators`), each an object. */
export const NestedObjects = (type: () => new () => object, max: number) =>
  applyDecorators(
    IsArray(),
    ArrayMaxSize(max),
    IsObject({ each: true, message: 'each of $property must be an object' }),
    ValidateNested({ each: true }),
    Type(type),
  );

/** Optional; `null` clears it on an update. */
export const Clearable = () =>
  applyDecorators(
    IsOptional(),
    ValidateIf((_, value) => value !== null),
  );

/** One code of a list: an unknown code is a 400 naming the field (SPEC §8). */
export const Code = (codes: readonly string[], description?: string) =>
  applyDecorators(
    ApiProperty({ enum: codes, description }),
    IsIn(codes, { message: `$property must be one of: ${codes.join(', ')}` }),
  );

export const OptionalCode = (codes: readonly string[]) =>
  applyDecorators(
    ApiPropertyOptional({ enum: codes, nullable: true }),
    Clearable(),
    IsIn(codes, { message: `$property must be one of: ${codes.join(', ')}` }),
  );

/** A list that names each value once: a repeated code would be counted twice. */
export const UniqueItems = () => ArrayUnique(undefined, { message: '$property must not repeat a value' });

export const Codes = (codes: readonly string[], min: number) =>
  applyDecorators(
    ApiProperty({ enum: codes, isArray: true }),
    IsArray(),
    ArrayMinSize(min),
    ArrayMaxSize(codes.length),
    UniqueItems(),
    IsIn(codes, { each: true, message: `each of $property must be one of: ${codes.join(', ')}` }),
  );

/** Free text of a case (names, notes): bounded, and never logged. */
export const CaseText = (max = 5000) =>
  applyDecorators(
    ApiPropertyOptional({ type: String, nullable: true, maxLength: max }),
    Clearable(),
    IsString(),
    MaxLength(max),
  );
