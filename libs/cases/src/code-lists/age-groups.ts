import { CodeEntry, CodeListError, CodeOf, codesOf } from './code-list';

/*
 * Age groups are derived, never entered: from the survivor's age at intake (SPEC §4), one band
 * per reporting scheme. Codes are the bands as written in the reports ("13-17", "60+"), the one
 * exception to snake_case codes, as the case resource of SPEC §9 shows.
 */

export const MIN_AGE = 0;
export const MAX_AGE = 120;
/** Under 18 is a child: UU 35/2014 on child protection, art. 1, and the Convention on the Rights of the Child. */
export const ADULT_AGE = 18;

export interface AgeBand<C extends string = string> extends CodeEntry<C> {
  readonly min: number;
  /** Inclusive; null for the open-ended last band. */
  readonly max: number | null;
}

/** The SIMFONI-PPA bands of the KemenPPPA's victim statistics. */
export const SIMFONI_AGE_GROUP_LIST = [
  { code: '0-5', min: 0, max: 5, label: { id: '0–5 tahun', en: '0–5 years' } },
  { code: '6-12', min: 6, max: 12, label: { id: '6–12 tahun', en: '6–12 years' } },
  { code: '13-17', min: 13, max: 17, label: { id: '13–17 tahun', en: '13–17 years' } },
  { code: '18-24', min: 18, max: 24, label: { id: '18–24 tahun', en: '18–24 years' } },
  { code: '25-44', min: 25, max: 44, label: { id: '25–44 tahun', en: '25–44 years' } },
  { code: '45-59', min: 45, max: 59, label: { id: '45–59 tahun', en: '45–59 years' } },
  { code: '60+', min: 60, max: null, label: { id: '60 tahun ke atas', en: '60 years and over' } },
] as const satisfies readonly AgeBand[];
export const SIMFONI_AGE_GROUP_CODES = codesOf(SIMFONI_AGE_GROUP_LIST);
export type SimfoniAgeGroup = CodeOf<typeof SIMFONI_AGE_GROUP_LIST>;

/**
 * A perpetrator's age group: chosen by the companion (a perpetrator's exact age is rarely known),
 * in the SIMFONI-PPA bands, or unknown.
 */
export const PERPETRATOR_AGE_GROUP_LIST = [
  ...SIMFONI_AGE_GROUP_LIST.map(({ code, label }) => ({ code, label })),
  { code: 'unknown', label: { id: 'Tidak diketahui', en: 'Unknown' } },
] as const satisfies readonly CodeEntry[];
export const PERPETRATOR_AGE_GROUP_CODES = codesOf(PERPETRATOR_AGE_GROUP_LIST);
export type PerpetratorAgeGroup = CodeOf<typeof PERPETRATOR_AGE_GROUP_LIST>;

/**
 * The survivor age bands of GBVIMS statistics (Incident Recorder): children 0-11, adolescents
 * 12-17, adults 18+. Two differences with GBVIMS to keep in mind when reporting:
 * - GBVIMS bands the age at the time of the incident; Pendamping bands whatever age it is given,
 *   the age at intake for the case's stored group (SPEC §4): the caller chooses;
 * - GBVIMS has finer adult bands for perpetrators (18-25, 26-40, 41-60, 61+); perpetrators here
 *   only have a SIMFONI band, which does not convert to those, so none is derived.
 */
export const GBVIMS_AGE_GROUP_LIST = [
  { code: '0-11', min: 0, max: 11, label: { id: 'Anak (0–11 tahun)', en: 'Child (0–11 years)' } },
  { code: '12-17', min: 12, max: 17, label: { id: 'Remaja (12–17 tahun)', en: 'Adolescent (12–17 years)' } },
  { code: '18+', min: 18, max: null, label: { id: 'Dewasa (18 tahun ke atas)', en: 'Adult (18 years and over)' } },
] as const satisfies readonly AgeBand[];
export const GBVIMS_AGE_GROUP_CODES = codesOf(GBVIMS_AGE_GROUP_LIST);
export type GbvimsAgeGroup = CodeOf<typeof GBVIMS_AGE_GROUP_LIST>;

/** Refuses anything but a whole number of years from 0 to 120, with a message saying so. */
export function assertValidAge(age: unknown): asserts age is number {
  if (typeof age !== 'number' || !Number.isInteger(age) || age < MIN_AGE || age > MAX_AGE) {
    const got = typeof age === 'number' ? String(age) : `a value of type ${age === null ? 'null' : typeof age}`;
    throw new CodeListError(`Age must be a whole number of years from ${MIN_AGE} to ${MAX_AGE}; got ${got}.`);
  }
}

function bandOf<const L extends readonly AgeBand[]>(bands: L, age: number): CodeOf<L> {
  assertValidAge(age);
  const band = bands.find((candidate) => age >= candidate.min && (candidate.max === null || age <= candidate.max));
  // The bands cover 0..120 without a gap (a unit test checks it), so this cannot happen.
  if (!band) throw new Error(`No age band holds ${age}.`);
  return band.code as CodeOf<L>;
}

export function simfoniAgeGroup(age: number): SimfoniAgeGroup {
  return bandOf(SIMFONI_AGE_GROUP_LIST, age);
}

export function gbvimsAgeGroup(age: number): GbvimsAgeGroup {
  return bandOf(GBVIMS_AGE_GROUP_LIST, age);
}

/** Under 18. */
export function isChild(age: number): boolean {
  assertValidAge(age);
  return age < ADULT_AGE;
}
