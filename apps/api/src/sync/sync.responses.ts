import { ApiProperty } from '@nestjs/swagger';
import { CaseView } from '../cases/case.responses';
import { FollowUpView, ReferralView } from '../cases/case-work.responses';
import { ClassedProperty } from '../openapi/field-classes.decorator';

/* What a companion's phone receives and sends when it syncs (SPEC §12, docs/offline.md). */

/** A case as its companion may read it, with its follow-ups and referrals, each as she may read it. */
export class SyncedCaseView extends CaseView {
  @ApiProperty({ type: [FollowUpView], description: 'All the follow-ups of the case she may read, oldest first.' })
  followUps!: FollowUpView[];
  @ApiProperty({ type: [ReferralView], description: 'All the referrals of the case she may read, oldest first.' })
  referrals!: ReferralView[];
}

export class SyncCasesAnswer {
  @ClassedProperty('coded', {
    type: [String],
    format: 'uuid',
    description: 'Every case the phone should hold now; it deletes any other.',
  })
  ids!: string[];
  @ApiProperty({
    type: [SyncedCaseView],
    description:
      'In full, the cases whose record, follow-ups or referrals changed since the cursor (all, without one).',
  })
  cases!: SyncedCaseView[];
  @ClassedProperty('coded', {
    type: Boolean,
    description: 'More changed cases wait than one answer carries: ask again at once with this cursor.',
  })
  more!: boolean;
  @ClassedProperty('coded', { type: String, description: 'Opaque: send it as `since` on the next sync.' })
  cursor!: string;
}

export class DeviceReadsReceipt {
  @ClassedProperty('coded', {
    type: 'integer',
    description: 'How many reads the request carried (not how many named a case she may be audited for).',
  })
  received!: number;
}
