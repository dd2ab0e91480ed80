import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CODE_LISTS } from '@pendamping/cases/code-lists';

class CodeLabel {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) en!: string;
}

/** A code and its label in Indonesian (id) and English (en); some lists add fields. */
class CodeEntryView {
  @ApiProperty({ type: String }) code!: string;
  @ApiProperty({ type: CodeLabel }) label!: CodeLabel;
  @ApiPropertyOptional({ type: 'integer', description: 'An age band: its lowest age.' }) min?: number;
  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    description: 'An age band: its highest age; null when open.',
  })
  max?: number | null;
  @ApiPropertyOptional({
    type: String,
    description: 'A form of sexual violence: its paragraph and letter of art. 4 of UU TPKS, e.g. 4(1)(a).',
  })
  article?: string;
}

/** Every code list, keyed by the JSON name of the field it codes: one property per list, read from the lists themselves. */
export class CodeListsView {}
for (const name of Object.keys(CODE_LISTS)) ApiProperty({ type: [CodeEntryView] })(CodeListsView.prototype, name);
