import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import archiver from 'archiver';
import type { ReportFigures } from '../report-model';
import { DataSheet, DataValue, tabulate, TabularRenderOptions } from './tabular';

/*
 * The report's figures as a ZIP of CSV files (SPEC §7), one per table, the same tables as the
 * XLSX. Each file is UTF-8 with a byte order mark (so Excel reads "Ngaṟa" right), comma-separated
 * with CRLF line ends and RFC 4180 quoting, headers in the report's language. Numbers are plain
 * (no thousands separator; a "." before decimals) so any tool reads them; a suppressed cell is
 * the text "<5"; the change is a difference, and whole percent where the base is not small. The
 * last record of every file is the audience's marking, like the PDF's footer: a file taken out of
 * the ZIP still says whether it may leave the organisation.
 */

const BOM = '\uFEFF';
const CRLF = '\r\n';

export async function renderCsvZip(
  figures: ReportFigures,
  out: Writable,
  options: TabularRenderOptions,
): Promise<{ files: number }> {
  const { fmt, m, sheets } = tabulate(figures, options);
  const zip = archiver('zip', { zlib: { level: 6 } });
  const written = pipeline(zip, out);
  let entries = 0;
  zip.on('entry', () => options.onPage?.(++entries, sheets.length));
  for (const sheet of sheets) {
    zip.append(Readable.from(csvLines(sheet, fmt.suppressedText, m.marking[figures.audience])), {
      name: sheet.fileName,
      date: figures.generatedAt,
    });
  }
  // finalize() never settles once the output has failed: wait for both, fail on the first failure.
  try {
    await Promise.all([zip.finalize(), written]);
  } catch (error) {
    zip.destroy();
    throw error;
  }
  return { files: sheets.length };
}

/** The file line by line, so a table of thousands of rows is streamed into the ZIP. */
export function* csvLines(sheet: DataSheet, suppressedText: string, marking: string): Generator<string> {
  yield BOM + csvRecord(sheet.columns.map((column) => column.header)) + CRLF;
  for (const values of sheet.rows) {
    yield csvRecord(values.map((value, index) => csvValue(value, sheet.columns[index].kind, suppressedText))) + CRLF;
  }
  yield csvRecord([neutralize(marking)]) + CRLF;
}

function csvValue(value: DataValue, kind: DataSheet['columns'][number]['kind'], suppressedText: string): string {
  if (value === null) return '';
  if (typeof value === 'object') return suppressedText;
  if (typeof value === 'number') {
    if (kind === 'change' || kind === 'percent') return String(Math.round(value * 100));
    return String(Math.round(value * 10) / 10);
  }
  return neutralize(value);
}

/**
 * A spreadsheet runs a cell that starts with = + - @ as a formula: a group or village name typed
 * by anyone could ("=HYPERLINK(…)"). A leading apostrophe keeps such text text (OWASP's advice).
 */
function neutralize(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: a field with a comma, a quote, a line break or edge spaces is quoted, its quotes doubled. */
export function csvRecord(fields: string[]): string {
  return fields.map((field) => (/[",\r\n]|^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field)).join(',');
}
