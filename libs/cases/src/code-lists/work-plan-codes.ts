import { codesOf, CodeEntry, CodeOf } from './code-list';

/** SPEC §6: what a group plans to do in its year. */
export const PLAN_ITEM_CATEGORY_LIST = [
  {
    code: 'awareness_session',
    label: {
      id: 'Penyuluhan (gender, KtP/A, kesehatan reproduksi)',
      en: 'Awareness session (gender, violence against women and children, reproductive health)',
    },
  },
  { code: 'prevention_campaign', label: { id: 'Kampanye pencegahan', en: 'Prevention campaign' } },
  { code: 'case_handling', label: { id: 'Penanganan kasus', en: 'Case handling' } },
  { code: 'training', label: { id: 'Pelatihan', en: 'Training' } },
  {
    code: 'advocacy',
    label: {
      id: 'Advokasi kepada pemerintah desa dan tokoh kunci',
      en: 'Advocacy with village leaders and key persons',
    },
  },
  { code: 'network_meeting', label: { id: 'Pertemuan jaringan', en: 'Network meeting' } },
  {
    code: 'economic_empowerment',
    label: { id: 'Pemberdayaan ekonomi (mis. simpan pinjam)', en: 'Economic empowerment (e.g. savings and loan)' },
  },
  { code: 'community_meeting', label: { id: 'Pertemuan rutin bulanan kelompok', en: 'Monthly community meeting' } },
  { code: 'other', label: { id: 'Lainnya', en: 'Other' } },
] as const satisfies readonly CodeEntry[];
export const PLAN_ITEM_CATEGORY_CODES = codesOf(PLAN_ITEM_CATEGORY_LIST);
export type PlanItemCategory = CodeOf<typeof PLAN_ITEM_CATEGORY_LIST>;

export const WORK_PLAN_STATUS_LIST = [
  { code: 'draft', label: { id: 'Draf', en: 'Draft' } },
  { code: 'submitted', label: { id: 'Diajukan', en: 'Submitted' } },
  { code: 'returned', label: { id: 'Dikembalikan dengan catatan', en: 'Returned with comments' } },
  { code: 'approved', label: { id: 'Disetujui', en: 'Approved' } },
] as const satisfies readonly CodeEntry[];
export const WORK_PLAN_STATUS_CODES = codesOf(WORK_PLAN_STATUS_LIST);
export type WorkPlanStatus = CodeOf<typeof WORK_PLAN_STATUS_LIST>;

export const PLAN_ITEM_STATUS_LIST = [
  { code: 'planned', label: { id: 'Direncanakan', en: 'Planned' } },
  { code: 'in_progress', label: { id: 'Sedang berjalan', en: 'In progress' } },
  { code: 'done', label: { id: 'Selesai', en: 'Done' } },
  { code: 'cancelled', label: { id: 'Dibatalkan', en: 'Cancelled' } },
] as const satisfies readonly CodeEntry[];
export const PLAN_ITEM_STATUS_CODES = codesOf(PLAN_ITEM_STATUS_LIST);
export type PlanItemStatus = CodeOf<typeof PLAN_ITEM_STATUS_LIST>;

/**
 * The ten indicators of Desa Ramah Perempuan dan Peduli Anak (DRPPA), the national programme of
 * the Ministry of Women's Empowerment and Child Protection (KemenPPPA) for villages friendly to
 * women and caring for children. Plan items are tagged with those they serve.
 */
export const DRPPA_INDICATOR_LIST = [
  {
    code: 'women_children_organising',
    label: {
      id: 'Adanya pengorganisasian perempuan dan anak di desa',
      en: 'Women and children are organised in the village',
    },
  },
  {
    code: 'disaggregated_village_data',
    label: {
      id: 'Tersedianya data desa yang terpilah (jenis kelamin, usia, disabilitas)',
      en: 'Village data disaggregated by sex, age and disability',
    },
  },
  {
    code: 'village_regulation',
    label: { id: 'Adanya peraturan desa tentang DRPPA', en: 'A village regulation on DRPPA' },
  },
  {
    code: 'village_funding',
    label: {
      id: 'Tersedianya pembiayaan dari keuangan dan aset desa',
      en: 'Funding from the village budget and assets',
    },
  },
  {
    code: 'women_representation',
    label: {
      id: 'Keterwakilan perempuan di pemerintahan desa, BPD dan lembaga desa',
      en: "Women's representation in village government, council and institutions",
    },
  },
  {
    code: 'women_entrepreneurship',
    label: {
      id: 'Perempuan wirausaha, utamanya kepala keluarga, penyintas dan penyandang disabilitas',
      en: 'Women entrepreneurs, especially heads of household, survivors and women with disability',
    },
  },
  {
    code: 'rights_based_parenting',
    label: {
      id: 'Semua anak mendapat pengasuhan berbasis hak anak',
      en: "Every child is raised with care based on children's rights",
    },
  },
  {
    code: 'no_violence_trafficking',
    label: {
      id: 'Tidak ada kekerasan terhadap perempuan dan anak serta TPPO',
      en: 'No violence against women and children and no trafficking',
    },
  },
  { code: 'no_child_labour', label: { id: 'Tidak ada pekerja anak', en: 'No child labour' } },
  {
    code: 'no_child_marriage',
    label: { id: 'Tidak ada perkawinan anak (di bawah 18 tahun)', en: 'No child marriage (under 18)' },
  },
] as const satisfies readonly CodeEntry[];
export const DRPPA_INDICATOR_CODES = codesOf(DRPPA_INDICATOR_LIST);
export type DrppaIndicator = CodeOf<typeof DRPPA_INDICATOR_LIST>;

/** When `targetUnit` is this, an item's realised count is the participants reached, not the number of activities (SPEC §6). */
export const PARTICIPANTS_UNIT = 'participants';
