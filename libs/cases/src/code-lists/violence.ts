import { codesOf, CodeEntry, CodeListError, CodeOf, isCode } from './code-list';

/*
 * Violence types are coded three ways from one record (SPEC §4):
 *
 * 1. the seven SIMFONI-PPA categories (`violenceTypes`, one or more), the national reporting scheme;
 * 2. for sexual violence, the forms of UU TPKS (Law 12/2022) art. 4 (`tpksForms`, zero or more);
 * 3. the six GBVIMS core types, never entered by hand but derived from 1 and 2 through the mapping
 *    tables below, for international reporting.
 */

/** SIMFONI-PPA "jenis kekerasan": the codes are SIMFONI's own words. */
export const VIOLENCE_TYPE_LIST = [
  { code: 'fisik', label: { id: 'Kekerasan fisik', en: 'Physical violence' } },
  { code: 'psikis', label: { id: 'Kekerasan psikis', en: 'Psychological violence' } },
  { code: 'seksual', label: { id: 'Kekerasan seksual', en: 'Sexual violence' } },
  { code: 'eksploitasi', label: { id: 'Eksploitasi', en: 'Exploitation' } },
  { code: 'trafficking', label: { id: 'Perdagangan orang (TPPO)', en: 'Trafficking in persons' } },
  { code: 'penelantaran', label: { id: 'Penelantaran', en: 'Neglect' } },
  { code: 'lainnya', label: { id: 'Lainnya', en: 'Other' } },
] as const satisfies readonly CodeEntry[];
export const VIOLENCE_TYPE_CODES = codesOf(VIOLENCE_TYPE_LIST);
export type ViolenceType = CodeOf<typeof VIOLENCE_TYPE_LIST>;

/**
 * Forms of sexual violence of UU TPKS. Art. 4(1) lists nine offences defined by the law itself
 * (defined in arts. 5, 6 and 8 to 14). Art. 4(2) adds offences defined in other laws, among them
 * rape (perkosaan), which is therefore not an art. 4(1) form by name, yet is what reports most need
 * to tell apart. The list carries the nine forms of art. 4(1) and the four art. 4(2) offences
 * that describe an act against the survivor; `article` says which paragraph and letter:
 *
 * - 4(2)(a) perkosaan, rape (KUHP);
 * - 4(2)(b) perbuatan cabul, indecent assault (KUHP), also used for a child;
 * - 4(2)(c) persetubuhan terhadap anak, sexual intercourse with a child (UU Perlindungan Anak);
 *   the rest of letter (c) is coded with the other forms: an indecent act against a child is
 *   `perbuatan_cabul`, sexual exploitation of a child is `eksploitasi_seksual`;
 * - 4(2)(f) pemaksaan pelacuran, forced prostitution.
 *
 * The other letters of art. 4(2) name a context rather than an act and are coded otherwise:
 * (d) acts against decency and (e) child pornography by the act (`pelecehan_seksual_*`,
 * `kekerasan_seksual_berbasis_elektronik`, `eksploitasi_seksual`); (g) trafficking for sexual
 * exploitation as SIMFONI `trafficking` plus `eksploitasi_seksual`; (h) sexual violence in the
 * household by the act plus the perpetrator's relationship; (i) money laundering and (j) other
 * laws are not acts against a survivor.
 */
