import type { CodeLists } from '../ui/labels';
import type { Language, MessageKey } from '../i18n/messages';
import { calendarDay, codeLabel } from '../ui/labels';

/**
 * Every field name the case history records (libs/cases case-fields.ts and case-writer.ts: the
 * written and sealed case fields, the system's status, closure reason and case number, the age
 * derived from a birth date, and the perpetrators' fields), in the reader's words.
 */
export const HISTORY_FIELDS: Record<string, MessageKey> = {
  status: 'caseworkFieldStatus',
  statusReason: 'caseworkFieldStatusReason',
  closureReason: 'caseworkFieldClosureReason',
  caseNumber: 'caseworkFieldCaseNumber',
  regionId: 'caseworkFieldRegion',
  villageId: 'caseworkFieldVillage',
  groupId: 'caseworkFieldGroup',
  intakeDate: 'caseworkFieldIntakeDate',
  incidentDate: 'caseworkFieldIncidentDate',
  incidentDateApproximate: 'caseworkFieldIncidentDateApproximate',
  placeType: 'caseworkFieldPlaceType',
  referralSource: 'caseworkFieldReferralSource',
  riskLevel: 'caseworkFieldRiskLevel',
  violenceTypes: 'caseworkFieldViolenceTypes',
  tpksForms: 'caseworkFieldTpksForms',
  'survivor.name': 'caseworkFieldSurvivorName',
  'survivor.alias': 'caseworkFieldSurvivorAlias',
  'survivor.phone': 'caseworkFieldSurvivorPhone',
  'survivor.address': 'caseworkFieldSurvivorAddress',
  'survivor.birthDate': 'caseworkFieldSurvivorBirthDate',
  'survivor.nik': 'caseworkFieldSurvivorNik',
  'survivor.sex': 'caseworkFieldSurvivorSex',
  'survivor.ageAtIntake': 'caseworkFieldSurvivorAge',
  'survivor.ageEstimated': 'caseworkFieldSurvivorAgeEstimated',
  'survivor.disability': 'caseworkFieldSurvivorDisability',
  'survivor.maritalStatus': 'caseworkFieldSurvivorMaritalStatus',
  'guardian.name': 'caseworkFieldGuardianName',
  'guardian.phone': 'caseworkFieldGuardianPhone',
  'perpetrators.relationship': 'caseworkFieldPerpetratorRelationship',
  'perpetrators.sex': 'caseworkFieldPerpetratorSex',
  'perpetrators.ageGroup': 'caseworkFieldPerpetratorAgeGroup',
  'perpetrators.name': 'caseworkFieldPerpetratorName',
  'perpetrators.phone': 'caseworkFieldPerpetratorPhone',
  narrative: 'caseworkFieldNarrative',
  safetyPlan: 'caseworkFieldSafetyPlan',
  medicalNotes: 'caseworkFieldMedicalNotes',
  'safeContact.callSafe': 'caseworkFieldCallSafe',
  'safeContact.textSafe': 'caseworkFieldTextSafe',
  'safeContact.safeTimes': 'caseworkFieldSafeTimes',
  'safeContact.intermediary': 'caseworkFieldIntermediary',
  'consent.record': 'caseworkFieldConsentRecord',
  'consent.refer': 'caseworkFieldConsentRefer',
  'consent.shareDeidentified': 'caseworkFieldConsentShare',
  'consent.givenBy': 'caseworkFieldConsentGivenBy',
  'consent.givenAt': 'caseworkFieldConsentGivenAt',
  justicePathway: 'caseworkFieldJusticePathway',
  assignedCompanionId: 'caseworkFieldCompanion',
  coCompanionId: 'caseworkFieldCoCompanion',
  restricted: 'caseworkFieldRestricted',
  excludedUserIds: 'caseworkFieldExcludedUsers',
};

/** The actions the history groups its changes by: creation, edits, the workflow's targets, assignment. */
export const HISTORY_ACTIONS: Record<string, MessageKey> = {
  create: 'historyCreate',
  update: 'historyUpdate',
  active: 'historyActivate',
  closure_requested: 'historyRequestClosure',
  closed: 'historyClose',
  reopened: 'historyReopen',
  assign: 'historyAssign',
};

/** Fields whose values are codes, and the code list that names them. */
const CODED: Record<string, string> = {
  status: 'caseStatus',
  closureReason: 'closureReason',
  placeType: 'placeType',
  referralSource: 'referralSource',
  riskLevel: 'riskLevel',
  violenceTypes: 'violenceTypes',
  tpksForms: 'tpksForms',
  'survivor.sex': 'sex',
  'survivor.disability': 'disability',
  'survivor.maritalStatus': 'maritalStatus',
  'consent.givenBy': 'consentGivenBy',
  'perpetrators.relationship': 'relationship',
  'perpetrators.sex': 'sex',
  'perpetrators.ageGroup': 'perpetratorAgeGroup',
};

const DAYS = new Set(['intakeDate', 'incidentDate', 'survivor.birthDate', 'consent.givenAt']);

/** Ids of regions, villages, groups and users: a uuid tells a reader nothing, so only the field's name shows. */
const REFERENCES = new Set([
  'regionId',
  'villageId',
  'groupId',
  'assignedCompanionId',
  'coCompanionId',
  'excludedUserIds',
]);

export interface ValueWords {
  codes: CodeLists;
  language: Language;
  yes: string;
  no: string;
  cleared: string;
}

/**
 * A history value as the reader reads it: codes through their list, days as dates, flags as yes
 * or no; undefined where there is nothing worth showing (a reference, or a value the API held back).
 */
export function historyValue(field: string, value: unknown, hasValue: boolean, words: ValueWords): string | undefined {
  if (!hasValue || REFERENCES.has(field)) return undefined;
  const one = (item: unknown): string => {
    if (item === null || item === undefined || item === '') return words.cleared;
    if (typeof item === 'boolean') return item ? words.yes : words.no;
    if (typeof item === 'string' && CODED[field]) return codeLabel(words.codes, words.language, CODED[field], item);
    if (typeof item === 'string' && DAYS.has(field)) return calendarDay(words.language, item);
    if (typeof item === 'object' && 'stage' in item && typeof item.stage === 'string') {
      const day = 'date' in item && typeof item.date === 'string' ? ` (${calendarDay(words.language, item.date)})` : '';
      return codeLabel(words.codes, words.language, 'justicePathwayStage', item.stage) + day;
    }
    return String(item);
  };
  if (Array.isArray(value)) return value.length === 0 ? words.cleared : value.map(one).join(', ');
  return one(value);
}
