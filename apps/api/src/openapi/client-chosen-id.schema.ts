import { ApiProperty } from '@nestjs/swagger';
import { FieldClassesOf } from './field-classes.decorator';

/** SPEC §12: what a creation answers its creator who sends a client-chosen id again. */
@FieldClassesOf('Case')
export class ClientChosenIdAnswer {
  @ApiProperty({ format: 'uuid' }) id!: string;
}
