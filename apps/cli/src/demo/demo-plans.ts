import type { ServiceType } from '@pendamping/auth';
import { DrppaIndicator, PARTICIPANTS_UNIT, PlanItemCategory, PlanItemStatus } from '@pendamping/cases/code-lists';
import { DEMO_TODAY, DemoCaseScenario, generateDemoCases } from './demo-cases';
import { KELURAHAN } from './demo-case-texts';
import { DEMO_PLACES, DEMO_SERVICE_PROVIDERS } from './demo-data';
import {
  ActivityContext,
  ActivityKind,
  activityTexts,
  APPROVAL_COMMENTS,
  CANCEL_REASONS,
  DELAYS,
  DONE_SHORT_REASONS,
  Fitted,
  GENERAL_LESSONS,
  GENERAL_OBSTACLES,
  Participants,
  planGoals,
  PlanPlace,
  QuarterStats,
  RETURN_COMMENTS,
  ReturnFix,
  specificGoals,
  vagueGoals,
  VILLAGE_SETTINGS,
} from './demo-plan-texts';
import { dayOf, DemoRandom, isoOf } from './demo-random';

/*
 * The demo groups' work plans: a deterministic generator (same seed, same plans) of two years of
 * plans for every group, as SPEC §6 has them. 2025: drafted by the group's companion, sometimes
 * returned once by the region's coordinator with comments and corrected, approved, then realised
 * nearly in full through the year, with one item cancelled (with its reason) and one added after
 * approval. 2026: a copy of 2025, changed in draft, approved, realised up to the end of November
 * 2026 with some items behind. The quarterly case recaps count the group's demo cases. It
 * produces plain data (the requests as the API takes them); DemoPlanSeeder plays them through the
 * services.
 */

export const DEMO_PLANS_SEED = 0x9a4_2026;
export const DEMO_PLAN_YEARS = [2025, 2026] as const;
/** No activity after this day: the demo is as of DEMO_TODAY, and a group reports a little after it acts. */
export const DEMO_LAST_ACTIVITY = isoOf(dayOf(DEMO_TODAY) - 2);

export interface DemoPlanItemBody {
  title: string;
  category: PlanItemCategory;
  targetCount: number;
  targetUnit: string;
  plannedMonths: number[];
  keyPersons?: string;
  budget?: number;
  drppaIndicators?: DrppaIndicator[];
}

export interface DemoActivityBody {
  date: string;
  participants: Participants;
  summary: string;
  results?: string;
  obstacles?: string;
  lessons?: string;
}

/** The companion acts, except where the coordinator returns and approves. Items are named by a key, stable from one year's plan to the next. */
export type DemoPlanEvent =
  | { kind: 'add_item'; item: string; body: DemoPlanItemBody; date?: string }
  | { kind: 'edit_item'; item: string; changes: Partial<DemoPlanItemBody> }
  | { kind: 'remove_item'; item: string }
  | { kind: 'edit_goals'; goals: string }
  | { kind: 'submit' }
  | { kind: 'return'; comments: string }
  | { kind: 'approve'; comments?: string }
  | { kind: 'activity'; item: string; report: DemoActivityBody }
  | { kind: 'item_status'; item: string; date: string; status: 'done' | 'cancelled'; reason: string };

export interface DemoExpectedItem {
  title: string;
  status: PlanItemStatus;
  /** Reports, or participants when the unit is `participants`. */
  realised: number;
  targetCount: number;
  addedAfterApproval: boolean;
}

export interface DemoPlanScenario {
  regionCode: string;
  village: string;
  group: string;
  year: number;
  goals: string;
  /** The year of the plan this one is copied from, and the items the copy brings, by key. */
  copyFrom: number | null;
  copied: { item: string; title: string }[];
  /** In the order they happen. */
  events: DemoPlanEvent[];
  /** What each item (by key) ends as, for the seeder to check against the services. */
  expected: Record<string, DemoExpectedItem>;
}

// --- the catalogue of items -------------------------------------------------------------------

type DayRule = 'sunday' | 'saturday' | 'weekday' | 'office' | 'any';

interface Profile {
  women: [number, number];
  men?: [number, number];
  girls?: [number, number];
  boys?: [number, number];
  disability?: [number, number];
}

interface ItemKind {
  /** The activity texts; none for the items that are cancelled before anything happens. */
  texts: ActivityKind | null;
  category: PlanItemCategory;
  title: (place: PlanPlace) => string;
  unit: string;
  target: (r: DemoRandom) => number;
  /** Months for the target; with `participants`, one session a month. */
  months: (r: DemoRandom, target: number) => number[];
  keyPersons: (place: PlanPlace) => string;
  /** Rupiah per unit of the target; none when the group needs no money for it. */
  unitCost?: number;
  drppa: DrppaIndicator[];
  profile: Profile;
  day: (n: number, place: PlanPlace) => DayRule;
  /** Days of the month the activity falls on, when it is tied to a date (a commemoration, the end of a quarter). */
  days?: (month: number) => [number, number];
}

const cap = (text: string) => `${text[0].toUpperCase()}${text.slice(1)}`;

