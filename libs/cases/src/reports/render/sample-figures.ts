import type { Cell, ReportAudience, ReportFigures, ReportLocale, ReportRow, ReportTable } from '../report-model';

/*
 * A made-up ReportFigures for the renderers' tests, previews and benchmarks: every table the
 * catalogue knows, names with diacritics and non-Latin letters, suppressed cells in the external
 * version, and as many villages and groups as asked (thousands, to exercise page breaks). Counts
 * come from a fixed sequence, so two calls give the same figures.
 */

export interface SampleOptions {
  audience?: ReportAudience;
  locale?: ReportLocale;
  villages?: number;
  groups?: number;
  year?: number;
}

const SUPPRESSED: Cell = { suppressed: true };

const VILLAGE_NAMES = [
  'Ngaṟa',
  'Oelbubuk',
  'Kefamenanu Selatan',
  'Waingapu',
  'Sumba Barat Daya — Kodi',
  'Ende Utara',
  'Bajawa',
  'Labuan Bajo',
  'Lewoleba',
  'Maumere',
  'Atambua Selatan',
  'Soe',
  'Ba’a',
  'Kupang Tengah',
  'Ruteng',
];

export function sampleFigures(options: SampleOptions = {}): ReportFigures {
  const audience = options.audience ?? 'internal';
  const locale = options.locale ?? 'id';
  const year = options.year ?? 2025;
  const external = audience === 'external';
  let seed = 7;
  const next = (max: number) => {
    seed = (seed * 48271) % 2147483647;
    return seed % max;
  };
  /** A count, suppressed below 5 in an external report. */
  const count = (value: number): Cell => (external && value > 0 && value < 5 ? SUPPRESSED : value);
  const rows = (keys: readonly string[], scale: number): ReportRow[] =>
    keys.map((key) => ({ key, current: count(next(scale)), previous: count(next(scale)) }));
  const sum = (list: ReportRow[], side: 'current' | 'previous'): Cell => {
    if (list.some((row) => typeof row[side] !== 'number')) return external ? SUPPRESSED : 0;
    return list.reduce((total, row) => total + (row[side] as number), 0);
  };
  const withTotal = (table: Omit<ReportTable, 'total'>): ReportTable => ({
    ...table,
    total: { current: sum(table.rows, 'current'), previous: sum(table.rows, 'previous') },
  });

  const villageCount = options.villages ?? 12;
  const villages: ReportRow[] = Array.from({ length: villageCount }, (_, index) => ({
    key: `village-${index + 1}`,
    label:
      index < VILLAGE_NAMES.length
        ? VILLAGE_NAMES[index]
        : `Desa ${index + 1} (${VILLAGE_NAMES[index % VILLAGE_NAMES.length]})`,
    current: count(index === 0 ? 3 : next(40)),
    previous: count(next(40)),
  }));

  // The tables of report-figures.ts, in its order and with its keys.
  const ages = ['0-5', '6-12', '13-17', '18-24', '25-44', '45-59', '60+'];
  const female = rows(ages, 50);
  const male = rows(ages, 14);
  const add = (a: Cell, b: Cell): Cell => (typeof a === 'number' && typeof b === 'number' ? a + b : SUPPRESSED);
  const ageRows = ages.map((key, index) => ({
    key,
    current: add(female[index].current, male[index].current),
    previous: add(female[index].previous, male[index].previous),
  }));
  const tables: ReportTable[] = [
    {
      key: 'violenceTypes',
      codeList: 'violenceTypes',
      chart: 'bar',
      rows: rows(['fisik', 'psikis', 'seksual', 'eksploitasi', 'trafficking', 'penelantaran', 'lainnya'], 90),
    },
    withTotal({ key: 'ageGroup', codeList: 'ageGroup', chart: 'bar', rows: ageRows }),
    withTotal({ key: 'sex', codeList: 'sex', rows: rows(['female', 'male'], 150) }),
    withTotal({
      key: 'ageGroupFemale',
      codeList: 'ageGroup',
      rows: female,
      split: { of: 'ageGroup', by: 'sex', key: 'female' },
    }),
    withTotal({
      key: 'ageGroupMale',
      codeList: 'ageGroup',
      rows: male,
      split: { of: 'ageGroup', by: 'sex', key: 'male' },
    }),
    withTotal({
      key: 'disability',
      codeList: 'disability',
      rows: rows(['none', 'physical', 'sensory', 'intellectual', 'psychosocial', 'multiple'], 12),
    }),
    withTotal({
      key: 'village',
      chart: 'bar',
      rows: [...villages, { key: 'none', current: count(2), previous: count(7) }],
    }),
    {
      key: 'relationship',
      codeList: 'relationship',
      chart: 'bar',
      rows: rows(
        [
          'husband_partner',
          'former_partner',
          'parent',
          'step_parent',
          'other_family',
          'neighbour',
          'teacher',
          'stranger',
          'other',
          'unknown',
        ],
        60,
      ),
    },
    withTotal({
      key: 'placeType',
      codeList: 'placeType',
      rows: rows(['home', 'school', 'workplace', 'public_place', 'online', 'other'], 80),
    }),
    withTotal({
      key: 'referralSource',
      codeList: 'referralSource',
      rows: rows(
        [
          'self',
          'family',
          'neighbour',
          'village_head',
          'police',
          'health_worker',
          'teacher',
          'religious_leader',
          'ngo',
          'other',
        ],
        30,
      ),
    }),
    withTotal({
      key: 'referralService',
      codeList: 'serviceType',
      rows: rows(['police', 'health', 'legal_aid', 'psychosocial', 'shelter', 'uptd_ppa', 'village_government'], 40),
    }),
    withTotal({
      key: 'referralOutcome',
      codeList: 'referralStatus',
      rows: rows(['pending', 'accepted', 'in_service', 'completed', 'declined', 'cancelled'], 40),
    }),
    withTotal({ key: 'followUpsPerCase', rows: rows(['0', '1', '2-3', '4+'], 50) }),
  ];

  const groupCount = options.groups ?? 3;
  const groupNames = [
    'Kelompok Perempuan Ngaṟa Bersatu',
    'Forum Anak Desa Oelbubuk',
    'PATBM Nusa Tenggara Timur — Waingapu',
  ];
  const groups = Array.from({ length: groupCount }, (_, index) => {
    const planned = 6 + next(8);
    const reached = { women: 20 + next(60), men: 5 + next(30), girls: next(40), boys: next(30) };
    return {
      groupId: `group-${index + 1}`,
      name: index < groupNames.length ? groupNames[index] : `Kelompok ${index + 1}`,
      village: VILLAGE_NAMES[index % VILLAGE_NAMES.length],
      itemsPlanned: planned,
      itemsDone: Math.min(planned, 2 + next(planned)),
      activities: 4 + next(20),
      participants: {
        women: count(reached.women),
        men: count(reached.men),
        girls: count(reached.girls),
        boys: count(reached.boys),
        disability: count(next(9)),
        total: reached.women + reached.men + reached.girls + reached.boys,
      },
      ...(external
        ? {}
        : {
            obstacles: [
              {
                text: 'Hujan deras pada bulan Februari menutup jalan ke dusun atas, sehingga dua sosialisasi ditunda.',
                times: 1,
              },
              {
                text: 'Sebagian tokoh adat masih menganggap kekerasan dalam rumah tangga sebagai urusan keluarga; diskusi perlu dilanjutkan bersama kepala desa.',
                times: 1,
              },
            ],
            lessons: [
              {
                text: 'Pertemuan di posyandu lebih banyak dihadiri ibu-ibu daripada pertemuan di balai desa.',
                times: 1,
              },
              {
                text: 'Melibatkan guru sekolah dasar membuat anak-anak berani bercerita tentang perundungan.',
                times: 1,
              },
            ],
          }),
    };
  });

  return {
    organizationName: 'Yayasan Pelita Perempuan Flores',
    scope: { level: 'region', id: 'region-ntt', name: 'Nusa Tenggara Timur' },
    year,
    audience,
    locale,
    generatedAt: new Date(Date.UTC(year + 1, 0, 14, 2, 30)),
    // The summary of report-figures.ts, with one figure suppressed in the external version.
    summary: [
      { key: 'casesNew', current: 142, previous: 118, unit: 'count' },
      { key: 'casesClosed', current: 97, previous: 101, unit: 'count' },
      { key: 'survivorsChildren', current: 58, previous: 51, unit: 'count' },
      { key: 'referrals', current: 211, previous: 176, unit: 'count' },
      { key: 'followUps', current: 534, previous: 470, unit: 'count' },
      { key: 'overdueFollowUps', current: count(4), previous: 0, unit: 'count' },
      { key: 'medianDaysToFirstFollowUp', current: 3, previous: 5, unit: 'days' },
      { key: 'medianDaysToClosure', current: 84.5, previous: 0, unit: 'days', noData: ['previous'] },
      { key: 'activities', current: 61, previous: 44, unit: 'count' },
      { key: 'participants', current: 1268, previous: 1012, unit: 'count' },
    ],
    tables,
    groups,
  };
}
