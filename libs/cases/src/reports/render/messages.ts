import { CODE_LISTS, CodeListName } from '@pendamping/cases/code-lists/code-lists';
import type {
  ReportAudience,
  ReportFigures,
  ReportLocale,
  ReportRow,
  ReportTable,
  ScopeLevel,
  SummaryFigure,
} from '../report-model';

/*
 * Every word the renderers print, in Bahasa Indonesia (the default) and English. Code labels come
 * from the code lists; everything else is here, so a wording change is one edit for the PDF, the
 * XLSX and the CSV alike.
 */

/** What the catalogue knows of a table, by its stable key (ReportTable.key). */
export interface TableText {
  /** The section heading: "Kasus menurut jenis kekerasan". */
  title: string;
  /** The XLSX sheet name: at most 31 characters, none of []:*?/\ . */
  sheet: string;
  /** The header of the first column: "Jenis kekerasan". */
  rowHeader: string;
  /** A sentence under the heading, when the table needs one. */
  note?: string;
}

export interface Messages {
  reportTitle: string;
  organization: string;
  /** "Tahun 2025". */
  yearLabel: (year: number) => string;
  scopeLevels: Record<ScopeLevel, string>;
  audiences: Record<ReportAudience, string>;
  cover: {
    title: string;
    scope: string;
    period: string;
    comparedWith: string;
    audience: string;
    generatedAt: string;
  };
  confidentiality: Record<ReportAudience, { title: string; body: (threshold: number) => string }>;
  /** The short marking in every page's footer (PDF, XLSX) and at the end of every CSV. */
  marking: Record<ReportAudience, string>;
  /** The stamp on the cover, so the audience is seen before anything else. */
  coverStamp: Record<ReportAudience, string>;
  contents: string;
  about: string;
  aboutBody: (figures: {
    year: number;
    previousYear: number;
    audience: ReportAudience;
    threshold: number;
    smallBase: number;
  }) => string[];
  section: string;
  summary: { title: string; intro: (year: number, previousYear: number) => string; note: string };
  summaryFigures: Record<string, string>;
  units: { count: string; days: string };
  columns: {
    indicator: string;
    unit: string;
    change: string;
    difference: string;
    changePercent: string;
    code: string;
    category: string;
  };
  total: string;
  continued: string;
  noTotal: string;
  empty: string;
  chartTop: (shown: string, all: string, year: number) => string;
  change: { new: string; none: string };
  previousYearValue: (year: number, value: string) => string;
  tables: Record<string, TableText>;
  /** Labels of row keys no code list holds ("unknown", "none"). */
  rowKeys: Record<string, string>;
  /** Labels of row keys particular to one table (buckets, "none" for a village). */
  tableRows: Record<string, Record<string, string>>;
  groups: {
    title: string;
    sheet: string;
    intro: string;
    none: string;
    group: string;
    village: string;
    planned: string;
    done: string;
    donePercent: string;
    progress: (done: string, planned: string, percent: string) => string;
    /** A note written word for word in several activity reports, shown once. */
    repeated: (text: string, times: number) => string;
    activities: string;
    participants: string;
    women: string;
    men: string;
    girls: string;
    boys: string;
    disability: string;
    disabilityNote: string;
    obstacles: string;
    lessons: string;
    noFreeText: string;
  };
  footer: {
    page: (page: number, total: number) => string;
    pageOnly: (page: number) => string;
    generated: (when: string) => string;
  };
  notice: string;
}