const KINDS = {
  monthly_meeting: {
    texts: 'monthly_meeting',
    category: 'community_meeting',
    title: () => 'Pertemuan rutin bulanan kelompok',
    unit: 'pertemuan',
    target: () => 12,
    months: () => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    keyPersons: () => 'Ketua, sekretaris dan bendahara kelompok',
    unitCost: 150_000,
    drppa: ['women_children_organising'],
    profile: { women: [12, 24], men: [0, 2], girls: [0, 2], disability: [0, 1] },
    day: () => 'any',
  },
  church_session: {
    texts: 'church_session',
    category: 'awareness_session',
    title: (place) =>
      place.mosque
        ? 'Penyuluhan KDRT dan kekerasan terhadap anak di gereja dan majelis taklim'
        : `Penyuluhan KDRT dan kekerasan terhadap anak di ${place.church} ${place.village}`,
    unit: 'sesi',
    target: () => 4,
    months: (r) =>
      r.pick([
        [3, 5, 8, 10],
        [2, 4, 7, 9],
        [3, 6, 9, 11],
      ]),
    keyPersons: (place) =>
      `Pendeta dan majelis ${place.church}${place.mosque ? ', imam masjid dan pengurus majelis taklim' : ''}, bidan desa`,
    unitCost: 500_000,
    drppa: ['no_violence_trafficking'],
    profile: { women: [22, 40], men: [6, 20], girls: [2, 8], boys: [1, 6], disability: [0, 2] },
    day: (n, place) => (place.mosque && n % 2 === 0 ? 'weekday' : 'sunday'),
  },
  posyandu_parenting: {
    texts: 'posyandu_parenting',
    category: 'awareness_session',
    title: (place) => `Kelas pengasuhan tanpa kekerasan di ${place.posyandu}`,
    unit: 'sesi',
    target: () => 4,
    months: (r) =>
      r.pick([
        [2, 5, 8, 11],
        [3, 6, 9, 10],
        [2, 4, 7, 10],
      ]),
    keyPersons: () => 'Bidan desa, kader posyandu, ketua PKK',
    unitCost: 300_000,
    drppa: ['rights_based_parenting'],
    profile: { women: [14, 28], men: [0, 3], disability: [0, 1] },
    day: () => 'weekday',
  },
  school_reproductive: {
    texts: 'school_reproductive',
    category: 'awareness_session',
    title: (place) => `Penyuluhan kesehatan reproduksi dan pencegahan kekerasan seksual di ${place.school}`,
    unit: PARTICIPANTS_UNIT,
    target: (r) => r.pick([120, 150]),
    months: (r) =>
      r.pick([
        [2, 8, 10],
        [3, 9, 11],
        [4, 8, 10],
      ]),
    keyPersons: (place) => `Kepala sekolah, guru BK, petugas PKPR ${place.puskesmas}`,
    unitCost: 15_000,
    drppa: ['no_violence_trafficking', 'no_child_marriage'],
    profile: { women: [1, 3], men: [0, 2], girls: [20, 32], boys: [18, 30], disability: [0, 2] },
    day: () => 'weekday',
  },
  child_marriage_tppo: {
    texts: 'child_marriage_tppo',
    category: 'awareness_session',
    title: () => 'Sosialisasi pencegahan perkawinan anak dan perdagangan orang (TPPO) bagi remaja dan orang tua',
    unit: PARTICIPANTS_UNIT,
    target: (r) => r.pick([80, 90, 100]),
    months: (r) =>
      r.pick([
        [5, 9],
        [6, 10],
        [4, 8],
      ]),
    keyPersons: (place) => `${cap(place.head)}, tokoh agama, petugas ${place.uptd}`,
    unitCost: 20_000,
    drppa: ['no_child_marriage', 'no_violence_trafficking', 'no_child_labour'],
    profile: { women: [12, 22], men: [6, 14], girls: [12, 22], boys: [8, 16], disability: [0, 2] },
    day: () => 'saturday',
  },
  campaign_16_days: {
    texts: 'campaign_16_days',
    category: 'prevention_campaign',
    title: () => 'Kampanye 16 Hari Anti Kekerasan terhadap Perempuan',
    unit: 'kegiatan',
    target: () => 2,
    months: () => [11, 12],
    keyPersons: (place) => `${cap(place.head)}, pendeta, ketua PKK, guru sekolah minggu`,
    unitCost: 1_500_000,
    drppa: ['no_violence_trafficking'],
    profile: { women: [40, 80], men: [20, 45], girls: [15, 35], boys: [12, 30], disability: [1, 4] },
    day: () => 'any',
    days: (month) => (month === 11 ? [25, 29] : [6, 10]),
  },
  campaign_children: {
    texts: 'campaign_children',
    category: 'prevention_campaign',
    title: () => 'Kampanye perlindungan anak pada Hari Anak Nasional dan HUT RI',
    unit: 'kegiatan',
    target: () => 2,
    months: () => [7, 8],
    keyPersons: () => 'Guru SD, guru sekolah minggu, karang taruna',
    unitCost: 750_000,
    drppa: ['rights_based_parenting', 'women_children_organising'],
    profile: { women: [15, 30], men: [5, 15], girls: [25, 45], boys: [20, 40], disability: [0, 3] },
    day: () => 'any',
    days: (month) => (month === 7 ? [20, 27] : [14, 20]),
  },
  case_recap: {
    texts: 'case_recap',
    category: 'case_handling',
    title: () => 'Pendampingan korban dan rekap penanganan kasus per triwulan',
    unit: 'laporan triwulan',
    target: () => 4,
    months: () => [3, 6, 9, 12],
    keyPersons: (place) => `Pendamping kelompok, ${place.puskesmas}, ${place.police}, ${place.uptd}`,
    unitCost: 750_000,
    drppa: ['no_violence_trafficking'],
    profile: { women: [0, 0] },
    day: () => 'office',
    days: (month) => (month === 12 ? [17, 22] : [24, 29]),
  },
  paralegal_training: {
    texts: 'paralegal_training',
    category: 'training',
    title: () => 'Pelatihan paralegal komunitas bagi anggota kelompok',
    unit: 'sesi',
    target: (r) => r.pick([2, 3]),
    months: (r, target) =>
      target === 3
        ? r.pick([
            [4, 5, 6],
            [5, 6, 7],
          ])
        : r.pick([
            [5, 6],
            [6, 7],
          ]),
    keyPersons: (place) => `Fasilitator ${place.legalAid}, pengurus kelompok`,
    unitCost: 1_750_000,
    drppa: ['women_children_organising', 'no_violence_trafficking'],
    profile: { women: [14, 22], men: [1, 4], disability: [0, 1] },
    day: () => 'weekday',
  },
  village_advocacy: {
    texts: 'village_advocacy',
    category: 'advocacy',
    title: (place) =>
      `Advokasi ke ${place.head} dan ${place.council} untuk alokasi ${place.fund} bagi perlindungan perempuan dan anak`,
    unit: 'pertemuan',
    target: () => 3,
    months: (r) =>
      r.pick([
        [4, 6, 7],
        [5, 6, 7],
        [3, 5, 7],
      ]),
    keyPersons: (place) => `${cap(place.head)}, ketua ${place.council}, ketua PKK`,
    unitCost: 250_000,
    drppa: ['village_funding', 'village_regulation'],
    profile: { women: [4, 8], men: [4, 9] },
    day: () => 'office',
  },
  network_meeting: {
    texts: 'network_meeting',
    category: 'network_meeting',
    title: (place) => `Pertemuan jaringan dengan ${place.uptd}, Unit PPA Polres dan puskesmas`,
    unit: 'pertemuan',
    target: (r) => r.pick([3, 4]),
    months: (r, target) =>
      target === 3
        ? r.pick([
            [3, 7, 10],
            [2, 6, 10],
          ])
        : r.pick([
            [2, 5, 8, 11],
            [3, 6, 9, 11],
          ]),
    keyPersons: (place) => `${place.uptd}, ${place.police}, ${place.puskesmas}, ${place.socialServices}`,
    unitCost: 400_000,
    drppa: ['no_violence_trafficking'],
    profile: { women: [6, 14], men: [3, 9] },
    day: () => 'office',
  },
  economy: {
    texts: 'economy',
    category: 'economic_empowerment',
    title: (place) =>
      ({
        savings: 'Simpan pinjam dan arisan kelompok perempuan',
        weaving: 'Usaha tenun ikat bersama dan pemasaran kain',
        moringa: 'Usaha olahan kelor kelompok perempuan',
        garden: 'Kebun sayur kelompok perempuan',
      })[place.economy],
    unit: 'pertemuan',
    target: () => 6,
    months: () => [2, 4, 6, 8, 10, 12],
    keyPersons: (place) =>
      place.economy === 'savings'
        ? 'Bendahara kelompok, pendamping lapangan'
        : 'Pengurus kelompok, penyuluh dari dinas terkait',
    unitCost: 250_000,
    drppa: ['women_entrepreneurship'],
    profile: { women: [14, 26], men: [0, 1], disability: [0, 2] },
    day: () => 'any',
  },
  men_dialogue: {
    texts: 'men_dialogue',
    category: 'awareness_session',
    title: () => 'Diskusi bapak-bapak tentang peran ayah dan pencegahan KDRT',
    unit: 'sesi',
    target: () => 2,
    months: (r) =>
      r.pick([
        [4, 9],
        [5, 10],
        [6, 10],
      ]),
    keyPersons: () => 'Penatua jemaat, tokoh pemuda, Bhabinkamtibmas',
    unitCost: 400_000,
    drppa: ['no_violence_trafficking', 'rights_based_parenting'],
    profile: { women: [0, 3], men: [12, 24], boys: [0, 2] },
    day: () => 'saturday',
  },
  belis_dialogue: {
    texts: 'belis_dialogue',
    category: 'advocacy',
    title: () => 'Dialog dengan tokoh adat tentang belis dan pencegahan KDRT',
    unit: 'pertemuan',
    target: () => 2,
    months: () => [8, 10],
    keyPersons: (place) => `${cap(place.adat)}, tokoh agama, ${place.head}`,
    unitCost: 500_000,
    drppa: ['no_violence_trafficking', 'village_regulation'],
    profile: { women: [4, 9], men: [8, 16] },
    day: () => 'any',
  },
  village_data: {
    texts: 'village_data',
    category: 'other',
    title: () => 'Pendataan terpilah: perempuan kepala keluarga, anak, lansia dan penyandang disabilitas',
    unit: 'kali',
    target: () => 1,
    months: (r) =>
      r.pick([
        [5, 6],
        [4, 5],
      ]),
    keyPersons: (place) => `Kader ${place.posyandu}, sekretaris ${place.desa}`,
    unitCost: 1_000_000,
    drppa: ['disaggregated_village_data'],
    profile: { women: [5, 9], men: [1, 3] },
    day: () => 'weekday',
  },
  kbgo_youth: {
    texts: 'kbgo_youth',
    category: 'awareness_session',
    title: () => 'Penyuluhan kekerasan berbasis gender online (KBGO) bagi remaja',
    unit: PARTICIPANTS_UNIT,
    target: () => 60,
    months: () => [8, 10],
    keyPersons: () => 'Guru BK, pengurus pemuda gereja, karang taruna',
    unitCost: 15_000,
    drppa: ['no_violence_trafficking'],
    profile: { women: [0, 2], men: [0, 1], girls: [12, 22], boys: [10, 18], disability: [0, 1] },
    day: () => 'saturday',
  },
  app_training: {
    texts: 'app_training',
    category: 'training',
    title: () => 'Pelatihan pencatatan kasus dengan aplikasi lembaga bagi pengurus kelompok',
    unit: 'sesi',
    target: () => 1,
    months: () => [8],
    keyPersons: (place) => `Koordinator wilayah ${place.regionName}, pendamping kelompok`,
    unitCost: 500_000,
    drppa: ['women_children_organising'],
    profile: { women: [4, 8], men: [0, 1] },
    day: () => 'weekday',
  },
  perdes: {
    texts: 'perdes',
    category: 'advocacy',
    title: (place) =>
      place.kelurahan
        ? 'Pembentukan satgas perlindungan perempuan dan anak kelurahan'
        : 'Penyusunan Peraturan Desa tentang perlindungan perempuan dan anak (menuju DRPPA)',
    unit: 'pertemuan',
    target: () => 3,
    months: (r) =>
      r.pick([
        [3, 6, 9],
        [4, 7, 10],
      ]),
    keyPersons: (place) => `${cap(place.head)}, ${place.council}, tokoh agama, ${place.adat}`,
    unitCost: 350_000,
    drppa: ['village_regulation', 'women_representation'],
    profile: { women: [5, 10], men: [5, 10] },
    day: () => 'office',
  },
  forum_anak: {
    texts: 'forum_anak',
    category: 'other',
    title: (place) => `Pembentukan dan pendampingan forum anak ${place.desa}`,
    unit: 'pertemuan',
    target: () => 3,
    months: () => [4, 7, 10],
    keyPersons: () => 'Guru SD dan SMP, karang taruna, pengurus pemuda gereja',
    unitCost: 300_000,
    drppa: ['women_children_organising', 'rights_based_parenting'],
    profile: { women: [1, 2], girls: [8, 15], boys: [6, 13] },
    day: () => 'saturday',
  },
  study_visit: {
    texts: null,
    category: 'other',
    title: () => 'Studi banding ke kelompok dampingan di Kabupaten Belu',
    unit: 'kali',
    target: () => 1,
    months: () => [8],
    keyPersons: () => 'Pengurus kelompok, koordinator wilayah',
    unitCost: 6_000_000,
    drppa: ['women_children_organising'],
    profile: { women: [0, 0] },
    day: () => 'any',
  },
  peer_counsellor_training: {
    texts: null,
    category: 'training',
    title: () => 'Pelatihan konselor sebaya remaja bersama Dinas P3A',
    unit: 'sesi',
    target: () => 2,
    months: () => [9, 10],
    keyPersons: () => 'Dinas P3A kabupaten, guru BK',
    unitCost: 1_500_000,
    drppa: ['no_child_marriage', 'women_children_organising'],
    profile: { women: [0, 0] },
    day: () => 'any',
  },
  festival: {
    texts: null,
    category: 'prevention_campaign',
    title: () => 'Festival budaya anti kekerasan tingkat kecamatan',
    unit: 'kali',
    target: () => 1,
    months: () => [9],
    keyPersons: () => 'Camat, kelompok dampingan se-kecamatan, sanggar budaya',
    unitCost: 2_500_000,
    drppa: ['no_violence_trafficking'],
    profile: { women: [0, 0] },
    day: () => 'any',
  },
  mural: {
    texts: null,
    category: 'other',
    title: () => 'Mural anti kekerasan di dinding sekolah',
    unit: 'kali',
    target: () => 1,
    months: () => [7],
    keyPersons: () => 'Kepala sekolah, pemuda gereja',
    unitCost: 1_500_000,
    drppa: ['rights_based_parenting'],
    profile: { women: [0, 0] },
    day: () => 'any',
  },
} satisfies Record<string, ItemKind>;