export const TPKS_FORM_LIST = [
  {
    code: 'pelecehan_seksual_nonfisik',
    article: '4(1)(a)',
    label: { id: 'Pelecehan seksual nonfisik', en: 'Non-physical sexual harassment' },
  },
  {
    code: 'pelecehan_seksual_fisik',
    article: '4(1)(b)',
    label: { id: 'Pelecehan seksual fisik', en: 'Physical sexual harassment' },
  },
  {
    code: 'pemaksaan_kontrasepsi',
    article: '4(1)(c)',
    label: { id: 'Pemaksaan kontrasepsi', en: 'Forced contraception' },
  },
  {
    code: 'pemaksaan_sterilisasi',
    article: '4(1)(d)',
    label: { id: 'Pemaksaan sterilisasi', en: 'Forced sterilisation' },
  },
  { code: 'pemaksaan_perkawinan', article: '4(1)(e)', label: { id: 'Pemaksaan perkawinan', en: 'Forced marriage' } },
  { code: 'penyiksaan_seksual', article: '4(1)(f)', label: { id: 'Penyiksaan seksual', en: 'Sexual torture' } },
  { code: 'eksploitasi_seksual', article: '4(1)(g)', label: { id: 'Eksploitasi seksual', en: 'Sexual exploitation' } },
  { code: 'perbudakan_seksual', article: '4(1)(h)', label: { id: 'Perbudakan seksual', en: 'Sexual slavery' } },
  {
    code: 'kekerasan_seksual_berbasis_elektronik',
    article: '4(1)(i)',
    label: {
      id: 'Kekerasan seksual berbasis elektronik (KSBE)',
      en: 'Electronic-based (technology-facilitated) sexual violence',
    },
  },
  { code: 'perkosaan', article: '4(2)(a)', label: { id: 'Perkosaan', en: 'Rape' } },
  {
    code: 'perbuatan_cabul',
    article: '4(2)(b)',
    label: { id: 'Perbuatan cabul', en: 'Indecent assault (perbuatan cabul)' },
  },
  {
    code: 'persetubuhan_terhadap_anak',
    article: '4(2)(c)',
    label: { id: 'Persetubuhan terhadap anak', en: 'Sexual intercourse with a child' },
  },
  { code: 'pemaksaan_pelacuran', article: '4(2)(f)', label: { id: 'Pemaksaan pelacuran', en: 'Forced prostitution' } },
] as const satisfies readonly (CodeEntry & { article: string })[];
export const TPKS_FORM_CODES = codesOf(TPKS_FORM_LIST);
export type TpksForm = CodeOf<typeof TPKS_FORM_LIST>;

/**
 * The six GBVIMS core types, in the order of the GBV Classification Tool. GBVIMS classifies each
 * incident by exactly one type, the first of this list that applies (penetration? then rape;
 * unwanted sexual contact? then sexual assault; and so on), and records exploitation, trafficking,
 * intimate partner violence, child sexual abuse or early marriage as case contexts, not types.
 */
export const GBVIMS_TYPE_LIST = [
  { code: 'rape', label: { id: 'Perkosaan', en: 'Rape' } },
  { code: 'sexual_assault', label: { id: 'Serangan seksual (tanpa penetrasi)', en: 'Sexual assault' } },
  { code: 'physical_assault', label: { id: 'Serangan fisik', en: 'Physical assault' } },
  {
    code: 'forced_marriage',
    label: { id: 'Perkawinan paksa (termasuk perkawinan anak)', en: 'Forced marriage (incl. child marriage)' },
  },
  {
    code: 'denial_of_resources',
    label: {
      id: 'Penghalangan akses atas sumber daya, kesempatan, atau layanan',
      en: 'Denial of resources, opportunities or services',
    },
  },
  {
    code: 'psychological_emotional_abuse',
    label: { id: 'Kekerasan psikologis / emosional', en: 'Psychological / emotional abuse' },
  },
] as const satisfies readonly CodeEntry[];
export const GBVIMS_TYPE_CODES = codesOf(GBVIMS_TYPE_LIST);
export type GbvimsType = CodeOf<typeof GBVIMS_TYPE_LIST>;

export interface GbvimsRule {
  /** The GBVIMS types a code implies whenever it is present. Empty: deliberately unmapped, see `reason`. */
  readonly gbvims: readonly GbvimsType[];
  /** Types implied only when the case has no TPKS form at all (the SIMFONI `seksual` category alone). */
  readonly fallbackWithoutTpksForm?: readonly GbvimsType[];
  /** The GBVIMS definition the choice rests on, or why the code has no type of its own. */
  readonly reason: string;
}