const ID: Messages = {
  reportTitle: 'Laporan Evaluasi Tahunan',
  organization: 'Organisasi',
  yearLabel: (year) => `Tahun ${year}`,
  scopeLevels: { organization: 'Seluruh organisasi', region: 'Wilayah', village: 'Desa', group: 'Kelompok' },
  audiences: { internal: 'Internal organisasi', external: 'Eksternal (mitra, donor, publik)' },
  cover: {
    title: 'Judul',
    scope: 'Cakupan',
    period: 'Periode',
    comparedWith: 'Dibandingkan dengan',
    audience: 'Pembaca',
    generatedAt: 'Dibuat',
  },
  confidentiality: {
    internal: {
      title: 'Rahasia — hanya untuk internal organisasi',
      body: () =>
        'Laporan ini hanya memuat angka gabungan, tanpa nama, alamat, atau data lain yang dapat mengenali korban. ' +
        'Angka kecil tidak disembunyikan, dan catatan hambatan serta pembelajaran kelompok dapat menyebut orang atau peristiwa: ' +
        'jangan membagikan laporan ini ke luar organisasi.',
    },
    external: {
      title: 'Data tanpa identitas untuk pembaca eksternal',
      body: (threshold) =>
        'Laporan ini hanya memuat angka gabungan, tanpa nama, alamat, atau data lain yang dapat mengenali seseorang. ' +
        `Angka di bawah ${threshold} ditampilkan sebagai "<${threshold}"; bila perlu, satu angka lain pada baris atau kolom yang sama ` +
        'ikut disembunyikan agar jumlah total tidak membukanya. Catatan tertulis kelompok tidak dimuat.',
    },
  },
  marking: { internal: 'Rahasia — hanya untuk internal organisasi', external: 'Eksternal — data tanpa identitas' },
  coverStamp: { internal: 'RAHASIA · INTERNAL', external: 'EKSTERNAL' },
  contents: 'Daftar isi',
  about: 'Tentang laporan ini',
  aboutBody: ({ year, previousYear, audience, threshold, smallBase }) => [
    `Laporan ini merangkum pendampingan kasus kekerasan terhadap perempuan dan anak selama tahun ${year}, ` +
      `dibandingkan dengan tahun ${previousYear}, serta rencana kerja dan kegiatan kelompok dampingan.`,
    'Setiap angka adalah jumlah kasus kecuali disebutkan lain. Kolom "Perubahan" menunjukkan selisih terhadap tahun sebelumnya: ' +
      `dalam jumlah bila angka tahun sebelumnya di bawah ${smallBase}, dalam persen bila ${smallBase} atau lebih; "baru" berarti tahun sebelumnya tidak ada, ` +
      'dan "–" berarti perubahan tidak dapat dihitung.',
    audience === 'external'
      ? `Angka di bawah ${threshold} ditampilkan sebagai "<${threshold}" untuk melindungi korban.`
      : 'Laporan internal: semua angka ditampilkan apa adanya.',
  ],
  section: 'Bagian',
  summary: {
    title: 'Ringkasan',
    intro: (year, previousYear) => `Angka utama tahun ${year}, dibandingkan dengan tahun ${previousYear}.`,
    note:
      'Kenaikan jumlah kasus tidak selalu berarti kekerasan bertambah: sering kali berarti lebih banyak korban ' +
      'yang berani melapor dan lebih mudah menjangkau layanan.',
  },
  summaryFigures: {
    casesNew: 'Kasus baru',
    casesTotal: 'Kasus yang didampingi',
    casesOpen: 'Kasus masih didampingi di akhir tahun',
    casesActive: 'Kasus masih didampingi di akhir tahun',
    casesClosed: 'Kasus ditutup',
    casesReopened: 'Kasus dibuka kembali',
    survivorsChildren: 'Korban anak (di bawah 18 tahun)',
    survivorsWomen: 'Korban perempuan dewasa',
    survivorsWithDisability: 'Korban penyandang disabilitas',
    referrals: 'Rujukan ke layanan',
    referralsCompleted: 'Rujukan selesai',
    followUps: 'Tindak lanjut',
    followUpsPerCase: 'Tindak lanjut per kasus (median)',
    medianDaysToFirstFollowUp: 'Hari dari penerimaan hingga tindak lanjut pertama (median)',
    medianDaysToClosure: 'Hari hingga kasus ditutup (median)',
    overdueFollowUps: 'Tindak lanjut terlambat',
    followUpsOverdue: 'Tindak lanjut terlambat',
    groups: 'Kelompok dampingan',
    planItemsPlanned: 'Rencana kegiatan kelompok',
    planItemsDone: 'Rencana kegiatan terlaksana',
    activities: 'Kegiatan kelompok dilaporkan',
    participants: 'Peserta kegiatan yang dijangkau',
  },
  units: { count: 'jumlah', days: 'hari' },
  columns: {
    indicator: 'Indikator',
    unit: 'Satuan',
    change: 'Perubahan',
    difference: 'Selisih',
    changePercent: 'Perubahan (%)',
    code: 'Kode',
    category: 'Kategori',
  },
  total: 'Jumlah',
  continued: '(lanjutan)',
  noTotal: 'Satu kasus dapat tercatat pada lebih dari satu kategori, sehingga tabel ini tidak memiliki jumlah total.',
  empty: 'Tidak ada data.',
  chartTop: (shown, all, year) =>
    `Grafik: ${shown} dari ${all} baris dengan angka tertinggi tahun ${year}; daftar lengkap ada pada tabel.`,
  change: { new: 'baru', none: '–' },
  previousYearValue: (year, value) => `${year}: ${value}`,
  tables: {
    violenceTypes: {
      title: 'Kasus menurut jenis kekerasan',
      sheet: 'Jenis kekerasan',
      rowHeader: 'Jenis kekerasan',
    },
    tpksForms: {
      title: 'Kasus kekerasan seksual menurut bentuk (UU TPKS)',
      sheet: 'Bentuk TPKS',
      rowHeader: 'Bentuk kekerasan seksual',
    },
    gbvimsTypes: {
      title: 'Kasus menurut jenis kekerasan GBVIMS',
      sheet: 'Jenis GBVIMS',
      rowHeader: 'Jenis kekerasan (GBVIMS)',
    },
    ageGroup: { title: 'Korban menurut kelompok umur', sheet: 'Umur korban', rowHeader: 'Kelompok umur' },
    ageGroupFemale: {
      title: 'Korban perempuan menurut kelompok umur',
      sheet: 'Umur korban perempuan',
      rowHeader: 'Kelompok umur',
    },
    ageGroupMale: {
      title: 'Korban laki-laki menurut kelompok umur',
      sheet: 'Umur korban laki-laki',
      rowHeader: 'Kelompok umur',
    },
    gbvimsAgeGroup: { title: 'Korban menurut kelompok umur GBVIMS', sheet: 'Umur GBVIMS', rowHeader: 'Kelompok umur' },
    sex: { title: 'Korban menurut jenis kelamin', sheet: 'Jenis kelamin', rowHeader: 'Jenis kelamin' },
    disability: { title: 'Korban menurut disabilitas', sheet: 'Disabilitas', rowHeader: 'Disabilitas' },
    village: { title: 'Kasus menurut desa', sheet: 'Desa', rowHeader: 'Desa' },
    region: { title: 'Kasus menurut wilayah', sheet: 'Wilayah', rowHeader: 'Wilayah' },
    relationship: {
      title: 'Kasus menurut hubungan pelaku dengan korban',
      sheet: 'Hubungan pelaku',
      rowHeader: 'Hubungan dengan korban',
    },
    perpetratorAgeGroup: { title: 'Pelaku menurut kelompok umur', sheet: 'Umur pelaku', rowHeader: 'Kelompok umur' },
    placeType: { title: 'Kasus menurut tempat kejadian', sheet: 'Tempat kejadian', rowHeader: 'Tempat kejadian' },
    referralSource: { title: 'Kasus menurut sumber rujukan', sheet: 'Sumber rujukan', rowHeader: 'Sumber rujukan' },
    referralService: { title: 'Rujukan menurut jenis layanan', sheet: 'Rujukan per layanan', rowHeader: 'Layanan' },
    referralOutcome: { title: 'Rujukan menurut hasil', sheet: 'Hasil rujukan', rowHeader: 'Hasil rujukan' },
    followUpType: {
      title: 'Tindak lanjut menurut jenis',
      sheet: 'Jenis tindak lanjut',
      rowHeader: 'Jenis tindak lanjut',
    },
    followUpsPerCase: {
      title: 'Kasus menurut jumlah tindak lanjut',
      sheet: 'Tindak lanjut per kasus',
      rowHeader: 'Jumlah tindak lanjut',
    },
    closureReason: { title: 'Kasus ditutup menurut alasan', sheet: 'Alasan penutupan', rowHeader: 'Alasan penutupan' },
    caseStatus: { title: 'Kasus menurut status di akhir tahun', sheet: 'Status kasus', rowHeader: 'Status' },
    justicePathwayStage: { title: 'Kasus menurut tahap proses hukum', sheet: 'Proses hukum', rowHeader: 'Tahap' },
    riskLevel: { title: 'Kasus menurut tingkat risiko', sheet: 'Tingkat risiko', rowHeader: 'Tingkat risiko' },
  },
  rowKeys: {
    unknown: 'Tidak diketahui',
    none: 'Tidak dicatat',
    other: 'Lainnya',
  },
  tableRows: {
    village: { none: 'Desa tidak dicatat' },
    followUpsPerCase: { '0': 'Belum ada tindak lanjut', '1': '1 kali', '2-3': '2–3 kali', '4+': '4 kali atau lebih' },
  },
  groups: {
    title: 'Kelompok dampingan',
    sheet: 'Kelompok',
    intro: 'Rencana kerja dan kegiatan setiap kelompok selama tahun ini.',
    none: 'Tidak ada kelompok dalam cakupan laporan ini.',
    group: 'Kelompok',
    village: 'Desa',
    planned: 'Rencana kegiatan',
    done: 'Terlaksana',
    donePercent: 'Persentase terlaksana',
    progress: (done, planned, percent) => `${done} dari ${planned} terlaksana (${percent})`,
    repeated: (text, times) => (times > 1 ? `${text} (ditulis di ${times} laporan kegiatan)` : text),
    activities: 'Kegiatan dilaporkan',
    participants: 'Peserta yang dijangkau',
    women: 'Perempuan',
    men: 'Laki-laki',
    girls: 'Anak perempuan',
    boys: 'Anak laki-laki',
    disability: 'Penyandang disabilitas',
    disabilityNote: 'termasuk dalam angka di atas',
    obstacles: 'Hambatan',
    lessons: 'Pembelajaran',
    noFreeText: 'Tidak ada catatan tertulis.',
  },
  footer: {
    page: (page, total) => `Halaman ${page} dari ${total}`,
    pageOnly: (page) => `Halaman ${page}`,
    generated: (when) => `Dibuat ${when}`,
  },
  notice: 'Keterangan',
};