type KindKey = keyof typeof KINDS;
const kindOf = (key: KindKey): ItemKind => KINDS[key];
/** The order items are listed in a plan. */
const PLAN_ORDER = Object.keys(KINDS) as KindKey[];

const CORE: KindKey[] = [
  'monthly_meeting',
  'church_session',
  'campaign_16_days',
  'case_recap',
  'village_advocacy',
  'network_meeting',
  'economy',
];
const OPTIONAL: KindKey[] = [
  'posyandu_parenting',
  'school_reproductive',
  'child_marriage_tppo',
  'paralegal_training',
  'village_data',
  'campaign_children',
];
const CANCELLED: KindKey[] = ['study_visit', 'peer_counsellor_training', 'festival', 'mural'];
const ADDED_AFTER_APPROVAL: KindKey[] = ['kbgo_youth', 'belis_dialogue', 'app_training'];
/** Items that can fall short of their target or fall behind (not the case recaps, which count the cases). */
const MAY_FALL_SHORT: KindKey[] = [
  'church_session',
  'posyandu_parenting',
  'school_reproductive',
  'child_marriage_tppo',
  'village_advocacy',
  'network_meeting',
  'men_dialogue',
  'kbgo_youth',
  'economy',
  'belis_dialogue',
  'perdes',
  'forum_anak',
  'paralegal_training',
];

