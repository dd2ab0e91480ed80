import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

/** A device-made id on a creation (SPEC §4, §12): sending it again is answered, never created twice. */
export const ClientChosenIdProperty = () =>
  applyDecorators(
    ApiPropertyOptional({
      format: 'uuid',
      description:
        'Your own UUID (offline capture). Sent again by you: 200 with {id}; already used by another record: 409 id-taken.',
    }),
    IsOptional(),
    IsUUID(),
  );