/** SIMFONI-PPA category → GBVIMS core types. Keyed by code, so the compiler refuses a category left out. */
export const SIMFONI_TO_GBVIMS = {
  fisik: {
    gbvims: ['physical_assault'],
    reason:
      'GBVIMS physical assault: physical violence that is not sexual in nature (hitting, choking, burning, weapons).',
  },
  psikis: {
    gbvims: ['psychological_emotional_abuse'],
    reason: 'GBVIMS psychological/emotional abuse: threats, intimidation, humiliation, forced isolation, stalking.',
  },
  seksual: {
    gbvims: [],
    fallbackWithoutTpksForm: ['sexual_assault'],
    reason:
      'The category alone does not say whether there was penetration (rape), contact (sexual assault) or neither ' +
      '(non-physical harassment, a psychological abuse in GBVIMS): the TPKS forms decide. Without any form the case ' +
      'counts as sexual assault, the GBVIMS type for non-consensual sexual contact, so that it is not lost; code ' +
      '`perkosaan` or `persetubuhan_terhadap_anak` for it to count as rape.',
  },
  eksploitasi: {
    gbvims: [],
    reason:
      'GBVIMS treats exploitation as a case context, not a type: the type comes from the act (sexual exploitation is ' +
      'coded with the TPKS form `eksploitasi_seksual`; economic exploitation that deprives the survivor of ' +
      'schooling, earnings or care with `penelantaran`).',
  },
  trafficking: {
    gbvims: [],
    reason:
      'GBVIMS treats trafficking as a case context, not a type: the acts done to the survivor are coded with the other ' +
      'categories and forms (`trafficking` + `eksploitasi_seksual` for trafficking for sexual exploitation).',
  },
  penelantaran: {
    gbvims: ['denial_of_resources'],
    reason:
      'GBVIMS denial of resources, opportunities or services: withholding livelihood, earnings, schooling or health ' +
      'care; neglect of a child and economic neglect in the household (UU PKDRT) are both that.',
  },
  lainnya: {
    gbvims: [],
    reason: 'Says nothing about the act; a case coded only so has no GBVIMS type and is reported as not classifiable.',
  },
} as const satisfies Record<ViolenceType, GbvimsRule>;