const TRAINING_BUDGET_CAP = 4_000_000;

// --- places ---------------------------------------------------------------------------------

const provider = (region: string, type: ServiceType, fallback: string) =>
  DEMO_SERVICE_PROVIDERS.find((p) => p.region === region && p.serviceType === type)?.name ?? fallback;

export function planPlace(regionCode: string, village: string, group: string): PlanPlace {
  const setting = VILLAGE_SETTINGS[village];
  if (!setting) throw new Error(`The demo plans have no setting for ${village}.`);
  const kelurahan = KELURAHAN.has(village);
  const soe = regionCode === 'SOE';
  return {
    regionCode,
    village,
    group,
    kelurahan,
    desa: kelurahan ? 'kelurahan' : 'desa',
    Desa: `${kelurahan ? 'Kelurahan' : 'Desa'} ${village}`,
    head: kelurahan ? 'lurah' : 'kepala desa',
    council: kelurahan ? 'LPM' : 'BPD',
    fund: kelurahan ? 'dana kelurahan' : 'dana desa',
    budgetDoc: kelurahan ? 'anggaran kelurahan' : 'APBDes',
    planning: kelurahan ? 'musrenbang kelurahan' : 'musyawarah desa penyusunan RKPDes',
    hamlet: kelurahan ? 'lingkungan' : 'dusun',
    ...setting,
    kabupaten: soe ? 'Kabupaten Timor Tengah Selatan' : 'Kabupaten Kupang',
    regionName: soe ? 'SoE' : 'Kupang',
    seat: soe ? 'SoE' : 'Oelamasi',
    market: soe ? 'pasar inpres SoE' : 'pasar Oesao',
    uptd: provider(regionCode, 'uptd_ppa', 'UPTD PPA kabupaten'),
    police: provider(regionCode, 'police', 'Unit PPA Polres'),
    legalAid: provider(regionCode, 'legal_aid', 'lembaga bantuan hukum'),
    socialServices: provider(regionCode, 'social_services', 'Dinas Sosial kabupaten'),
    adat: soe ? 'tokoh adat (amaf)' : 'tokoh adat',
    language: soe ? 'bahasa Dawan' : undefined,
  };
}

// --- dates ----------------------------------------------------------------------------------

const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const isoDate = (year: number, month: number, day: number) =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
const RULES: Record<DayRule, (day: number) => boolean> = {
  sunday: (day) => day === 0,
  saturday: (day) => day === 6,
  weekday: (day) => day >= 1 && day <= 6,
  office: (day) => day >= 1 && day <= 5,
  any: (day) => day >= 1,
};

/** A day of the month that keeps the rule, within the given days, not after `last`; null when there is none. */
function dayIn(
  r: DemoRandom,
  year: number,
  month: number,
  rule: DayRule,
  range: [number, number],
  last: string,
): string | null {
  const days: string[] = [];
  for (let day = range[0]; day <= Math.min(range[1], daysIn(year, month)); day += 1) {
    const iso = isoDate(year, month, day);
    if (iso <= last && RULES[rule](weekday(iso))) days.push(iso);
  }
  return days.length === 0 ? null : r.pick(days);
}

// --- the cases behind the recaps ----------------------------------------------------------------

const SERVICE_WORDS: Record<string, string> = {
  police: 'Unit PPA Polres',
  health: 'puskesmas/rumah sakit',
  legal_aid: 'bantuan hukum',
  psychosocial: 'konseling',
  shelter: 'rumah aman',
  uptd_ppa: 'UPTD PPA',
  customary_religious_leader: 'tokoh adat/agama',
  village_government: 'pemerintah desa/kelurahan',
  social_services: 'dinas sosial',
  education: 'sekolah',
  economic_support: 'bantuan ekonomi',
};

/** What the group's demo cases came to in a quarter, up to the day of the recap: counts only. */
export function quarterStats(
  cases: readonly DemoCaseScenario[],
  group: string,
  year: number,
  quarter: number,
  until: string,
): { stats: QuarterStats; participants: Participants } {
  const from = isoDate(year, (quarter - 1) * 3 + 1, 1);
  const within = (date: string) => date >= from && date <= until;
  const mine = cases.filter((scenario) => scenario.group === group);
  const stats: QuarterStats = {
    quarter,
    newCases: 0,
    kdrt: 0,
    childSexual: 0,
    childOther: 0,
    other: 0,
    referrals: 0,
    referralKinds: [],
    closed: 0,
    ongoing: 0,
  };
  const participants: Participants = { women: 0, men: 0, girls: 0, boys: 0, disability: 0 };
  const services = new Map<string, number>();
  for (const scenario of mine) {
    const { body } = scenario;
    if (within(body.intakeDate)) {
      stats.newCases += 1;
      const child = body.survivor.ageAtIntake < 18;
      if (child && body.violenceTypes.includes('seksual')) stats.childSexual += 1;
      else if (child) stats.childOther += 1;
      else if (['husband_partner', 'former_partner'].includes(body.perpetrators[0]?.relationship ?? ''))
        stats.kdrt += 1;
      else stats.other += 1;
      const female = body.survivor.sex === 'female';
      if (child) participants[female ? 'girls' : 'boys'] += 1;
      else participants[female ? 'women' : 'men'] += 1;
      if (body.survivor.disability !== 'none') participants.disability += 1;
    }
    if (body.intakeDate > until) continue;
    let closed = false;
    for (const event of scenario.events) {
      if (event.date > until) break;
      if (event.kind === 'referral' && within(event.date)) {
        stats.referrals += 1;
        services.set(event.serviceType, (services.get(event.serviceType) ?? 0) + 1);
      }
      if (event.kind === 'transition') {
        if (event.to === 'closed') {
          closed = true;
          if (within(event.date)) stats.closed += 1;
        }
        if (event.to === 'reopened') closed = false;
      }
    }
    if (!closed) stats.ongoing += 1;
  }
  stats.referralKinds = [...services.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([service, count]) => `${SERVICE_WORDS[service] ?? service} ${count}`);
  return { stats, participants };
}

