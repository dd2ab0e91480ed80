import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min, ValidateIf, ValidateNested } from 'class-validator';

export const SCOPE_LEVELS = ['organization', 'region', 'village', 'group'] as const;
export const FORMATS = ['pdf', 'xlsx', 'csv'] as const;
export const LOCALES = ['id', 'en'] as const;
export const AUDIENCES = ['internal', 'external'] as const;

export class ReportScopeDto {
  @ApiProperty({ enum: SCOPE_LEVELS }) @IsIn(SCOPE_LEVELS) level!: (typeof SCOPE_LEVELS)[number];
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'The region, village or group; null or absent for the organisation.',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  id?: string | null;
}

export class CreateReportDto {
  @ApiProperty({ enum: ['annual_evaluation'] }) @IsIn(['annual_evaluation']) kind!: 'annual_evaluation';
  @ApiProperty({ minimum: 2000, maximum: 2100 }) @IsInt() @Min(2000) @Max(2100) year!: number;
  @ApiProperty({ type: ReportScopeDto }) @ValidateNested() @Type(() => ReportScopeDto) scope!: ReportScopeDto;
  @ApiProperty({ enum: FORMATS }) @IsIn(FORMATS) format!: (typeof FORMATS)[number];
  @ApiPropertyOptional({ enum: LOCALES, default: 'id' }) @IsOptional() @IsIn(LOCALES) locale?: (typeof LOCALES)[number];
  @ApiPropertyOptional({
    enum: AUDIENCES,
    default: 'internal',
    description: 'external: small counts suppressed, no free text.',
  })
  @IsOptional()
  @IsIn(AUDIENCES)
  audience?: (typeof AUDIENCES)[number];
}
