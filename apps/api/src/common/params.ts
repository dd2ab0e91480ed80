import { Injectable, PipeTransform } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { DomainError } from '@pendamping/core';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id that is not a UUID names nothing: 404, the same answer as an id out of scope. */
@Injectable()
export class IdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw new DomainError('not-found', 'No such resource.');
    return value.toLowerCase();
  }
}

export class PageQueryDto {
  @ApiPropertyOptional({ description: 'The nextCursor of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class VersionedDto {
  @ApiPropertyOptional({ description: 'The version you edited; or send it in If-Match.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

/** The body without the version, which is a precondition and not a field to write. */
export function withoutVersion<T extends VersionedDto>(body: T): Omit<T, 'version'> {
  const { version, ...fields } = body;
  return fields;
}