// --- one plan ---------------------------------------------------------------------------------

interface ItemState {
  key: string;
  kind: KindKey;
  body: DemoPlanItemBody;
  addedAfterApproval: boolean;
  cancelled: boolean;
}

/** How an item is realised in the year. */
type Realisation =
  { mode: 'full' } | { mode: 'short'; closeByHand: boolean } | { mode: 'behind'; skip: number } | { mode: 'cancel' };

const roundTo = (value: number, step: number) => Math.max(step, Math.round(value / step) * step);

function itemBody(
  r: DemoRandom,
  kind: KindKey,
  place: PlanPlace,
  overrides: Partial<DemoPlanItemBody> = {},
): DemoPlanItemBody {
  const def = kindOf(kind);
  const targetCount = overrides.targetCount ?? def.target(r);
  const sessions = def.unit === PARTICIPANTS_UNIT ? undefined : targetCount;
  const plannedMonths = overrides.plannedMonths ?? def.months(r, sessions ?? targetCount);
  const body: DemoPlanItemBody = {
    title: def.title(place),
    category: def.category,
    targetCount,
    targetUnit: def.unit,
    plannedMonths,
    keyPersons: def.keyPersons(place),
    drppaIndicators: [...def.drppa],
    ...overrides,
  };
  if (def.unitCost !== undefined && !('budget' in overrides)) body.budget = roundTo(def.unitCost * targetCount, 50_000);
  return body;
}

/** A Fitted text that fits, drawn from a deck per item so that reports of an item repeat as little as possible. */
class Decks {
  private readonly decks = new Map<string, Fitted[]>();

  constructor(private readonly r: DemoRandom) {}

  /**
   * The next text of the named deck, reshuffled when it runs out; a deck `once` runs out for good,
   * so a group's year never writes the same obstacle or lesson word for word twice.
   */
  draw(
    name: string,
    texts: readonly Fitted[],
    c: ActivityContext,
    options: { once?: boolean } = {},
  ): string | undefined {
    const fits = (text: Fitted) => typeof text === 'function' || text.when(c);
    let deck = this.decks.get(name)?.filter(fits) ?? [];
    if (deck.length === 0 && !(options.once && this.decks.has(name))) deck = this.r.shuffle(texts.filter(fits));
    if (deck.length === 0) return undefined;
    const [chosen, ...rest] = deck;
    this.decks.set(name, rest);
    return (typeof chosen === 'function' ? chosen : chosen.text)(c);
  }
}

function draw(r: DemoRandom, profile: Profile): Participants {
  const range = (bounds?: [number, number]) => (bounds ? r.int(bounds[0], bounds[1]) : 0);
  const p = {
    women: range(profile.women),
    men: range(profile.men),
    girls: range(profile.girls),
    boys: range(profile.boys),
    disability: 0,
  };
  p.disability = Math.min(range(profile.disability), p.women + p.men + p.girls + p.boys);
  return p;
}

const headcount = (p: Participants) => p.women + p.men + p.girls + p.boys;

/** Participants scaled to about `size` people, each category in proportion. */
function scaled(p: Participants, size: number): Participants {
  const now = headcount(p);
  if (now === 0) return p;
  const factor = size / now;
  const out = {
    women: Math.round(p.women * factor),
    men: Math.round(p.men * factor),
    girls: Math.round(p.girls * factor),
    boys: Math.round(p.boys * factor),
    disability: 0,
  };
  out.disability = Math.min(p.disability, headcount(out));
  return out;
}

/** The largest category of a report's participants, to add or take the difference from. */
const largest = (p: Participants): 'women' | 'men' | 'girls' | 'boys' =>
  (['women', 'men', 'girls', 'boys'] as const).reduce((best, key) => (p[key] > p[best] ? key : best), 'women' as const);

interface PlanInput {
  r: DemoRandom;
  place: PlanPlace;
  year: number;
  cases: readonly DemoCaseScenario[];
  /** The last day an activity may be on. */
  last: string;
}

