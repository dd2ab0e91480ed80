import type { CodeLists } from '../ui/labels';
import type { MessageKey } from '../i18n/messages';

/** The steps of the intake (SPEC §11), in order; each field of a case belongs to one. */
export const STEPS = ['survivor', 'incident', 'perpetrators', 'consent'] as const;
export type Step = (typeof STEPS)[number];

export type FieldKind =
  'text' | 'longText' | 'phone' | 'date' | 'caseDate' | 'code' | 'codes' | 'flag' | 'age' | 'nik' | 'perpetrators';

/** A field of a case as the forms show it: its dotted path in the case JSON (SPEC §9) and the rules of its DTO. */
export interface CaseField {
  path: string;
  step: Step;
  kind: FieldKind;
  label: MessageKey;
  /** The code list of `GET /code-lists` for codes. */
  list?: keyof CodeLists;
  /** The DTO's maximum length for texts. */
  max?: number;
  required?: boolean;
}

/**
 * The case fields of the intake and the edit, with the limits of CreateCaseDto and UpdateCaseDto
 * (apps/api/src/cases/case.dtos.ts). Place and perpetrators have forms of their own.
 */
export const CASE_FIELDS: readonly CaseField[] = [
  { path: 'survivor.name', step: 'survivor', kind: 'text', max: 200, label: 'intakeSurvivorName' },
  { path: 'survivor.alias', step: 'survivor', kind: 'text', max: 200, label: 'intakeSurvivorAlias' },
  { path: 'survivor.sex', step: 'survivor', kind: 'code', list: 'sex', required: true, label: 'intakeSurvivorSex' },
  { path: 'survivor.birthDate', step: 'survivor', kind: 'date', label: 'intakeSurvivorBirthDate' },
  { path: 'survivor.ageAtIntake', step: 'survivor', kind: 'age', label: 'intakeSurvivorAge' },
  { path: 'survivor.ageEstimated', step: 'survivor', kind: 'flag', label: 'intakeSurvivorAgeEstimated' },
  { path: 'survivor.nik', step: 'survivor', kind: 'nik', label: 'intakeSurvivorNik' },
  { path: 'survivor.phone', step: 'survivor', kind: 'phone', max: 40, label: 'intakeSurvivorPhone' },
  { path: 'survivor.address', step: 'survivor', kind: 'longText', max: 500, label: 'intakeSurvivorAddress' },
  {
    path: 'survivor.disability',
    step: 'survivor',
    kind: 'code',
    list: 'disability',
    label: 'intakeSurvivorDisability',
  },
  {
    path: 'survivor.maritalStatus',
    step: 'survivor',
    kind: 'code',
    list: 'maritalStatus',
    label: 'intakeSurvivorMaritalStatus',
  },
  { path: 'intakeDate', step: 'incident', kind: 'caseDate', required: true, label: 'intakeIntakeDate' },
  {
    path: 'violenceTypes',
    step: 'incident',
    kind: 'codes',
    list: 'violenceTypes',
    required: true,
    label: 'intakeViolenceTypes',
  },
  { path: 'incidentDate', step: 'incident', kind: 'caseDate', label: 'intakeIncidentDate' },
  { path: 'incidentDateApproximate', step: 'incident', kind: 'flag', label: 'intakeIncidentDateApproximate' },
  { path: 'placeType', step: 'incident', kind: 'code', list: 'placeType', label: 'intakePlaceType' },
  { path: 'referralSource', step: 'incident', kind: 'code', list: 'referralSource', label: 'intakeReferralSource' },
  { path: 'narrative', step: 'incident', kind: 'longText', max: 20_000, label: 'intakeNarrative' },
  { path: 'riskLevel', step: 'consent', kind: 'code', list: 'riskLevel', label: 'intakeRiskLevel' },
  { path: 'safetyPlan', step: 'consent', kind: 'longText', max: 10_000, label: 'intakeSafetyPlan' },
  { path: 'consent.record', step: 'consent', kind: 'flag', required: true, label: 'intakeConsentRecord' },
  { path: 'consent.refer', step: 'consent', kind: 'flag', label: 'intakeConsentRefer' },
  { path: 'consent.shareDeidentified', step: 'consent', kind: 'flag', label: 'intakeConsentShare' },
  { path: 'consent.givenBy', step: 'consent', kind: 'code', list: 'consentGivenBy', label: 'intakeConsentGivenBy' },
  { path: 'consent.givenAt', step: 'consent', kind: 'date', label: 'intakeConsentGivenAt' },
];

/** One perpetrator as typed: each field of PerpetratorDto as text, empty when not known. */
export type Perpetrator = Record<string, string>;

export type Value = string | boolean | string[] | Perpetrator[];
export type Values = Record<string, Value>;
export type Problems = Partial<Record<string, MessageKey>>;

/** The fields of PerpetratorDto, in the order the forms show them. */
export const PERPETRATOR_KEYS = ['relationship', 'sex', 'ageGroup', 'name', 'phone'] as const;

