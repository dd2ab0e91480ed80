import { ApiProperty } from '@nestjs/swagger';
import { ACTIONS } from '@pendamping/auth';

/** What this reader may do with this record, computed by the server from the rules (SPEC §11). */
export class RecordAllowance {
  @ApiProperty({ enum: ACTIONS, isArray: true, description: 'The actions the rules allow on this record.' })
  actions!: string[];
  @ApiProperty({
    type: [String],
    description: 'The fields an update may set (dotted: survivor.name); empty without update.',
  })
  writableFields!: string[];
}

/** Every record of a response carries `allowed`. */
export const Allowed = () => ApiProperty({ type: RecordAllowance });