/** The activity reports of one item over the year, by the realisation chosen for it. */
function reportsFor(
  input: PlanInput,
  item: ItemState,
  realisation: Realisation,
  notBefore: string | null,
  decks: Decks,
): DemoActivityBody[] {
  const { r, place, year, last } = input;
  const def = kindOf(item.kind);
  if (def.texts === null || realisation.mode === 'cancel') return [];
  const texts = activityTexts(def.texts, place);
  const months = [...item.body.plannedMonths].sort((a, b) => a - b);
  const participantsUnit = item.body.targetUnit === PARTICIPANTS_UNIT;
  const lastMonth = Number(last.slice(5, 7));
  const lastYear = Number(last.slice(0, 4));
  const monthLimit = lastYear > year ? 12 : lastMonth;

  // Which planned months see an activity: all for a count target (up to the target), fewer for an item short or behind.
  let held = participantsUnit ? months : months.slice(0, Math.max(item.body.targetCount, 0));
  if (!participantsUnit && held.length < item.body.targetCount) held = months;
  if (realisation.mode === 'short' && held.length > 1) {
    const dropped = r.int(0, held.length - 1);
    held = held.filter((_, index) => index !== dropped);
  }
  if (realisation.mode === 'behind') {
    const past = held.filter((month) => month <= monthLimit);
    const skipped = new Set(r.shuffle(past).slice(0, realisation.skip));
    held = held.filter((month) => !skipped.has(month));
  }

  const reports: DemoActivityBody[] = [];
  const series: Record<string, number> = {};
  const perSession = participantsUnit ? item.body.targetCount / months.length : 0;
  const sizeFactor = realisation.mode === 'short' ? [0.72, 0.86] : [1.02, 1.2];
  for (const planned of held) {
    let month = planned;
    let delayed = false;
    if (!def.days && planned < monthLimit && !months.includes(planned + 1) && r.chance(0.12)) {
      month = planned + 1;
      delayed = true;
    }
    if (month > monthLimit) continue;
    const range: [number, number] = def.days ? def.days(month) : [1, 28];
    const floor =
      notBefore && notBefore.slice(0, 7) === isoDate(year, month, 1).slice(0, 7)
        ? Math.max(range[0], Number(notBefore.slice(8, 10)) + 1)
        : range[0];
    const date =
      dayIn(r, year, month, def.day(reports.length + 1, place), [floor, range[1]], last) ??
      dayIn(r, year, month, 'any', [floor, daysIn(year, month)], last);
    if (date === null || (notBefore !== null && date <= notBefore)) continue;

    let participants: Participants;
    let stats: QuarterStats | undefined;
    if (item.kind === 'case_recap') {
      const quarter = Math.ceil(month / 3);
      ({ stats, participants } = quarterStats(input.cases, place.group, year, quarter, date));
    } else {
      participants = draw(r, def.profile);
      if (participantsUnit)
        participants = scaled(
          participants,
          Math.round(perSession * (sizeFactor[0] + r.next() * (sizeFactor[1] - sizeFactor[0]))),
        );
    }
    const c: ActivityContext = {
      place,
      year,
      month,
      date,
      n: reports.length + 1,
      of: item.body.targetCount,
      p: participants,
      r,
      series,
      stats,
    };
    const summary = decks.draw(`${item.key}:summary`, texts.summary, c)!;
    const results = r.chance(0.93) ? decks.draw(`${item.key}:results`, texts.results, c) : undefined;
    // The general obstacles and lessons are those of a gathering; a case recap has only its own.
    const gathering = item.kind !== 'case_recap';
    const once = { once: true };
    const ownObstacle = r.chance(0.5) ? decks.draw(`${item.key}:obstacles`, texts.obstacles, c, once) : undefined;
    const obstacle =
      ownObstacle ??
      (gathering && r.chance(0.35) ? decks.draw('general:obstacles', GENERAL_OBSTACLES, c, once) : undefined);
    const delay = delayed ? decks.draw('delays', DELAYS, c, once) : undefined;
    const obstacles = [delay, obstacle].filter((text) => text !== undefined).join(' ') || undefined;
    const lessons = r.chance(0.55)
      ? !gathering || r.chance(0.7)
        ? decks.draw(`${item.key}:lessons`, texts.lessons, c, once)
        : decks.draw('general:lessons', GENERAL_LESSONS, c, once)
      : undefined;
    reports.push({
      date,
      participants,
      summary,
      ...(results ? { results } : {}),
      ...(obstacles ? { obstacles } : {}),
      ...(lessons ? { lessons } : {}),
    });
  }

  // A participants target: reached when the item is done in full, missed when it falls short.
  if (participantsUnit && reports.length > 0) {
    const reached = reports.reduce((sum, report) => sum + headcount(report.participants), 0);
    const lastReport = reports[reports.length - 1];
    const heldAll = reports.length === months.length;
    if (realisation.mode === 'full' && heldAll && reached < item.body.targetCount)
      lastReport.participants[largest(lastReport.participants)] += item.body.targetCount - reached;
    if (realisation.mode !== 'full' && reached >= item.body.targetCount) {
      const key = largest(lastReport.participants);
      lastReport.participants[key] = Math.max(
        0,
        lastReport.participants[key] - (reached - item.body.targetCount + r.int(3, 9)),
      );
      lastReport.participants.disability = Math.min(
        lastReport.participants.disability,
        headcount(lastReport.participants),
      );
    }
  }
  return reports;
}

interface BuiltPlan {
  scenario: DemoPlanScenario;
  items: ItemState[];
}

type Dated = { date: string; order: number; event: DemoPlanEvent };

