import { GBVIMS_AGE_GROUP_LIST, PERPETRATOR_AGE_GROUP_LIST, SIMFONI_AGE_GROUP_LIST } from './age-groups';
import {
  CASE_STATUS_LIST,
  CLOSURE_REASON_LIST,
  CONSENT_GIVEN_BY_LIST,
  DISABILITY_LIST,
  FOLLOW_UP_TYPE_LIST,
  JUSTICE_PATHWAY_STAGE_LIST,
  MARITAL_STATUS_LIST,
  PLACE_TYPE_LIST,
  REFERRAL_SOURCE_LIST,
  REFERRAL_STATUS_LIST,
  RELATIONSHIP_LIST,
  RISK_LEVEL_LIST,
  SERVICE_TYPE_LIST,
  SEX_LIST,
} from './case-codes';
import { GBVIMS_TYPE_LIST, TPKS_FORM_LIST, VIOLENCE_TYPE_LIST } from './violence';
import {
  DRPPA_INDICATOR_LIST,
  PLAN_ITEM_CATEGORY_LIST,
  PLAN_ITEM_STATUS_LIST,
  WORK_PLAN_STATUS_LIST,
} from './work-plan-codes';

/**
 * Every code list, keyed by the JSON name of the field it codes in requests and resources, as
 * `GET /api/v1/code-lists` serves it. `ageGroup` is `survivor.ageGroup` (SIMFONI-PPA bands),
 * `perpetratorAgeGroup` is `perpetrators[].ageGroup`; the GBVIMS lists are for reports only.
 */
export const CODE_LISTS = deepFreeze({
  violenceTypes: VIOLENCE_TYPE_LIST,
  tpksForms: TPKS_FORM_LIST,
  gbvimsTypes: GBVIMS_TYPE_LIST,
  placeType: PLACE_TYPE_LIST,
  referralSource: REFERRAL_SOURCE_LIST,
  relationship: RELATIONSHIP_LIST,
  sex: SEX_LIST,
  disability: DISABILITY_LIST,
  maritalStatus: MARITAL_STATUS_LIST,
  serviceType: SERVICE_TYPE_LIST,
  referralStatus: REFERRAL_STATUS_LIST,
  followUpType: FOLLOW_UP_TYPE_LIST,
  closureReason: CLOSURE_REASON_LIST,
  riskLevel: RISK_LEVEL_LIST,
  caseStatus: CASE_STATUS_LIST,
  consentGivenBy: CONSENT_GIVEN_BY_LIST,
  justicePathwayStage: JUSTICE_PATHWAY_STAGE_LIST,
  ageGroup: SIMFONI_AGE_GROUP_LIST,
  perpetratorAgeGroup: PERPETRATOR_AGE_GROUP_LIST,
  gbvimsAgeGroup: GBVIMS_AGE_GROUP_LIST,
  planItemCategory: PLAN_ITEM_CATEGORY_LIST,
  planItemStatus: PLAN_ITEM_STATUS_LIST,
  workPlanStatus: WORK_PLAN_STATUS_LIST,
  drppaIndicators: DRPPA_INDICATOR_LIST,
});

export type CodeLists = typeof CODE_LISTS;
export type CodeListName = keyof CodeLists;
export const CODE_LIST_NAMES = Object.freeze(Object.keys(CODE_LISTS) as CodeListName[]);

/** The lists are shared by every request: frozen through and through, so no caller can change them at run time. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