/** UU TPKS form → GBVIMS core types. Keyed by code, so the compiler refuses a form left out. */
export const TPKS_TO_GBVIMS = {
  pelecehan_seksual_nonfisik: {
    gbvims: ['psychological_emotional_abuse'],
    reason:
      'No physical contact: GBVIMS classifies unwanted remarks, gestures or written words of a sexual nature as ' +
      'psychological/emotional abuse, not sexual assault.',
  },
  pelecehan_seksual_fisik: {
    gbvims: ['sexual_assault'],
    reason: 'Non-consensual sexual contact without penetration (unwanted touching, kissing): GBVIMS sexual assault.',
  },
  pemaksaan_kontrasepsi: {
    gbvims: ['physical_assault'],
    reason:
      'GBVIMS has no type for reproductive coercion. Contraception forced on the body by force, threat or deceit is a ' +
      'non-sexual act of physical violence causing bodily harm: physical assault. (Preventing a woman from using ' +
      'contraception is denial of resources in GBVIMS; that is not this form.) A judgement call to review with M&E staff.',
  },
  pemaksaan_sterilisasi: {
    gbvims: ['physical_assault'],
    reason:
      'As forced contraception, with permanent harm: a non-sexual act of violence against the body, physical assault.',
  },
  pemaksaan_perkawinan: {
    gbvims: ['forced_marriage'],
    reason:
      'GBVIMS forced marriage; TPKS art. 10 includes child marriage, which GBVIMS also counts as forced marriage.',
  },
  penyiksaan_seksual: {
    gbvims: ['sexual_assault'],
    reason:
      'Sexual acts against the body to punish, intimidate or extract information (TPKS art. 11): at least sexual ' +
      'assault; if there was penetration, `perkosaan` is coded as well and rape takes precedence.',
  },
  eksploitasi_seksual: {
    gbvims: ['sexual_assault'],
    reason:
      'Sexual acts obtained by abusing power, trust or deceit for gain (TPKS art. 12): at least non-consensual sexual ' +
      'contact, sexual assault; `perkosaan` is coded as well when there was penetration. GBVIMS adds exploitation as a context.',
  },
  perbudakan_seksual: {
    gbvims: ['sexual_assault'],
    reason:
      'Holding a person under control to exploit sexually (TPKS art. 13): at least sexual assault; rape and forced ' +
      'marriage are coded with their own forms when disclosed.',
  },
  kekerasan_seksual_berbasis_elektronik: {
    gbvims: ['psychological_emotional_abuse'],
    reason:
      'Recording, sharing or threatening to share sexual content, or tracking a person, without consent (TPKS art. 14): ' +
      'no physical contact, which GBVIMS classifies as psychological/emotional abuse (harassment, stalking, threats).',
  },
  perkosaan: {
    gbvims: ['rape'],
    reason: 'GBVIMS rape: non-consensual penetration, however slight, of the vagina, anus or mouth.',
  },
  perbuatan_cabul: {
    gbvims: ['sexual_assault'],
    reason: 'Indecent assault is sexual contact without penetration: GBVIMS sexual assault.',
  },
  persetubuhan_terhadap_anak: {
    gbvims: ['rape'],
    reason: 'Sexual intercourse with a child: a child cannot consent, so GBVIMS counts penetration of a child as rape.',
  },
  pemaksaan_pelacuran: {
    gbvims: ['sexual_assault'],
    reason:
      'Forced prostitution: at least non-consensual sexual contact; `perkosaan` is coded as well for forced ' +
      'intercourse, as the survivor discloses it. GBVIMS adds sexual exploitation as a context.',
  },
} as const satisfies Record<TpksForm, GbvimsRule>;

export interface ViolenceCoding {
  readonly violenceTypes: readonly ViolenceType[];
  readonly tpksForms?: readonly TpksForm[];
}

/**
 * Every GBVIMS core type a case's coding implies, without duplicates, in the Classification
 * Tool's order. Empty when nothing in the coding describes an act GBVIMS classifies (only
 * `eksploitasi`, `trafficking` or `lainnya`). Throws CodeListError for an unknown code.
 */
export function gbvimsTypesOf(coding: ViolenceCoding): GbvimsType[] {
  const violenceTypes = coding.violenceTypes;
  const tpksForms = coding.tpksForms ?? [];
  for (const code of violenceTypes) {
    if (!isCode(VIOLENCE_TYPE_LIST, code))
      throw new CodeListError(`Unknown code ${JSON.stringify(code)} in violenceTypes.`);
  }
  for (const code of tpksForms) {
    if (!isCode(TPKS_FORM_LIST, code)) throw new CodeListError(`Unknown code ${JSON.stringify(code)} in tpksForms.`);
  }
  const found = new Set<GbvimsType>();
  for (const code of violenceTypes) {
    const rule: GbvimsRule = SIMFONI_TO_GBVIMS[code];
    for (const type of rule.gbvims) found.add(type);
    if (tpksForms.length === 0) for (const type of rule.fallbackWithoutTpksForm ?? []) found.add(type);
  }
  for (const code of tpksForms) {
    for (const type of TPKS_TO_GBVIMS[code].gbvims) found.add(type);
  }
  return GBVIMS_TYPE_CODES.filter((type) => found.has(type));
}

/**
 * The one type a GBVIMS incident count uses: the first that applies in the Classification Tool's
 * order (rape before sexual assault before physical assault …), or null when none does.
 */
export function gbvimsPrimaryType(coding: ViolenceCoding): GbvimsType | null {
  return gbvimsTypesOf(coding)[0] ?? null;
}
