import { SERVICE_TYPES, ServiceType } from '@pendamping/auth/organizations/service-provider.entity';
import { codesOf, CodeEntry, CodeOf, Label } from './code-list';

/*
 * The coded fields of a case (SPEC §4, §9). Codes are stored and sent as they are; never rename
 * one (reports and offline clients hold them): add a new code and stop offering the old one.
 * Labels follow the words used in SIMFONI-PPA, by the KemenPPPA and by Indonesian service NGOs,
 * and may be reworded freely.
 */

export const PLACE_TYPE_LIST = [
  { code: 'home', label: { id: 'Rumah tangga', en: 'Home / household' } },
  { code: 'school', label: { id: 'Sekolah', en: 'School' } },
  { code: 'workplace', label: { id: 'Tempat kerja', en: 'Workplace' } },
  { code: 'public_place', label: { id: 'Fasilitas umum', en: 'Public place' } },
  { code: 'online', label: { id: 'Ranah daring (online)', en: 'Online' } },
  { code: 'other', label: { id: 'Lainnya', en: 'Other' } },
] as const satisfies readonly CodeEntry[];
export const PLACE_TYPE_CODES = codesOf(PLACE_TYPE_LIST);
export type PlaceType = CodeOf<typeof PLACE_TYPE_LIST>;

/** Who brought the case to the companion. */
export const REFERRAL_SOURCE_LIST = [
  { code: 'self', label: { id: 'Korban sendiri', en: 'Self-referral (survivor)' } },
  { code: 'family', label: { id: 'Keluarga', en: 'Family' } },
  { code: 'neighbour', label: { id: 'Tetangga', en: 'Neighbour' } },
  { code: 'village_head', label: { id: 'Kepala desa / ketua RT', en: 'Village head / neighbourhood (RT) head' } },
  { code: 'police', label: { id: 'Kepolisian', en: 'Police' } },
  { code: 'health_worker', label: { id: 'Tenaga kesehatan', en: 'Health worker' } },
  { code: 'teacher', label: { id: 'Guru', en: 'Teacher' } },
  { code: 'religious_leader', label: { id: 'Tokoh agama', en: 'Religious leader' } },
  { code: 'ngo', label: { id: 'Lembaga swadaya masyarakat (LSM)', en: 'NGO' } },
  { code: 'other', label: { id: 'Lainnya', en: 'Other' } },
] as const satisfies readonly CodeEntry[];
export const REFERRAL_SOURCE_CODES = codesOf(REFERRAL_SOURCE_LIST);
export type ReferralSource = CodeOf<typeof REFERRAL_SOURCE_LIST>;

/** The perpetrator's relationship to the survivor. `husband_partner` includes a dating partner (pacar). */
export const RELATIONSHIP_LIST = [
  {
    code: 'husband_partner',
    label: { id: 'Suami / pasangan / pacar', en: 'Husband / intimate partner (incl. dating partner)' },
  },
  { code: 'former_partner', label: { id: 'Mantan suami / mantan pasangan', en: 'Former husband / former partner' } },
  { code: 'parent', label: { id: 'Orang tua (ayah/ibu)', en: 'Parent' } },
  { code: 'step_parent', label: { id: 'Orang tua tiri (ayah/ibu tiri)', en: 'Step-parent' } },
  { code: 'other_family', label: { id: 'Anggota keluarga lain', en: 'Other family member' } },
  { code: 'neighbour', label: { id: 'Tetangga', en: 'Neighbour' } },
  { code: 'teacher', label: { id: 'Guru / pendidik', en: 'Teacher / educator' } },
  { code: 'employer', label: { id: 'Majikan / atasan kerja', en: 'Employer / supervisor' } },
  { code: 'religious_leader', label: { id: 'Tokoh agama', en: 'Religious leader' } },
  { code: 'stranger', label: { id: 'Orang tidak dikenal', en: 'Stranger' } },
  { code: 'other', label: { id: 'Lainnya', en: 'Other' } },
] as const satisfies readonly CodeEntry[];
export const RELATIONSHIP_CODES = codesOf(RELATIONSHIP_LIST);
export type Relationship = CodeOf<typeof RELATIONSHIP_LIST>;

export const SEX_LIST = [
  { code: 'female', label: { id: 'Perempuan', en: 'Female' } },
  { code: 'male', label: { id: 'Laki-laki', en: 'Male' } },
] as const satisfies readonly CodeEntry[];
export const SEX_CODES = codesOf(SEX_LIST);
export type Sex = CodeOf<typeof SEX_LIST>;

/**
 * Kinds of disability after UU 8/2016 art. 4 (fisik, intelektual, mental, sensorik, and "ganda
 * atau multi" when several apply). The law's "disabilitas mental" is what the code calls
 * psychosocial.
 */
