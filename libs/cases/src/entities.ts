import { CaseChangeEntity } from './cases/case-change.entity';
import { CaseNumberCounterEntity } from './cases/case-number-counter.entity';
import { CasePerpetratorEntity } from './cases/case-perpetrator.entity';
import { CaseEntity } from './cases/case.entity';
import { FollowUpEntity } from './cases/follow-up.entity';
import { ReferralEntity } from './cases/referral.entity';

export { CaseChangeEntity, CaseEntity, CaseNumberCounterEntity, CasePerpetratorEntity, FollowUpEntity, ReferralEntity };

export const CASES_ENTITIES = [CaseEntity, CasePerpetratorEntity, CaseNumberCounterEntity, CaseChangeEntity, ReferralEntity, FollowUpEntity];