const EN: Messages = {
  reportTitle: 'Annual Evaluation Report',
  organization: 'Organisation',
  yearLabel: (year) => `Year ${year}`,
  scopeLevels: { organization: 'Whole organisation', region: 'Region', village: 'Village', group: 'Group' },
  audiences: { internal: 'Internal (organisation only)', external: 'External (partners, donors, public)' },
  cover: {
    title: 'Title',
    scope: 'Scope',
    period: 'Period',
    comparedWith: 'Compared with',
    audience: 'Audience',
    generatedAt: 'Generated',
  },
  confidentiality: {
    internal: {
      title: 'Confidential — for internal use of the organisation only',
      body: () =>
        'This report holds aggregate figures only, with no name, address or other detail that could identify a survivor. ' +
        "Small numbers are not suppressed, and the groups' notes on obstacles and lessons may name people or events: " +
        'do not share this report outside the organisation.',
    },
    external: {
      title: 'De-identified data for external readers',
      body: (threshold) =>
        'This report holds aggregate figures only, with no name, address or other detail that could identify anyone. ' +
        `Numbers below ${threshold} are shown as "<${threshold}"; where needed, one more number in the same row or column ` +
        "is hidden as well so that totals cannot reveal it. The groups' written notes are left out.",
    },
  },
  marking: { internal: 'Confidential — internal use only', external: 'External — de-identified data' },
  coverStamp: { internal: 'CONFIDENTIAL · INTERNAL', external: 'EXTERNAL' },
  contents: 'Contents',
  about: 'About this report',
  aboutBody: ({ year, previousYear, audience, threshold, smallBase }) => [
    `This report summarises the support given in cases of violence against women and children during ${year}, ` +
      `compared with ${previousYear}, and the work plans and activities of the community groups.`,
    'Every figure is a number of cases unless stated otherwise. The "Change" column shows the difference from the previous year: ' +
      `as a number where the previous year had fewer than ${smallBase}, in percent from ${smallBase} up; "new" means there were none the year before, ` +
      'and "–" that the change cannot be computed.',
    audience === 'external'
      ? `Numbers below ${threshold} are shown as "<${threshold}" to protect survivors.`
      : 'Internal report: every number is shown as it is.',
  ],
  section: 'Section',
  summary: {
    title: 'Summary',
    intro: (year, previousYear) => `Key figures for ${year}, compared with ${previousYear}.`,
    note:
      'A rise in the number of cases does not necessarily mean more violence: often it means that more survivors ' +
      'dare to report and can reach services more easily.',
  },
  summaryFigures: {
    casesNew: 'New cases',
    casesTotal: 'Cases supported',
    casesOpen: 'Cases still open at year end',
    casesActive: 'Cases still open at year end',
    casesClosed: 'Cases closed',
    casesReopened: 'Cases reopened',
    survivorsChildren: 'Child survivors (under 18)',
    survivorsWomen: 'Adult women survivors',
    survivorsWithDisability: 'Survivors with disabilities',
    referrals: 'Referrals to services',
    referralsCompleted: 'Referrals completed',
    followUps: 'Follow-ups',
    followUpsPerCase: 'Follow-ups per case (median)',
    medianDaysToFirstFollowUp: 'Days from intake to first follow-up (median)',
    medianDaysToClosure: 'Days to closure (median)',
    overdueFollowUps: 'Overdue follow-ups',
    followUpsOverdue: 'Overdue follow-ups',
    groups: 'Community groups',
    planItemsPlanned: 'Group plan items',
    planItemsDone: 'Group plan items done',
    activities: 'Group activities reported',
    participants: 'Activity participants reached',
  },
  units: { count: 'count', days: 'days' },
  columns: {
    indicator: 'Indicator',
    unit: 'Unit',
    change: 'Change',
    difference: 'Difference',
    changePercent: 'Change (%)',
    code: 'Code',
    category: 'Category',
  },
  total: 'Total',
  continued: '(continued)',
  noTotal: 'A case can be counted in more than one category, so this table has no total.',
  empty: 'No data.',
  chartTop: (shown, all, year) =>
    `Chart: the ${shown} of ${all} rows with the highest figures in ${year}; the table lists them all.`,
  change: { new: 'new', none: '–' },
  previousYearValue: (year, value) => `${year}: ${value}`,
  tables: {
    violenceTypes: { title: 'Cases by type of violence', sheet: 'Violence type', rowHeader: 'Type of violence' },
    tpksForms: {
      title: 'Sexual violence cases by form (TPKS Law)',
      sheet: 'TPKS form',
      rowHeader: 'Form of sexual violence',
    },
    gbvimsTypes: {
      title: 'Cases by GBVIMS type of violence',
      sheet: 'GBVIMS type',
      rowHeader: 'Type of violence (GBVIMS)',
    },
    ageGroup: { title: 'Survivors by age group', sheet: 'Survivor age', rowHeader: 'Age group' },
    ageGroupFemale: { title: 'Female survivors by age group', sheet: 'Female survivor age', rowHeader: 'Age group' },
    ageGroupMale: { title: 'Male survivors by age group', sheet: 'Male survivor age', rowHeader: 'Age group' },
    gbvimsAgeGroup: { title: 'Survivors by GBVIMS age group', sheet: 'GBVIMS age', rowHeader: 'Age group' },
    sex: { title: 'Survivors by sex', sheet: 'Sex', rowHeader: 'Sex' },
    disability: { title: 'Survivors by disability', sheet: 'Disability', rowHeader: 'Disability' },
    village: { title: 'Cases by village', sheet: 'Village', rowHeader: 'Village' },
    region: { title: 'Cases by region', sheet: 'Region', rowHeader: 'Region' },
    relationship: {
      title: "Cases by perpetrator's relationship to the survivor",
      sheet: 'Perpetrator relationship',
      rowHeader: 'Relationship to survivor',
    },
    perpetratorAgeGroup: { title: 'Perpetrators by age group', sheet: 'Perpetrator age', rowHeader: 'Age group' },
    placeType: { title: 'Cases by place of the incident', sheet: 'Place of incident', rowHeader: 'Place' },
    referralSource: { title: 'Cases by referral source', sheet: 'Referral source', rowHeader: 'Referral source' },
    referralService: { title: 'Referrals by service', sheet: 'Referrals by service', rowHeader: 'Service' },
    referralOutcome: { title: 'Referrals by outcome', sheet: 'Referral outcome', rowHeader: 'Outcome' },
    followUpType: { title: 'Follow-ups by type', sheet: 'Follow-up type', rowHeader: 'Type of follow-up' },
    followUpsPerCase: {
      title: 'Cases by number of follow-ups',
      sheet: 'Follow-ups per case',
      rowHeader: 'Number of follow-ups',
    },
    closureReason: { title: 'Closed cases by reason', sheet: 'Closure reason', rowHeader: 'Reason for closure' },
    caseStatus: { title: 'Cases by status at year end', sheet: 'Case status', rowHeader: 'Status' },
    justicePathwayStage: {
      title: 'Cases by stage of the justice process',
      sheet: 'Justice process',
      rowHeader: 'Stage',
    },
    riskLevel: { title: 'Cases by risk level', sheet: 'Risk level', rowHeader: 'Risk level' },
  },
  rowKeys: {
    unknown: 'Unknown',
    none: 'Not recorded',
    other: 'Other',
  },
  tableRows: {
    village: { none: 'Village not recorded' },
    followUpsPerCase: { '0': 'No follow-up yet', '1': 'Once', '2-3': '2–3 times', '4+': '4 times or more' },
  },
  groups: {
    title: 'Community groups',
    sheet: 'Groups',
    intro: "Each group's work plan and activities during the year.",
    none: 'No group in the scope of this report.',
    group: 'Group',
    village: 'Village',
    planned: 'Planned items',
    done: 'Done',
    donePercent: 'Share done',
    progress: (done, planned, percent) => `${done} of ${planned} done (${percent})`,
    repeated: (text, times) => (times > 1 ? `${text} (written in ${times} activity reports)` : text),
    activities: 'Activities reported',
    participants: 'Participants reached',
    women: 'Women',
    men: 'Men',
    girls: 'Girls',
    boys: 'Boys',
    disability: 'Persons with disabilities',
    disabilityNote: 'included in the figures above',
    obstacles: 'Obstacles',
    lessons: 'Lessons learned',
    noFreeText: 'No written notes.',
  },
  footer: {
    page: (page, total) => `Page ${page} of ${total}`,
    pageOnly: (page) => `Page ${page}`,
    generated: (when) => `Generated ${when}`,
  },
  notice: 'Notice',
};