/** The events after approval, in the order they happened: by day, an added item before its reports, a status set by hand after the day's reports. */
function chronological(events: Dated[]): DemoPlanEvent[] {
  return events
    .map((entry, position) => ({ ...entry, position }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.order - b.order || a.position - b.position)
    .map(({ event }) => event);
}

/** Plays the events as the services would, to know what every item ends as. */
function expectedOf(events: DemoPlanEvent[], copied: ItemState[]): Record<string, DemoExpectedItem> {
  const items = new Map<string, DemoExpectedItem>();
  let approved = false;
  for (const item of copied)
    items.set(item.key, {
      title: item.body.title,
      status: 'planned',
      realised: 0,
      targetCount: item.body.targetCount,
      addedAfterApproval: false,
    });
  const units = new Map<string, string>(copied.map((item) => [item.key, item.body.targetUnit]));
  for (const event of events) {
    if (event.kind === 'approve') approved = true;
    if (event.kind === 'add_item') {
      items.set(event.item, {
        title: event.body.title,
        status: 'planned',
        realised: 0,
        targetCount: event.body.targetCount,
        addedAfterApproval: approved,
      });
      units.set(event.item, event.body.targetUnit);
    }
    if (event.kind === 'edit_item') {
      const item = items.get(event.item)!;
      if (event.changes.title) item.title = event.changes.title;
      if (event.changes.targetCount) item.targetCount = event.changes.targetCount;
    }
    if (event.kind === 'remove_item') items.delete(event.item);
    if (event.kind === 'item_status') items.get(event.item)!.status = event.status;
    if (event.kind === 'activity') {
      const item = items.get(event.item)!;
      item.realised += units.get(event.item) === PARTICIPANTS_UNIT ? headcount(event.report.participants) : 1;
      if (item.status === 'planned' || item.status === 'in_progress')
        item.status = item.realised >= item.targetCount ? 'done' : 'in_progress';
    }
  }
  return Object.fromEntries(items);
}

/** The draft's review: perhaps returned once with a comment the group answers, then approved. */
function review(r: DemoRandom, fix: ReturnFix | null, place: PlanPlace, answer: DemoPlanEvent[]): DemoPlanEvent[] {
  const events: DemoPlanEvent[] = [{ kind: 'submit' }];
  if (fix) events.push({ kind: 'return', comments: RETURN_COMMENTS[fix](place) }, ...answer, { kind: 'submit' });
  // After a return the approval brings no comments of its own, so that the plan keeps showing the coordinator's return comments.
  const comments = fix ? undefined : r.pick(APPROVAL_COMMENTS);
  events.push({ kind: 'approve', ...(comments ? { comments } : {}) });
  return events;
}

function fixesFor(year: number, place: PlanPlace, kinds: KindKey[]): ReturnFix[] {
  const fixes: ReturnFix[] = ['goals', 'drppa'];
  if (!kinds.includes('men_dialogue')) fixes.push('men');
  if (kinds.includes('school_reproductive')) fixes.push('school_target');
  if (year === 2025 && !place.kelurahan) fixes.push('advocacy_months');
  if (year === 2025 && kinds.includes('paralegal_training')) fixes.push('training_budget');
  return fixes;
}

function plan2025(input: PlanInput, returned: boolean): BuiltPlan {
  const { r, place, year } = input;
  const optional = r.shuffle(OPTIONAL).slice(0, r.int(2, 4));
  const cancelledKind = r.pick(CANCELLED);
  const kinds = PLAN_ORDER.filter((kind) => CORE.includes(kind) || optional.includes(kind) || kind === cancelledKind);
  const fix = returned ? r.pick(fixesFor(year, place, kinds)) : null;

  // The draft as first submitted: with the fault the coordinator will point out, when there is one.
  const items: ItemState[] = kinds.map((kind) => {
    const overrides: Partial<DemoPlanItemBody> = {};
    if (fix === 'advocacy_months' && kind === 'village_advocacy') overrides.plannedMonths = [9, 10, 11];
    if (fix === 'training_budget' && kind === 'paralegal_training') overrides.targetCount = 3;
    if (fix === 'school_target' && kind === 'school_reproductive') overrides.targetCount = 60;
    const body = itemBody(r, kind, place, overrides);
    if (fix === 'training_budget' && kind === 'paralegal_training') body.budget = 6_750_000;
    return { key: kind, kind, body, addedAfterApproval: false, cancelled: kind === cancelledKind };
  });
  if (fix === 'drppa')
    for (const item of r.shuffle(items.filter((candidate) => candidate.kind !== 'monthly_meeting')).slice(0, 4))
      item.body.drppaIndicators = [];
  const goals = fix === 'goals' ? vagueGoals(place) : planGoals(place, year, r);

  const draft: DemoPlanEvent[] = items.map((item) => ({
    kind: 'add_item',
    item: item.key,
    body: structuredClone(item.body),
  }));
  const answer: DemoPlanEvent[] = [];
  const byKind = (kind: KindKey) => items.find((item) => item.kind === kind)!;
  switch (fix) {
    case 'men': {
      const men: ItemState = {
        key: 'men_dialogue',
        kind: 'men_dialogue',
        body: itemBody(r, 'men_dialogue', place),
        addedAfterApproval: false,
        cancelled: false,
      };
      items.push(men);
      answer.push({ kind: 'add_item', item: men.key, body: structuredClone(men.body) });
      break;
    }
    case 'advocacy_months':
      byKind('village_advocacy').body.plannedMonths = [5, 6, 7];
      answer.push({ kind: 'edit_item', item: 'village_advocacy', changes: { plannedMonths: [5, 6, 7] } });
      break;
    case 'training_budget':
      byKind('paralegal_training').body.budget = TRAINING_BUDGET_CAP;
      answer.push({ kind: 'edit_item', item: 'paralegal_training', changes: { budget: TRAINING_BUDGET_CAP } });
      break;
    case 'school_target': {
      const school = byKind('school_reproductive');
      school.body.targetCount = 120;
      school.body.budget = roundTo(kindOf('school_reproductive').unitCost! * 120, 50_000);
      answer.push({ kind: 'edit_item', item: school.key, changes: { targetCount: 120, budget: school.body.budget } });
      break;
    }
    case 'drppa':
      for (const item of items.filter((candidate) => candidate.body.drppaIndicators?.length === 0)) {
        item.body.drppaIndicators = [...kindOf(item.kind).drppa];
        answer.push({ kind: 'edit_item', item: item.key, changes: { drppaIndicators: item.body.drppaIndicators } });
      }
      break;
    case 'goals':
      answer.push({ kind: 'edit_goals', goals: specificGoals(place, year) });
      break;
    case null:
      break;
  }
  const before = [...draft, ...review(r, fix, place, answer)];

  // The year: one item cancelled, one added after approval, one or two short of their target.
  const decks = new Decks(r);
  const dated: Dated[] = [];
  const cancelled = items.find((item) => item.cancelled)!;
  const cancelledOn = isoDate(year, Math.max(2, Math.min(...cancelled.body.plannedMonths) - 1), r.int(5, 25));
  dated.push({
    date: cancelledOn,
    order: 2,
    event: {
      kind: 'item_status',
      item: cancelled.key,
      date: cancelledOn,
      status: 'cancelled',
      reason: r.pick(CANCEL_REASONS[cancelled.kind]),
    },
  });
  const addedKind = r.pick(ADDED_AFTER_APPROVAL.filter((kind) => !items.some((item) => item.kind === kind)));
  const addedOn = isoDate(year, r.int(5, 6), r.int(3, 26));
  const added: ItemState = {
    key: addedKind,
    kind: addedKind,
    body: itemBody(r, addedKind, place),
    addedAfterApproval: true,
    cancelled: false,
  };
  items.push(added);
  dated.push({
    date: addedOn,
    order: 0,
    event: { kind: 'add_item', item: added.key, body: structuredClone(added.body), date: addedOn },
  });

  const candidates = items.filter((item) => !item.cancelled && MAY_FALL_SHORT.includes(item.kind));
  const short = new Set(
    r
      .shuffle(candidates)
      .slice(0, r.int(1, 2))
      .map((item) => item.key),
  );
  for (const item of items) {
    const realisation: Realisation = item.cancelled
      ? { mode: 'cancel' }
      : short.has(item.key)
        ? { mode: 'short', closeByHand: r.chance(0.5) }
        : { mode: 'full' };
    const reports = reportsFor(input, item, realisation, item.addedAfterApproval ? addedOn : null, decks);
    for (const report of reports)
      dated.push({ date: report.date, order: 1, event: { kind: 'activity', item: item.key, report } });
    if (realisation.mode === 'short' && realisation.closeByHand && reports.length > 0) {
      const lastReport = reports[reports.length - 1].date;
      const date = [isoDate(year, 12, r.int(15, 20)), lastReport].sort()[1];
      const reason = r.pick(DONE_SHORT_REASONS[item.body.targetUnit === PARTICIPANTS_UNIT ? 'participants' : 'count']);
      dated.push({ date, order: 2, event: { kind: 'item_status', item: item.key, date, status: 'done', reason } });
    }
  }
  const events = [...before, ...chronological(dated)];
  return {
    scenario: {
      regionCode: place.regionCode,
      village: place.village,
      group: place.group,
      year,
      goals,
      copyFrom: null,
      copied: [],
      events,
      expected: expectedOf(events, []),
    },
    items,
  };
}

function plan2026(input: PlanInput, previous: BuiltPlan, returned: boolean): BuiltPlan {
  const { r, place, year } = input;
  // The copy: every item of last year that was not cancelled, planned again with its body as it ended.
  const copiedItems: ItemState[] = previous.items
    .filter((item) => !item.cancelled)
    .map((item) => ({ ...item, body: structuredClone(item.body), addedAfterApproval: false }));
  // As copied, before the group changes anything in the draft.
  const asCopied: ItemState[] = copiedItems.map((item) => ({ ...item, body: structuredClone(item.body) }));
  let items = [...copiedItems];
  const draft: DemoPlanEvent[] = [];

  // One-off items of last year are taken out of the copy.
  for (const kind of ['app_training', 'village_data'] as KindKey[]) {
    const item = items.find((candidate) => candidate.kind === kind);
    if (!item) continue;
    draft.push({ kind: 'remove_item', item: item.key });
    items = items.filter((candidate) => candidate !== item);
  }
  // The group's own changes to what it copied.
  const edits: [KindKey, () => Partial<DemoPlanItemBody>][] = [
    [
      'church_session',
      () => ({
        targetCount: 6,
        plannedMonths: r.pick([
          [2, 3, 5, 7, 9, 10],
          [3, 4, 6, 8, 9, 11],
        ]),
        budget: 6 * 500_000,
      }),
    ],
    [
      'network_meeting',
      () => ({
        budget: roundTo((items.find((item) => item.kind === 'network_meeting')!.body.budget ?? 0) * 1.1, 50_000),
      }),
    ],
    [
      'paralegal_training',
      () => ({
        title: 'Pelatihan lanjutan paralegal: pendampingan kasus kekerasan seksual dan hak restitusi',
        targetCount: 2,
        plannedMonths: [5, 6],
        budget: TRAINING_BUDGET_CAP,
      }),
    ],
    ['monthly_meeting', () => ({ keyPersons: 'Ketua, sekretaris dan bendahara kelompok, paralegal kelompok' })],
  ];
  for (const [kind, changes] of r
    .shuffle(edits.filter(([kind]) => items.some((item) => item.kind === kind)))
    .slice(0, r.int(1, 2))) {
    const item = items.find((candidate) => candidate.kind === kind)!;
    const change = changes();
    Object.assign(item.body, change);
    draft.push({ kind: 'edit_item', item: item.key, changes: change });
  }
  // New this year: the village regulation (or the kelurahan's task force) and one more.
  const fresh = [
    'perdes' as KindKey,
    ...r
      .shuffle(
        (['forum_anak', 'men_dialogue', 'kbgo_youth', 'belis_dialogue'] as KindKey[]).filter(
          (kind) => !items.some((item) => item.kind === kind),
        ),
      )
      .slice(0, 1),
  ];
  const kinds = [...items.map((item) => item.kind), ...fresh];
  const fix = returned
    ? r.pick(fixesFor(year, place, kinds).filter((candidate) => candidate !== 'drppa' || fresh.length > 0))
    : null;
  for (const kind of fresh) {
    const item: ItemState = {
      key: kind,
      kind,
      body: itemBody(r, kind, place),
      addedAfterApproval: false,
      cancelled: false,
    };
    if (fix === 'drppa') item.body.drppaIndicators = [];
    items.push(item);
    draft.push({ kind: 'add_item', item: item.key, body: structuredClone(item.body) });
  }
  const goals = fix === 'goals' ? vagueGoals(place) : planGoals(place, year, r);

  const answer: DemoPlanEvent[] = [];
  switch (fix) {
    case 'men': {
      const men: ItemState = {
        key: 'men_dialogue',
        kind: 'men_dialogue',
        body: itemBody(r, 'men_dialogue', place),
        addedAfterApproval: false,
        cancelled: false,
      };
      items.push(men);
      answer.push({ kind: 'add_item', item: men.key, body: structuredClone(men.body) });
      break;
    }
    case 'school_target': {
      const school = items.find((item) => item.kind === 'school_reproductive')!;
      const targetCount = school.body.targetCount + 30;
      school.body.targetCount = targetCount;
      school.body.budget = roundTo(kindOf('school_reproductive').unitCost! * targetCount, 50_000);
      answer.push({ kind: 'edit_item', item: school.key, changes: { targetCount, budget: school.body.budget } });
      break;
    }
    case 'drppa':
      for (const item of items.filter((candidate) => candidate.body.drppaIndicators?.length === 0)) {
        item.body.drppaIndicators = [...kindOf(item.kind).drppa];
        answer.push({ kind: 'edit_item', item: item.key, changes: { drppaIndicators: item.body.drppaIndicators } });
      }
      break;
    case 'goals':
      answer.push({ kind: 'edit_goals', goals: specificGoals(place, year) });
      break;
    default:
      break;
  }
  const before = [...draft, ...review(r, fix, place, answer)];

  // Realised up to the end of November: most items on track, two or three behind.
  const decks = new Decks(r);
  const dated: Dated[] = [];
  const candidates = items.filter(
    (item) => MAY_FALL_SHORT.includes(item.kind) && item.body.plannedMonths.some((month) => month <= 10),
  );
  const behind = new Map(
    r
      .shuffle(candidates)
      .slice(0, r.int(2, 3))
      .map((item) => [item.key, r.int(1, 2)]),
  );
  for (const item of items) {
    const skip = behind.get(item.key);
    const reports = reportsFor(
      input,
      item,
      skip === undefined ? { mode: 'full' } : { mode: 'behind', skip },
      null,
      decks,
    );
    for (const report of reports)
      dated.push({ date: report.date, order: 1, event: { kind: 'activity', item: item.key, report } });
  }
  const events = [...before, ...chronological(dated)];
  return {
    scenario: {
      regionCode: place.regionCode,
      village: place.village,
      group: place.group,
      year,
      goals,
      copyFrom: previous.scenario.year,
      copied: asCopied.map((item) => ({ item: item.key, title: item.body.title })),
      events,
      expected: expectedOf(events, asCopied),
    },
    items,
  };
}

// --- the whole set ----------------------------------------------------------------------------

/** Every demo group's plans, 2025 then 2026 for each group. Three plans a year are returned once before approval. */
export function generateDemoPlans(
  cases: readonly DemoCaseScenario[] = generateDemoCases(),
  seed = DEMO_PLANS_SEED,
): DemoPlanScenario[] {
  const r = new DemoRandom(seed);
  const groups = DEMO_PLACES.flatMap((region) =>
    region.villages.map((village) => ({ regionCode: region.code, village: village.name, group: village.group })),
  );
  const returned2025 = new Set(r.shuffle(groups.map((group) => group.group)).slice(0, 3));
  const returned2026 = new Set(r.shuffle(groups.map((group) => group.group)).slice(0, 3));
  const seeds = groups.map(() => Math.floor(r.next() * 2 ** 32));
  return groups.flatMap((group, index) => {
    // Each group draws from its own stream, so changing one group's plan does not reshuffle the others.
    const gr = new DemoRandom(seeds[index]);
    const place = planPlace(group.regionCode, group.village, group.group);
    const first = plan2025(
      { r: gr, place, year: 2025, cases, last: DEMO_LAST_ACTIVITY },
      returned2025.has(group.group),
    );
    const second = plan2026(
      { r: gr, place, year: 2026, cases, last: DEMO_LAST_ACTIVITY },
      first,
      returned2026.has(group.group),
    );
    return [first.scenario, second.scenario];
  });
}

/** Who takes a step: the coordinator returns and approves, the group's companion does the rest. */
export const planActor = (event: DemoPlanEvent): 'companion' | 'coordinator' =>
  event.kind === 'return' || event.kind === 'approve' ? 'coordinator' : 'companion';
