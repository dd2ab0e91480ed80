import { Body, Controller, Post } from '@nestjs/common';
import { PublicRoute } from '@pendamping/auth';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';

class ProbeSurvivorDto {
  @IsString()
  @Length(1, 200)
  name!: string;

  @IsOptional()
  @IsString()
  @Length(16, 16)
  nik?: string;

  @IsIn(['female', 'male'])
  sex!: string;
}

class ProbeBodyDto {
  @ValidateNested()
  @Type(() => ProbeSurvivorDto)
  survivor!: ProbeSurvivorDto;

  @IsInt()
  @Min(0)
  @Max(120)
  ageAtIntake!: number;

  @IsOptional()
  @IsString()
  narrative?: string;
}

/** Mounted only in tests: exercises the global validation pipe, problem filter and log redaction. */
@Controller('test-probe')
@PublicRoute()
export class ProbeController {
  @Post('echo')
  echo(@Body() body: ProbeBodyDto): { accepted: true; sex: string } {
    return { accepted: true, sex: body.survivor.sex };
  }

  @Post('explode')
  explode(@Body() body: ProbeBodyDto): never {
    throw new Error(`unexpected failure while handling ${body.survivor.name} ${body.narrative ?? ''}`);
  }
}