const CATALOGUE: Readonly<Record<ReportLocale, Messages>> = { id: ID, en: EN };

/** The table keys the catalogue has titles for (others still render, under a title made from the key). */
export const KNOWN_TABLE_KEYS = Object.freeze(Object.keys(ID.tables));
/** The summary keys the catalogue has labels for. */
export const KNOWN_SUMMARY_KEYS = Object.freeze(Object.keys(ID.summaryFigures));

export function messagesFor(locale: ReportLocale): Messages {
  return CATALOGUE[locale] ?? ID;
}

/** "followUpsPerCase" → "Follow ups per case": a readable fallback for a key the catalogue lacks. */
function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function tableText(m: Messages, table: Pick<ReportTable, 'key' | 'total'>): TableText {
  const known = Object.hasOwn(m.tables, table.key) ? m.tables[table.key] : undefined;
  const base = known ?? { title: humanize(table.key), sheet: humanize(table.key), rowHeader: m.columns.category };
  const note = table.total === undefined ? m.noTotal : undefined;
  return { ...base, note: base.note ?? note };
}

export function summaryLabel(m: Messages, figure: Pick<SummaryFigure, 'key'>): string {
  return Object.hasOwn(m.summaryFigures, figure.key) ? m.summaryFigures[figure.key] : humanize(figure.key);
}

