import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROBLEM_KINDS, ProblemKind, problemType } from '@pendamping/core';

class FieldProblem {
  @ApiProperty({ type: String, description: 'The field, dotted for nested ones (survivor.name).' }) field!: string;
  @ApiProperty({ type: String }) message!: string;
}

/** Every 4xx and 5xx answer (RFC 9457, `application/problem+json`); a client relies on `type`. */
export class Problem {
  @ApiProperty({ type: String, enum: (Object.keys(PROBLEM_KINDS) as ProblemKind[]).map(problemType) })
  type!: string;
  @ApiProperty({ type: String }) title!: string;
  @ApiProperty({ type: Number }) status!: number;
  @ApiProperty({ type: String, description: 'Never quotes a value that was sent.' }) detail!: string;
  @ApiPropertyOptional({ type: String }) instance?: string;
  @ApiProperty({ type: String }) requestId!: string;
  @ApiPropertyOptional({ type: [FieldProblem], description: 'validation-failed, business-rule: which fields.' })
  errors?: FieldProblem[];
  @ApiPropertyOptional({ type: [String], description: 'forbidden-fields: the fields that may not be written.' })
  fields?: string[];
  @ApiPropertyOptional({ type: Number, description: 'stale-version: the version the record is at now.' })
  currentVersion?: number;
}
