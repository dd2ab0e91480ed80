import { ApiPropertyOptional } from '@nestjs/swagger';
import { FieldClassesOf } from '../openapi/field-classes.decorator';
import { Allowed, RecordAllowance } from '../openapi/record-allowance.schema';

/* The organisation's structure and service directory as the API answers them. */

const Text = (format?: string) => ApiPropertyOptional({ type: String, nullable: true, format });

class Stamped {
  @ApiPropertyOptional({ type: Number }) version?: number;
  @Text('date-time') createdAt?: string;
  @Text('date-time') updatedAt?: string;
  @Allowed() allowed!: RecordAllowance;
}

@FieldClassesOf('Region')
export class RegionView extends Stamped {
  @Text('uuid') id?: string;
  @Text() name?: string;
  @Text() code?: string;
  @Text() timeZone?: string;
}

@FieldClassesOf('Village')
export class VillageView extends Stamped {
  @Text('uuid') id?: string;
  @Text() name?: string;
  @Text('uuid') regionId?: string;
}

@FieldClassesOf('Group')
export class GroupView extends Stamped {
  @Text('uuid') id?: string;
  @Text() name?: string;
  @Text('uuid') villageId?: string;
  @Text('uuid') regionId?: string;
}

@FieldClassesOf('ServiceProvider')
export class ServiceProviderView extends Stamped {
  @Text('uuid') id?: string;
  @Text() name?: string;
  @Text() serviceType?: string;
  @Text('uuid') regionId?: string | null;
  @Text() phone?: string | null;
  @Text() address?: string | null;
  @ApiPropertyOptional({ type: Boolean }) active?: boolean;
}
