import type { CaseEntity } from './case.entity';

type CaseColumn = keyof CaseEntity;

/**
 * Where each case field of the API lives: its dotted name (SPEC §9, and the rules table) and the
 * entity property. The one mapping used to write columns, build views and record history.
 * Sealed fields are AEAD ciphertexts bound to the case and the field's dotted name.
 */
export const SEALED_CASE_FIELDS = {
  'survivor.name': 'survivorName',
  'survivor.alias': 'survivorAlias',
  'survivor.phone': 'survivorPhone',
  'survivor.address': 'survivorAddress',
  'survivor.birthDate': 'survivorBirthDate',
  'survivor.nik': 'survivorNik',
  'guardian.name': 'guardianName',
  'guardian.phone': 'guardianPhone',
  narrative: 'narrative',
  safetyPlan: 'safetyPlan',
  medicalNotes: 'medicalNotes',
  'safeContact.safeTimes': 'safeContactSafeTimes',
  'safeContact.intermediary': 'safeContactIntermediary',
  statusReason: 'statusReason',
} as const satisfies Record<string, CaseColumn>;

/** Coded fields stored as they are sent. */
export const WRITTEN_CODED_CASE_FIELDS = {
  regionId: 'regionId',
  villageId: 'villageId',
  groupId: 'groupId',
  intakeDate: 'intakeDate',
  incidentDate: 'incidentDate',
  incidentDateApproximate: 'incidentDateApproximate',
  placeType: 'placeType',
  referralSource: 'referralSource',
  riskLevel: 'riskLevel',
  violenceTypes: 'violenceTypes',
  tpksForms: 'tpksForms',
  'survivor.sex': 'survivorSex',
  'survivor.ageAtIntake': 'survivorAgeAtIntake',
  'survivor.ageEstimated': 'survivorAgeEstimated',
  'survivor.disability': 'survivorDisability',
  'survivor.maritalStatus': 'survivorMaritalStatus',
  'consent.record': 'consentRecord',
  'consent.refer': 'consentRefer',
  'consent.shareDeidentified': 'consentShareDeidentified',
  'consent.givenBy': 'consentGivenBy',
  'consent.givenAt': 'consentGivenAt',
  'safeContact.callSafe': 'safeContactCallSafe',
  'safeContact.textSafe': 'safeContactTextSafe',
  justicePathway: 'justicePathway',
  assignedCompanionId: 'assignedCompanionId',
  coCompanionId: 'coCompanionId',
  restricted: 'restricted',
  excludedUserIds: 'excludedUserIds',
} as const satisfies Record<string, CaseColumn>;

/** Coded fields the system sets. */
export const SYSTEM_CODED_CASE_FIELDS = {
  id: 'id',
  caseNumber: 'caseNumber',
  version: 'version',
  status: 'status',
  closureReason: 'closureReason',
  nextFollowUpDue: 'nextFollowUpDue',
  createdBy: 'createdBy',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
} as const satisfies Record<string, CaseColumn>;

export type SealedCaseField = keyof typeof SEALED_CASE_FIELDS;
export type WrittenCodedCaseField = keyof typeof WRITTEN_CODED_CASE_FIELDS;

export const isSealedCaseField = (field: string): field is SealedCaseField => field in SEALED_CASE_FIELDS;
export const isWrittenCodedCaseField = (field: string): field is WrittenCodedCaseField =>
  field in WRITTEN_CODED_CASE_FIELDS;

/** The nested objects of the case JSON whose keys are fields of their own (`survivor.name`). */
const NESTED = new Set(['survivor', 'guardian', 'safeContact', 'consent']);

/** `{ survivor: { name } }` → `{ 'survivor.name': … }`, one level deep, arrays kept whole; undefined dropped. */
export function flattenCaseInput(input: object): Map<string, unknown> {
  const flat = new Map<string, unknown>();
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (NESTED.has(key) && value !== null && typeof value === 'object') {
      for (const [inner, innerValue] of Object.entries(value))
        if (innerValue !== undefined) flat.set(`${key}.${inner}`, innerValue);
    } else flat.set(key, value);
  }
  return flat;
}

/** Sets `survivor.name` in a nested view object. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const [head, ...rest] = path.split('.');
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const child = (target[head] ??= {}) as Record<string, unknown>;
  setPath(child, rest.join('.'), value);
}