export const DISABILITY_LIST = [
  { code: 'none', label: { id: 'Tidak ada disabilitas', en: 'No disability' } },
  { code: 'physical', label: { id: 'Disabilitas fisik', en: 'Physical disability' } },
  { code: 'sensory', label: { id: 'Disabilitas sensorik', en: 'Sensory disability' } },
  { code: 'intellectual', label: { id: 'Disabilitas intelektual', en: 'Intellectual disability' } },
  { code: 'psychosocial', label: { id: 'Disabilitas mental (psikososial)', en: 'Psychosocial disability' } },
  { code: 'multiple', label: { id: 'Disabilitas ganda atau multi', en: 'Multiple disabilities' } },
] as const satisfies readonly CodeEntry[];
export const DISABILITY_CODES = codesOf(DISABILITY_LIST);
export type Disability = CodeOf<typeof DISABILITY_LIST>;

/** The civil-registry (Dukcapil) terms: belum kawin, kawin, cerai hidup, cerai mati. */
export const MARITAL_STATUS_LIST = [
  { code: 'single', label: { id: 'Belum kawin', en: 'Single (never married)' } },
  { code: 'married', label: { id: 'Kawin', en: 'Married' } },
  { code: 'divorced', label: { id: 'Cerai hidup', en: 'Divorced' } },
  { code: 'widowed', label: { id: 'Cerai mati', en: 'Widowed' } },
] as const satisfies readonly CodeEntry[];
export const MARITAL_STATUS_CODES = codesOf(MARITAL_STATUS_LIST);
export type MaritalStatus = CodeOf<typeof MARITAL_STATUS_LIST>;

/**
 * The services a survivor is referred to: the codes are SERVICE_TYPES of @pendamping/auth (the
 * service directory), in its order; only the labels live here, and the compiler wants one per code.
 */
const SERVICE_TYPE_LABELS: Record<ServiceType, Label> = {
  police: { id: 'Kepolisian (Unit PPA)', en: 'Police (women and children unit, Unit PPA)' },
  health: { id: 'Layanan kesehatan (puskesmas, rumah sakit)', en: 'Health services (health centre, hospital)' },
  legal_aid: { id: 'Bantuan hukum (LBH, paralegal)', en: 'Legal aid (LBH, paralegal)' },
  psychosocial: {
    id: 'Dukungan psikososial (psikolog, konselor)',
    en: 'Psychosocial support (psychologist, counsellor)',
  },
  shelter: { id: 'Rumah aman / shelter', en: 'Shelter / safe house' },
  uptd_ppa: { id: 'UPTD PPA / P2TP2A', en: 'UPTD PPA / P2TP2A (local government women and child protection unit)' },
  customary_religious_leader: { id: 'Tokoh adat / tokoh agama', en: 'Customary or religious leader' },
  village_government: { id: 'Pemerintah desa', en: 'Village government' },
  social_services: { id: 'Dinas sosial / pekerja sosial', en: 'Social services' },
  education: {
    id: 'Layanan pendidikan (sekolah, pendidikan kesetaraan)',
    en: 'Education (school, equivalency programme)',
  },
  economic_support: { id: 'Pemberdayaan ekonomi', en: 'Economic support / livelihoods' },
};
export const SERVICE_TYPE_LIST: readonly CodeEntry<ServiceType>[] = SERVICE_TYPES.map((code) => ({
  code,
  label: SERVICE_TYPE_LABELS[code],
}));
export const SERVICE_TYPE_CODES = SERVICE_TYPES;

export const REFERRAL_STATUS_LIST = [
  { code: 'pending', label: { id: 'Menunggu tanggapan', en: 'Pending' } },
  { code: 'accepted', label: { id: 'Diterima', en: 'Accepted' } },
  { code: 'in_service', label: { id: 'Sedang mendapat layanan', en: 'Receiving the service' } },
  { code: 'completed', label: { id: 'Selesai', en: 'Completed' } },
  { code: 'declined', label: { id: 'Ditolak', en: 'Declined' } },
  { code: 'cancelled', label: { id: 'Dibatalkan', en: 'Cancelled' } },
] as const satisfies readonly CodeEntry[];
export const REFERRAL_STATUS_CODES = codesOf(REFERRAL_STATUS_LIST);
export type ReferralStatus = CodeOf<typeof REFERRAL_STATUS_LIST>;

/**
 * Kinds of follow-up. `family_mediation` is mediation for the survivor's needs within the family
 * (care of children, a safe place to stay); UU TPKS art. 23 forbids settling a sexual violence
 * case outside the justice process, so it is never a way to close such a case.
 */
export const FOLLOW_UP_TYPE_LIST = [
  { code: 'home_visit', label: { id: 'Kunjungan rumah', en: 'Home visit' } },
  { code: 'phone_call', label: { id: 'Telepon', en: 'Phone call' } },
  { code: 'accompaniment_police', label: { id: 'Pendampingan ke kepolisian', en: 'Accompaniment to the police' } },
  { code: 'accompaniment_court', label: { id: 'Pendampingan ke pengadilan', en: 'Accompaniment to court' } },
  {
    code: 'accompaniment_health',
    label: { id: 'Pendampingan ke layanan kesehatan', en: 'Accompaniment to a health service' },
  },
  { code: 'counselling', label: { id: 'Konseling', en: 'Counselling' } },
  { code: 'family_mediation', label: { id: 'Mediasi keluarga', en: 'Family mediation' } },
  { code: 'other', label: { id: 'Lainnya', en: 'Other' } },
] as const satisfies readonly CodeEntry[];
export const FOLLOW_UP_TYPE_CODES = codesOf(FOLLOW_UP_TYPE_LIST);
export type FollowUpType = CodeOf<typeof FOLLOW_UP_TYPE_LIST>;