export const emptyValue = (field: Pick<CaseField, 'kind'>): Value =>
  field.kind === 'flag' ? false : field.kind === 'codes' || field.kind === 'perpetrators' ? [] : '';

const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** The earliest date a case may carry (EARLIEST_CASE_DATE of the API). */
const EARLIEST_CASE_DATE = '1900-01-01';
const MAX_AGE = 120;

export const isCalendarDay = (value: string) =>
  CALENDAR_DAY.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/**
 * Today on the phone's own calendar: the companion is where the case is, and the API checks the
 * region's today again. (A UTC day would refuse this morning's intake before 07:00 WIB.)
 */
export const localToday = () => new Intl.DateTimeFormat('en-CA').format(new Date());

const codesOf = (codes: CodeLists, list: keyof CodeLists | undefined) =>
  (list ? (codes[list] ?? []) : []).map((e) => e.code);

/** What is wrong with one value, by the rules its DTO applies; undefined when nothing is. */
export function fieldProblem(field: CaseField, value: Value, codes: CodeLists): MessageKey | undefined {
  // Each perpetrator's fields are checked on their own (perpetratorProblems).
  if (field.kind === 'perpetrators') return undefined;
  if (field.kind === 'flag') return field.required && value !== true ? 'intakeConsentRequired' : undefined;
  if (field.kind === 'codes') {
    const chosen = value as string[];
    if (field.required && chosen.length === 0) return 'intakeChooseOne';
    return chosen.every((code) => codesOf(codes, field.list).includes(code)) ? undefined : 'intakeChooseOne';
  }
  const text = value as string;
  if (text === '') return field.required ? (field.kind === 'code' ? 'intakeChoose' : 'intakeRequired') : undefined;
  switch (field.kind) {
    case 'code':
      return codesOf(codes, field.list).includes(text) ? undefined : 'intakeChoose';
    case 'date':
      return isCalendarDay(text) ? undefined : 'intakeDateInvalid';
    case 'caseDate':
      if (!isCalendarDay(text) || text < EARLIEST_CASE_DATE) return 'intakeDateInvalid';
      return text > localToday() ? 'intakeDateFuture' : undefined;
    case 'age':
      return /^\d{1,3}$/.test(text) && Number(text) <= MAX_AGE ? undefined : 'intakeAgeInvalid';
    case 'nik':
      return /^\d{16}$/.test(text) ? undefined : 'intakeNikInvalid';
    default:
      return field.max !== undefined && text.length > field.max ? 'intakeTooLong' : undefined;
  }
}

export function problemsOf(fields: readonly CaseField[], values: Values, codes: CodeLists): Problems {
  const problems: Problems = {};
  for (const field of fields) {
    const problem = fieldProblem(field, values[field.path] ?? emptyValue(field), codes);
    if (problem) problems[field.path] = problem;
  }
  return problems;
}

/** The value the API takes for a typed one; null for an emptied one (the DTO's `Clearable`). */
export function apiValue(field: CaseField, value: Value): unknown {
  if (field.kind === 'perpetrators')
    return (value as Perpetrator[]).map((perpetrator) =>
      Object.fromEntries(Object.entries(perpetrator).filter(([, text]) => text !== '')),
    );
  if (field.kind === 'flag' || field.kind === 'codes') return value;
  if (value === '') return null;
  return field.kind === 'age' ? Number(value) : value;
}

/** A typed value from the case JSON: what the form shows for it. */
export function typedValue(field: CaseField, value: unknown): Value {
  if (field.kind === 'perpetrators')
    return (Array.isArray(value) ? (value as Record<string, unknown>[]) : []).map((perpetrator) =>
      Object.fromEntries(
        PERPETRATOR_KEYS.map((key) => [
          key,
          perpetrator[key] === null || perpetrator[key] === undefined ? '' : String(perpetrator[key]),
        ]),
      ),
    );
  if (field.kind === 'flag') return value === true;
  if (field.kind === 'codes') return Array.isArray(value) ? value.map(String) : [];
  return value === null || value === undefined ? '' : String(value);
}

export function valueAt(record: object, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined),
      record,
    );
}

/** Builds the nested body of SPEC §9 (`survivor.name` → `{survivor: {name}}`). */
export function nest(entries: [string, unknown][]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [path, value] of entries) {
    const keys = path.split('.');
    let at = body;
    for (const key of keys.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
    at[keys[keys.length - 1]!] = value;
  }
  return body;
}

/** Codes compare as sets; perpetrators as a list in order (their order is kept by the API). */
const comparable = (value: Value | undefined) =>
  Array.isArray(value) && value.every((item) => typeof item === 'string') ? [...value].sort() : value;

export const sameValue = (a: Value | undefined, b: Value | undefined) =>
  JSON.stringify(comparable(a)) === JSON.stringify(comparable(b));