/**
 * The label of a row: the place's name the figures carry, else the code list's label in the
 * report's language, else the catalogue's words for this table's key (buckets, a village's
 * "none"), else for "unknown"/"none", else the key itself.
 */
export function rowLabel(
  m: Messages,
  locale: ReportLocale,
  table: { key?: string; codeList?: string },
  row: Pick<ReportRow, 'key' | 'label'>,
): string {
  if (row.label !== undefined && row.label !== '') return row.label;
  const particular =
    table.key !== undefined && Object.hasOwn(m.tableRows, table.key) ? m.tableRows[table.key] : undefined;
  if (table.codeList && Object.hasOwn(CODE_LISTS, table.codeList)) {
    const list = CODE_LISTS[table.codeList as CodeListName] as readonly {
      code: string;
      label: Readonly<Record<ReportLocale, string>>;
    }[];
    const entry = list.find((candidate) => candidate.code === row.key);
    if (entry) return entry.label[locale];
  }
  if (particular && Object.hasOwn(particular, row.key)) return particular[row.key];
  return Object.hasOwn(m.rowKeys, row.key) ? m.rowKeys[row.key] : row.key;
}

/** "Wilayah Nusa Tenggara Timur", "Seluruh organisasi — Yayasan …". */
export function scopeText(m: Messages, scope: ReportFigures['scope']): string {
  const level = m.scopeLevels[scope.level];
  return scope.level === 'organization' ? `${level} — ${scope.name}` : `${level} ${scope.name}`;
}