export const CLOSURE_REASON_LIST = [
  { code: 'needs_met', label: { id: 'Kebutuhan korban telah terpenuhi', en: "Survivor's needs met" } },
  { code: 'survivor_withdrew', label: { id: 'Korban memilih berhenti didampingi', en: 'Survivor withdrew' } },
  { code: 'transferred', label: { id: 'Dialihkan ke lembaga lain', en: 'Transferred to another organisation' } },
  { code: 'unreachable', label: { id: 'Korban tidak dapat dihubungi', en: 'Survivor unreachable' } },
  { code: 'deceased', label: { id: 'Korban meninggal dunia', en: 'Survivor deceased' } },
  { code: 'duplicate', label: { id: 'Kasus tercatat ganda', en: 'Duplicate case' } },
] as const satisfies readonly CodeEntry[];
export const CLOSURE_REASON_CODES = codesOf(CLOSURE_REASON_LIST);
export type ClosureReason = CodeOf<typeof CLOSURE_REASON_LIST>;

export const RISK_LEVEL_LIST = [
  { code: 'low', label: { id: 'Rendah', en: 'Low' } },
  { code: 'medium', label: { id: 'Sedang', en: 'Medium' } },
  { code: 'high', label: { id: 'Tinggi', en: 'High' } },
  { code: 'critical', label: { id: 'Kritis', en: 'Critical' } },
] as const satisfies readonly CodeEntry[];
export const RISK_LEVEL_CODES = codesOf(RISK_LEVEL_LIST);
export type RiskLevel = CodeOf<typeof RISK_LEVEL_LIST>;

/**
 * The statuses a case can be in. `reopened` is a transition (back to `active`), not a status, so
 * it is not here.
 */
export const CASE_STATUS_LIST = [
  { code: 'open', label: { id: 'Terbuka', en: 'Open' } },
  { code: 'active', label: { id: 'Dalam penanganan', en: 'Active' } },
  { code: 'closure_requested', label: { id: 'Diusulkan ditutup', en: 'Closure requested' } },
  { code: 'closed', label: { id: 'Ditutup', en: 'Closed' } },
] as const satisfies readonly CodeEntry[];
export const CASE_STATUS_CODES = codesOf(CASE_STATUS_LIST);
export type CaseStatus = CodeOf<typeof CASE_STATUS_LIST>;

/** Who gave consent. For a child, a parent or guardian, or a best-interest decision when the guardian is the perpetrator or absent. */
export const CONSENT_GIVEN_BY_LIST = [
  { code: 'survivor', label: { id: 'Korban sendiri', en: 'Survivor' } },
  { code: 'guardian', label: { id: 'Orang tua / wali', en: 'Parent or guardian' } },
  {
    code: 'best_interest',
    label: { id: 'Keputusan demi kepentingan terbaik anak', en: "Decision in the child's best interest" },
  },
] as const satisfies readonly CodeEntry[];
export const CONSENT_GIVEN_BY_CODES = codesOf(CONSENT_GIVEN_BY_LIST);
export type ConsentGivenBy = CodeOf<typeof CONSENT_GIVEN_BY_LIST>;

/**
 * The stages of the criminal justice pathway, in the order a case usually goes through them
 * (each recorded with its date when it happens; stages may be skipped).
 */
export const JUSTICE_PATHWAY_STAGE_LIST = [
  { code: 'police_report', label: { id: 'Laporan polisi (LP)', en: 'Police report filed' } },
  { code: 'visum_et_repertum', label: { id: 'Visum et repertum', en: 'Medico-legal examination (visum et repertum)' } },
  { code: 'bap', label: { id: 'Pemeriksaan di kepolisian (BAP)', en: 'Police examination record (BAP)' } },
  { code: 'p21', label: { id: 'Berkas perkara lengkap (P21)', en: 'Case file declared complete (P21)' } },
  { code: 'trial', label: { id: 'Persidangan', en: 'Trial' } },
  { code: 'verdict', label: { id: 'Putusan pengadilan', en: 'Court verdict' } },
  {
    code: 'restitution_lpsk',
    label: { id: 'Permohonan restitusi melalui LPSK', en: 'Restitution requested through LPSK' },
  },
] as const satisfies readonly CodeEntry[];
export const JUSTICE_PATHWAY_STAGE_CODES = codesOf(JUSTICE_PATHWAY_STAGE_LIST);
export type JusticePathwayStage = CodeOf<typeof JUSTICE_PATHWAY_STAGE_LIST>;
