import { execFileSync } from 'node:child_process';
import { PassThrough, Writable } from 'node:stream';
import * as ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { ReportFigures, ReportTable } from '../report-model';
import { csvRecord, renderCsvZip } from './csv-report';
import { createFormatter } from './format';
import { KNOWN_SUMMARY_KEYS, KNOWN_TABLE_KEYS, messagesFor, rowLabel, tableText } from './messages';
import { renderPdf } from './pdf-report';
import { sampleFigures } from './sample-figures';
import { renderXlsx } from './xlsx-report';

const THRESHOLD = 5;

/** Everything a renderer writes, once it has finished. */
async function collect(render: (out: Writable) => Promise<unknown>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await render(out);
  return Buffer.concat(chunks);
}

/**
 * The text of each page, by pdf-parse (v2: new PDFParse({ data }).getText()). It runs in a child
 * Node: pdf.js starts its worker with a dynamic import(), which Jest's module loader cannot do.
 */
function pdfPages(pdf: Buffer): string[] {
  const script = `
    const { PDFParse } = require('pdf-parse');
    const chunks = [];
    process.stdin.on('data', (chunk) => chunks.push(chunk));
    process.stdin.on('end', async () => {
      const parser = new PDFParse({ data: Buffer.concat(chunks) });
      const result = await parser.getText();
      await parser.destroy();
      process.stdout.write(JSON.stringify(result.pages.map((page) => page.text)));
    });`;
  const json = execFileSync(process.execPath, ['-e', script], {
    input: pdf,
    cwd: process.cwd(),
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(json.toString('utf8')) as string[];
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('message catalogue', () => {
  it('has the same entries in Indonesian and English', () => {
    const keysOf = (value: unknown, prefix = ''): string[] =>
      value !== null && typeof value === 'object'
        ? Object.entries(value).flatMap(([key, child]) => keysOf(child, `${prefix}${key}.`))
        : [prefix.slice(0, -1)];
    expect(keysOf(messagesFor('en')).sort()).toEqual(keysOf(messagesFor('id')).sort());
  });

  it('names every known table with a sheet name Excel accepts', () => {
    for (const locale of ['id', 'en'] as const) {
      const m = messagesFor(locale);
      for (const key of KNOWN_TABLE_KEYS) {
        const text = tableText(m, { key, total: { current: 1, previous: 1 } });
        expect(text.title).not.toHaveLength(0);
        expect(text.sheet.length).toBeLessThanOrEqual(31);
        expect(text.sheet).not.toMatch(/[[\]:*?/\\]/);
        expect(text.note).toBeUndefined();
      }
      expect(KNOWN_SUMMARY_KEYS.every((key) => m.summaryFigures[key].length > 0)).toBe(true);
    }
  });

  it('labels rows through the code lists, then the catalogue, then the key', () => {
    const id = messagesFor('id');
    const en = messagesFor('en');
    expect(rowLabel(id, 'id', { codeList: 'violenceTypes' }, { key: 'seksual' })).toBe('Kekerasan seksual');
    expect(rowLabel(en, 'en', { codeList: 'violenceTypes' }, { key: 'seksual' })).toBe('Sexual violence');
    expect(rowLabel(id, 'id', { codeList: 'relationship' }, { key: 'unknown' })).toBe('Tidak diketahui');
    expect(rowLabel(en, 'en', { codeList: 'disability' }, { key: 'none' })).toBe('No disability');
    expect(rowLabel(en, 'en', { codeList: 'serviceType' }, { key: 'none' })).toBe('Not recorded');
    expect(rowLabel(id, 'id', { key: 'village' }, { key: 'none' })).toBe('Desa tidak dicatat');
    expect(rowLabel(en, 'en', { key: 'followUpsPerCase' }, { key: '4+' })).toBe('4 times or more');
    expect(rowLabel(en, 'en', { key: 'constructor' }, { key: 'toString' })).toBe('toString');
    expect(rowLabel(id, 'id', {}, { key: 'v-1', label: 'Ngaṟa' })).toBe('Ngaṟa');
    expect(rowLabel(id, 'id', { codeList: 'noSuchList' }, { key: '2-3' })).toBe('2-3');
  });

  it('gives a table the catalogue lacks a title made from its key, and says why a table has no total', () => {
    const text = tableText(messagesFor('en'), { key: 'perpetratorSexByAge' });
    expect(text.title).toBe('Perpetrator sex by age');
    expect(text.rowHeader).toBe('Category');
    expect(text.note).toMatch(/no total/);
  });
});

describe('formatting', () => {
  const id = createFormatter('id', { threshold: THRESHOLD });
  const en = createFormatter('en', { threshold: 10, timeZone: 'Asia/Jakarta' });

  it('formats numbers for the locale', () => {
    expect(id.number(1234567)).toBe('1.234.567');
    expect(en.number(1234567)).toBe('1,234,567');
    expect(id.number(84.5)).toBe('84,5');
    expect(en.number(84.5)).toBe('84.5');
  });

  it('shows a suppressed cell as "<threshold" and nothing-to-show as a dash', () => {
    expect(id.cell({ suppressed: true })).toBe('<5');
    expect(en.cell({ suppressed: true })).toBe('<10');
    expect(id.cell(null)).toBe('–');
  });

  it('computes the change against the previous year', () => {
    expect(id.change(142, 118)).toBe('+20%');
    expect(id.change(97, 101)).toBe('\u22124%');
    expect(en.change(12, 12)).toBe('0');
    expect(id.change(12, 0)).toBe('baru');
    expect(en.change(12, 0)).toBe('new');
    expect(en.change(0, 0)).toBe('–');
    expect(id.change({ suppressed: true }, 6)).toBe('–');
    expect(id.change(6, { suppressed: true })).toBe('–');
  });

  it('shows the change as a difference where the previous year is below 20, and never a percent that reads like a thousand', () => {
    expect(id.change(37, 2)).toBe('+35');
    expect(id.change(3, 17)).toBe('\u221214');
    expect(en.change(25, 19)).toBe('+6');
    expect(id.change(24, 20)).toBe('+20%');
    expect(id.change(370, 20)).toBe('+1750%');
    expect(en.change(2.5, 4)).toBe('\u22121.5');
  });

  it('formats dates in the language and zone asked', () => {
    const when = new Date(Date.UTC(2026, 0, 14, 2, 30));
    expect(id.dateTime(when)).toBe('14 Januari 2026 pukul 10.30 WITA');
    expect(en.dateTime(when)).toMatch(/^14 January 2026 at 09:30/);
    expect(id.date(when)).toBe('14 Januari 2026');
    expect(id.yearPeriod(2025)).toMatch(/^1 Januari\s–\s31 Desember 2025$/);
  });
});

describe('PDF', () => {
  it('renders an internal report in Indonesian: cover, contents, summary, tables, groups and their notes', async () => {
    const figures = sampleFigures({ audience: 'internal', locale: 'id' });
    const started: number[] = [];
    let result = { pages: 0 };
    const pdf = await collect(async (out) => {
      result = await renderPdf(figures, out, { threshold: THRESHOLD, onPage: (page) => started.push(page) });
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pdfPages(pdf);
    expect(pages).toHaveLength(result.pages);
    expect(started).toEqual(pages.map((_, index) => index + 1));
    const text = pages.join('\n');

    expect(pages[0]).toContain('Yayasan Pelita Perempuan Flores');
    expect(pages[0]).toContain('Laporan Evaluasi Tahunan');
    expect(pages[0]).toContain('Wilayah Nusa Tenggara Timur');
    expect(pages[0]).toContain('Rahasia — hanya untuk internal organisasi');
    expect(pages[0]).toContain('Internal organisasi');
    pages.forEach((page, index) => {
      expect(page).toContain(`Halaman ${index + 1} dari ${pages.length}`);
      expect(page).toContain('Dibuat 14 Januari 2026 pukul 10.30 WITA');
    });

    // Contents point at the pages where the sections start.
    const contents = pages[1];
    const groupsSection = figures.tables.length + 2;
    const groupsPage = Number(new RegExp(`${groupsSection} Kelompok dampingan (\\d+)`).exec(contents)?.[1]);
    expect(pages[groupsPage - 1]).toContain(`BAGIAN ${groupsSection}`);
    expect(/1 Ringkasan (\d+)/.exec(contents)?.[1]).toBe('3');

    // Summary with last year and change.
    expect(pages[2]).toContain('Kasus baru');
    expect(pages[2]).toMatch(/142\s+2024: 118 ▲ \+20%/);
    expect(pages[2]).toMatch(/84,5\s+2024: –/);
    expect(pages[2]).toMatch(/Peserta kegiatan yang\s+dijangkau\s+1\.268\s+2024: 1\.012/);

    // Tables: titles, code labels, places with diacritics, totals, and the violence types without one.
    for (const title of [
      'Kasus menurut jenis kekerasan',
      'Korban menurut kelompok umur',
      'Korban perempuan menurut kelompok umur',
      'Kasus menurut desa',
      'Kasus menurut hubungan pelaku dengan korban',
      'Rujukan menurut hasil',
    ]) {
      expect(text).toContain(title);
    }
    expect(text).toContain('Kekerasan seksual');
    expect(text).toContain('Perdagangan orang (TPPO)');
    expect(text).toContain('Ngaṟa');
    expect(text).toContain('Sumba Barat Daya — Kodi');
    expect(text).toContain('Tidak diketahui');
    expect(text).toContain('Desa tidak dicatat');
    expect(text).toContain('4 kali atau lebih');
    expect(text).toContain('Satu kasus dapat tercatat pada lebih dari satu kategori');
    const violence = figures.tables[0];
    const sexual = violence.rows.find((row) => row.key === 'seksual');
    expect(text).toMatch(
      new RegExp(`Kekerasan seksual\\s+${sexual?.current as number}\\s+${sexual?.previous as number}`),
    );
    const ages = figures.tables[1];
    expect(text).toMatch(new RegExp(`Jumlah\\s+${ages.total?.current as number}\\s+${ages.total?.previous as number}`));

    // Groups with their free text.
    expect(text).toContain('Kelompok Perempuan Ngaṟa Bersatu');
    expect(text).toContain('PATBM Nusa Tenggara Timur — Waingapu');
    expect(text).toContain('Hambatan');
    expect(text).toContain('Pembelajaran');
    expect(text).toContain('Hujan deras pada bulan Februari');
    expect(text).not.toContain('<5');
  });

  it('renders an external report in English: suppressed cells as "<5", no free text', async () => {
    const figures = sampleFigures({ audience: 'external', locale: 'en' });
    const pages = pdfPages(await collect((out) => renderPdf(figures, out, { threshold: THRESHOLD })));
    const text = pages.join('\n');
    expect(pages[0]).toContain('Annual Evaluation Report');
    expect(pages[0]).toContain('Region Nusa Tenggara Timur');
    expect(pages[0]).toContain('De-identified data for external readers');
    expect(pages[0]).toContain('Numbers below 5 are shown as "<5"');
    expect(pages[pages.length - 1]).toContain(`Page ${pages.length} of ${pages.length}`);
    expect(text).toContain('Cases by type of violence');
    expect(text).toContain('Sexual violence');
    expect(text).toContain('Overdue follow-ups');
    expect(text).toMatch(/<5\s+2024: 0/);
    // Ngaṟa's 3 cases this year are suppressed, and so is its change.
    expect(text).toMatch(/Ngaṟa\s+<5\s+17\s+–/);
    expect(count(text, '<5')).toBeGreaterThan(5);
    expect(text).toContain('Community groups');
    expect(text).not.toContain('Obstacles');
    expect(text).not.toContain('Hujan deras');
    expect(text).not.toMatch(/Rahasia|Halaman/);
  });

  it('never prints free text in an external report, even if the figures carry some', async () => {
    const figures = sampleFigures({ audience: 'external', locale: 'id' });
    figures.groups[0].obstacles = [{ text: 'Nama seseorang yang tidak boleh muncul', times: 1 }];
    const text = pdfPages(await collect((out) => renderPdf(figures, out, { threshold: THRESHOLD }))).join('\n');
    expect(text).not.toContain('Nama seseorang');
    expect(text).not.toContain('Hambatan');
  });

  it('breaks a long table across pages with its header repeated, and numbers pages without buffering them', async () => {
    const figures = sampleFigures({ villages: 2000, groups: 1, audience: 'external', locale: 'id' });
    const pages = pdfPages(await collect((out) => renderPdf(figures, out, { threshold: THRESHOLD })));
    const villagePages = pages.slice(2).filter((page) => page.includes('Kasus menurut desa'));
    expect(villagePages.length).toBeGreaterThan(50);
    // Every page of the table has its header row: the first under the chart, the others after "(lanjutan)".
    for (const page of villagePages) expect(page).toMatch(/Desa\s+2025\s+2024\s+Perubahan/);
    expect(villagePages.filter((page) => page.includes('Kasus menurut desa (lanjutan)'))).toHaveLength(
      villagePages.length - 1,
    );
    const text = pages.join('\n');
    expect(text).toContain('Desa 2000 (Sumba Barat Daya — Kodi)');
    expect(text).toContain('Grafik: 15 dari 2.001 baris');
    // The total ends the table on its last page, after the last village: never alone on a page.
    const last = villagePages[villagePages.length - 1];
    expect(last).toMatch(/Desa 2000 \(Sumba Barat Daya — Kodi\)[^\n]*\nDesa tidak dicatat[^\n]*\nJumlah\s+(\d|<5)/);
    expect(pages[pages.length - 1]).toContain(`Halaman ${pages.length} dari ${pages.length}`);
  });

  it('carries a note longer than a page over to the next pages, with the group named again', async () => {
    const figures = sampleFigures({ groups: 1 });
    const words = Array.from({ length: 1500 }, (_, index) => `kata${index + 1}`);
    figures.groups[0].lessons = [
      { text: words.join(' '), times: 1 },
      { text: 'Catatan terakhir.', times: 1 },
    ];
    const pages = pdfPages(await collect((out) => renderPdf(figures, out, { threshold: THRESHOLD })));
    const text = pages.join('\n');
    for (const word of ['kata1 ', 'kata750 ', 'kata1500', 'Catatan terakhir.']) expect(text).toContain(word);
    expect(
      pages.filter((page) => page.includes('Kelompok Perempuan Ngaṟa Bersatu (lanjutan)')).length,
    ).toBeGreaterThanOrEqual(1);
  });

  it('renders in one pass with "Halaman X" when asked not to count pages', async () => {
    const figures = sampleFigures({ groups: 1 });
    const pages = pdfPages(await collect((out) => renderPdf(figures, out, { threshold: THRESHOLD, pageTotal: false })));
    expect(pages[0]).toMatch(/Halaman 1(?! dari)/);
    expect(pages[pages.length - 1]).toMatch(new RegExp(`Halaman ${pages.length}(?! dari)`));
    // Without a dry pass the contents have no page numbers.
    expect(pages[1]).toMatch(/1 Ringkasan\n2 Kasus menurut jenis kekerasan\n/);
  });

  it('waits for a slow output instead of piling pages up', async () => {
    const figures = sampleFigures({ villages: 3000, groups: 2 });
    let written = 0;
    const writtenAtPage: number[] = [];
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, done) {
        written += chunk.length;
        setImmediate(done);
      },
    });
    const { pages } = await renderPdf(figures, slow, {
      threshold: THRESHOLD,
      onPage: () => writtenAtPage.push(written),
    });
    expect(pages).toBeGreaterThan(100);
    // Pages go out while later ones are laid out: by 70 % of the pages, a good part of the file is written.
    expect(writtenAtPage[Math.floor(pages * 0.7)]).toBeGreaterThan(written * 0.25);
  });

  it('fails when the output fails', async () => {
    const broken = new Writable({
      write(_chunk, _encoding, done) {
        done(new Error('disk full'));
      },
    });
    await expect(renderPdf(sampleFigures({ villages: 300 }), broken, { threshold: THRESHOLD })).rejects.toThrow(
      'disk full',
    );
  });

  it('renders a report with nothing in it', async () => {
    const empty: ReportFigures = {
      ...sampleFigures(),
      summary: [],
      groups: [],
      tables: [{ key: 'village', rows: [], total: { current: 0, previous: 0 } }],
    };
    const text = pdfPages(await collect((out) => renderPdf(empty, out, { threshold: THRESHOLD }))).join('\n');
    expect(text).toContain('Tidak ada data.');
    expect(text).toContain('Tidak ada kelompok dalam cakupan laporan ini.');
  });
});

describe('XLSX', () => {
  async function workbookOf(figures: ReportFigures): Promise<ExcelJS.Workbook> {
    const file = await collect((out) => renderXlsx(figures, out, { threshold: THRESHOLD }));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    return workbook;
  }

  /** The rows under the header row (found by its first cell), as plain values. */
  function table(sheet: ExcelJS.Worksheet, firstHeader: string): { header: unknown[]; rows: unknown[][] } {
    const values: unknown[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    const at = values.findIndex((row) => row[0] === firstHeader);
    expect(at).toBeGreaterThanOrEqual(0);
    return { header: values[at], rows: values.slice(at + 1) };
  }

  it('has a summary sheet, one sheet per table and a groups sheet, in Indonesian', async () => {
    const figures = sampleFigures({ audience: 'internal', locale: 'id' });
    const workbook = await workbookOf(figures);
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names).toEqual([
      'Ringkasan',
      ...figures.tables.map((t) => tableText(messagesFor('id'), t).sheet),
      'Kelompok',
    ]);

    const summary = table(workbook.getWorksheet('Ringkasan') as ExcelJS.Worksheet, 'Indikator');
    expect(summary.header).toEqual(['Indikator', 'Satuan', '2025', '2024', 'Selisih', 'Perubahan (%)']);
    expect(summary.rows[0].slice(0, 5)).toEqual(['Kasus baru', 'jumlah', 142, 118, 24]);
    expect(summary.rows[0][5]).toBeCloseTo(24 / 118);

    const villages = table(workbook.getWorksheet('Desa') as ExcelJS.Worksheet, 'Desa');
    expect(villages.header).toEqual(['Desa', '2025', '2024', 'Selisih', 'Perubahan (%)']);
    // A previous year of 17 is small: the difference, no percentage.
    expect(villages.rows[0].slice(0, 4)).toEqual(['Ngaṟa', 3, 17, -14]);
    expect(villages.rows[0][4] ?? null).toBeNull();
    const total = villages.rows[villages.rows.length - 1];
    const village = figures.tables.find((t) => t.key === 'village');
    expect(villages.rows[villages.rows.length - 2][0]).toBe('Desa tidak dicatat');
    expect(total.slice(0, 3)).toEqual(['Jumlah', village?.total?.current, village?.total?.previous]);

    const violence = table(workbook.getWorksheet('Jenis kekerasan') as ExcelJS.Worksheet, 'Kode');
    expect(violence.header).toEqual(['Kode', 'Jenis kekerasan', '2025', '2024', 'Selisih', 'Perubahan (%)']);
    expect(violence.rows.map((row) => row[1])).toContain('Kekerasan seksual');
    expect(violence.rows.map((row) => row[1])).not.toContain('Jumlah');

    const groups = table(workbook.getWorksheet('Kelompok') as ExcelJS.Worksheet, 'Kelompok');
    expect(groups.header).toContain('Hambatan');
    expect(groups.header).toContain('Pembelajaran');
    expect(groups.rows[0][0]).toBe('Kelompok Perempuan Ngaṟa Bersatu');
    expect(String(groups.rows[0][12])).toContain('• Hujan deras');
  });

  it('writes suppressed cells as "<5" text and numbers as numbers, in English, without free text for an external audience', async () => {
    const workbook = await workbookOf(sampleFigures({ audience: 'external', locale: 'en' }));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toContain('Village');
    const villages = table(workbook.getWorksheet('Village') as ExcelJS.Worksheet, 'Village');
    expect(villages.header).toEqual(['Village', '2025', '2024', 'Difference', 'Change (%)']);
    expect(villages.rows[0].slice(0, 3)).toEqual(['Ngaṟa', '<5', 17]);
    expect(villages.rows[0][3] ?? null).toBeNull();
    expect(villages.rows[0][4] ?? null).toBeNull();
    expect(typeof villages.rows[1][1]).toBe('number');
    const groups = table(workbook.getWorksheet('Groups') as ExcelJS.Worksheet, 'Group');
    expect(groups.header).not.toContain('Obstacles');
    expect(groups.header).not.toContain('Lessons learned');
    const summary = workbook.getWorksheet('Summary') as ExcelJS.Worksheet;
    const noticeRow = summary.getRows(1, 20)?.find((row) => row.getCell(1).value === 'Notice');
    expect(String(noticeRow?.getCell(2).value)).toContain('Numbers below 5 are shown as "<5"');
  });
});

describe('XLSX and CSV on a failing output', () => {
  const broken = () =>
    new Writable({
      write(_chunk, _encoding, done) {
        done(new Error('disk full'));
      },
    });

  it('rejects instead of hanging', async () => {
    const figures = sampleFigures({ villages: 3000 });
    await expect(renderXlsx(figures, broken(), { threshold: THRESHOLD })).rejects.toThrow('disk full');
    await expect(renderCsvZip(figures, broken(), { threshold: THRESHOLD })).rejects.toThrow('disk full');
  });
});

describe('CSV ZIP', () => {
  async function zipOf(figures: ReportFigures): Promise<JSZip> {
    return JSZip.loadAsync(await collect((out) => renderCsvZip(figures, out, { threshold: THRESHOLD })));
  }

  it('holds one CSV per table of the XLSX, UTF-8 with a BOM and localized headers', async () => {
    const figures = sampleFigures({ audience: 'internal', locale: 'id' });
    const zip = await zipOf(figures);
    const names = Object.keys(zip.files).sort();
    expect(names).toHaveLength(figures.tables.length + 2);
    expect(names[0]).toBe('01-ringkasan.csv');
    expect(names).toContain('02-jenis-kekerasan.csv');
    expect(names).toContain('08-desa.csv');
    expect(names).toContain('15-kelompok.csv');
    expect(names[names.length - 1]).toBe(`${String(figures.tables.length + 2).padStart(2, '0')}-kelompok.csv`);

    const bytes = await zip.file('08-desa.csv')?.async('nodebuffer');
    expect(bytes?.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = (bytes as Buffer).toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('Desa,2025,2024,Selisih,Perubahan (%)');
    expect(lines[1]).toBe('Ngaṟa,3,17,-14,');
    expect(lines).toContain('Sumba Barat Daya — Kodi,1,30,-29,-97');

    const groups = (await zip.file(names[names.length - 1])?.async('string')) as string;
    expect(groups).toContain('Hambatan');
    expect(groups).toContain(
      '"• Hujan deras pada bulan Februari menutup jalan ke dusun atas, sehingga dua sosialisasi ditunda.\n• Sebagian',
    );
  });

  it('writes "<5" for suppressed cells in English, and quotes and neutralises text as it must', async () => {
    const figures = sampleFigures({ audience: 'external', locale: 'en' });
    const village = figures.tables.find((t) => t.key === 'village');
    (village as ReportTable).rows[1].label = 'Kampung "Baru", Timur';
    (village as ReportTable).rows[2].label = '=HYPERLINK("http://example.org")';
    const zip = await zipOf(figures);
    const villages = (await zip.file('08-village.csv')?.async('string')) as string;
    const lines = villages.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Village,2025,2024,Difference,Change (%)');
    expect(lines[1]).toBe('Ngaṟa,<5,17,,');
    expect(lines[2]).toMatch(/^"Kampung ""Baru"", Timur",\d+,/);
    expect(lines[3]).toMatch(/^"'=HYPERLINK\(""http:\/\/example.org""\)",/);
    const groups = (await zip.file('15-groups.csv')?.async('string')) as string;
    expect(groups).not.toContain('Obstacles');
  });

  it('quotes fields per RFC 4180', () => {
    expect(csvRecord(['a', 'b,c', 'd"e', 'f\ng', ' h'])).toBe('a,"b,c","d""e","f\ng"," h"');
  });
});

describe('the audience on every page', () => {
  it('stamps the cover and marks every page footer of a PDF with its audience', async () => {
    for (const audience of ['internal', 'external'] as const) {
      const m = messagesFor('id');
      const pages = pdfPages(
        await collect((out) => renderPdf(sampleFigures({ audience, locale: 'id' }), out, { threshold: THRESHOLD })),
      );
      expect(pages[0]).toContain(m.coverStamp[audience]);
      pages.forEach((page) => expect(page).toContain(m.marking[audience]));
    }
  });

  it('prints a long running header whole, on two lines, instead of cutting it off', async () => {
    const organizationName = 'Forum Pengada Layanan bagi Perempuan Korban Kekerasan Nusa Tenggara Timur';
    const figures = { ...sampleFigures({ audience: 'internal', locale: 'id' }), organizationName };
    const pages = pdfPages(await collect((out) => renderPdf(figures, out, { threshold: THRESHOLD })));
    for (const page of pages.slice(1)) {
      expect(page).toContain(`${organizationName} · Laporan Evaluasi Tahunan 2025`);
      expect(page).not.toContain('…');
    }
  });

  it('puts the audience in the printed footer of every XLSX sheet', async () => {
    const file = await collect((out) =>
      renderXlsx(sampleFigures({ audience: 'external', locale: 'en' }), out, { threshold: THRESHOLD }),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    for (const sheet of workbook.worksheets)
      expect(sheet.headerFooter.oddFooter).toContain('External — de-identified data');
  });

  it('ends every CSV of the ZIP with the audience marking', async () => {
    const zip = await JSZip.loadAsync(
      await collect((out) =>
        renderCsvZip(sampleFigures({ audience: 'internal', locale: 'id' }), out, { threshold: THRESHOLD }),
      ),
    );
    for (const file of Object.values(zip.files)) {
      const lines = (await file.async('string')).split('\r\n').filter((line) => line !== '');
      expect(lines[lines.length - 1]).toBe('Rahasia — hanya untuk internal organisasi');
    }
  });
});

describe("the groups' notes", () => {
  it('shows a note written word for word in several activity reports once, with how many wrote it', async () => {
    const figures = sampleFigures({ groups: 1, audience: 'internal', locale: 'id' });
    figures.groups[0].obstacles = [{ text: 'Jalan ke dusun atas rusak.', times: 3 }];
    const text = pdfPages(await collect((out) => renderPdf(figures, out, { threshold: THRESHOLD }))).join('\n');
    expect(count(text, 'Jalan ke dusun atas rusak.')).toBe(1);
    expect(text).toContain('(ditulis di 3 laporan kegiatan)');
  });
});
