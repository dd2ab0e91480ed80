import { Writable } from 'node:stream';
import * as ExcelJS from 'exceljs';
import type { ReportFigures } from '../report-model';
import type { Formatter } from './format';
import { scopeText } from './messages';
import { DataSheet, DataValue, tabulate, TabularRenderOptions } from './tabular';

/*
 * The report's figures as an XLSX workbook (SPEC §7), written with exceljs's streaming writer:
 * each row is committed as it is added, so a sheet of thousands of villages never sits in memory.
 * One sheet per table of the PDF, after a summary sheet that carries the cover's details and
 * the confidentiality notice, and before the groups sheet.
 */

const ACCENT = 'FF4E4585';
const TINT = 'FFEEECF5';
const MUTED = 'FF5E6570';

/** The first row of data headers: title, subtitle and notice rows come before it. */
const HEADER_ROW = 4;

export async function renderXlsx(
  figures: ReportFigures,
  out: Writable,
  options: TabularRenderOptions,
): Promise<{ sheets: number }> {
  const { fmt, m, sheets } = tabulate(figures, options);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Pendamping';
  workbook.created = figures.generatedAt;
  workbook.modified = figures.generatedAt;
  workbook.title = `${m.reportTitle} ${figures.year} — ${figures.scope.name}`;
  workbook.subject = m.marking[figures.audience];
  workbook.company = figures.organizationName;

  const subtitle = [
    figures.organizationName,
    scopeText(m, figures.scope),
    m.yearLabel(figures.year),
    m.audiences[figures.audience],
  ].join(' · ');
  const notice = m.confidentiality[figures.audience];

  // A failing output stops the rendering: exceljs only listens for it once it finalizes.
  let failure: Error | null = null;
  const failed = new Promise<never>((_, reject) =>
    out.once('error', (error: Error) => {
      failure = error;
      reject(error);
    }),
  );
  failed.catch(() => undefined);

  let index = 0;
  for (const sheet of sheets) {
    if (failure) throw failure;
    index += 1;
    const extra =
      sheet.key === 'summary' ? metadataRows(figures, fmt, `${notice.title}. ${notice.body(fmt.threshold)}`) : [];
    const headerRow = HEADER_ROW + (extra.length > 0 ? extra.length + 1 : 0);
    const worksheet = workbook.addWorksheet(sheet.sheetName, {
      views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0, activeCell: `A${headerRow + 1}` }],
      properties: { defaultRowHeight: 16 },
      pageSetup: { orientation: 'portrait', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
      // The audience on every printed page, as in the PDF ("&" starts a field code in Excel's footers).
      headerFooter: {
        oddFooter: `&L${m.marking[figures.audience].replace(/&/g, '&&')}&R&P / &N`,
        evenFooter: `&L${m.marking[figures.audience].replace(/&/g, '&&')}&R&P / &N`,
      },
    });
    worksheet.columns = sheet.columns.map((column) => ({ width: column.width }));

    const title = worksheet.addRow([sheet.title]);
    title.font = { bold: true, size: 14, color: { argb: ACCENT } };
    title.height = 22;
    title.commit();
    const sub = worksheet.addRow([subtitle]);
    sub.font = { size: 10, color: { argb: MUTED } };
    sub.commit();
    const noteRow = worksheet.addRow([
      sheet.note ?? (figures.audience === 'external' ? m.marking.external : m.marking.internal),
    ]);
    noteRow.font = { italic: true, size: 9, color: { argb: MUTED } };
    noteRow.commit();
    const lastColumn = String.fromCharCode(64 + sheet.columns.length);
    for (const [label, value] of extra) {
      const row = worksheet.addRow([label, value]);
      row.getCell(1).font = { bold: true, color: { argb: MUTED } };
      row.getCell(1).alignment = { vertical: 'top' };
      row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
      // The value spans the other columns; a long notice gets the lines it needs.
      worksheet.mergeCells(`B${row.number}:${lastColumn}${row.number}`);
      const width = sheet.columns.slice(1).reduce((sum, column) => sum + column.width, 0);
      row.height = 15 * Math.max(1, Math.ceil(value.length / Math.max(10, width - 4)));
      row.commit();
    }
    if (extra.length > 0) worksheet.addRow([]).commit();

    writeTable(worksheet, sheet, fmt.suppressedText);
    worksheet.commit();
    options.onPage?.(index, sheets.length);
  }
  await Promise.race([workbook.commit(), failed]);
  return { sheets: sheets.length };
}

function writeTable(worksheet: ExcelJS.Worksheet, sheet: DataSheet, suppressedText: string): void {
  const header = worksheet.addRow(sheet.columns.map((column) => column.header));
  header.eachCell((cell, column) => {
    cell.font = { bold: true, color: { argb: ACCENT } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: TINT } };
    cell.border = { bottom: { style: 'medium', color: { argb: ACCENT } } };
    cell.alignment = {
      vertical: 'middle',
      wrapText: true,
      horizontal: isNumeric(sheet.columns[column - 1].kind) ? 'right' : 'left',
    };
  });
  header.height = 30;
  header.commit();

  sheet.rows.forEach((values, rowIndex) => {
    const row = worksheet.addRow(values.map((value) => plain(value, suppressedText)));
    const total = sheet.hasTotal && rowIndex === sheet.rows.length - 1;
    sheet.columns.forEach((column, columnIndex) => {
      const cell = row.getCell(columnIndex + 1);
      const value = values[columnIndex];
      if (column.kind === 'change') cell.numFmt = '+0%;-0%;0%';
      else if (column.kind === 'difference' && typeof value === 'number')
        cell.numFmt = Number.isInteger(value) ? '+0;-0;0' : '+0.0;-0.0;0';
      else if (column.kind === 'percent') cell.numFmt = '0%';
      else if (typeof value === 'number') cell.numFmt = Number.isInteger(value) ? '#,##0' : '#,##0.0';
      if (isNumeric(column.kind)) cell.alignment = { horizontal: 'right' };
      else if (typeof value === 'string' && value.includes('\n')) cell.alignment = { wrapText: true, vertical: 'top' };
      if (typeof value === 'object' && value !== null) cell.font = { color: { argb: MUTED } };
      if (total) {
        cell.font = { bold: true };
        cell.border = { top: { style: 'thin' } };
      }
    });
    row.commit();
  });
}

function plain(value: DataValue, suppressedText: string): string | number | null {
  if (value === null) return null;
  if (typeof value === 'object') return suppressedText;
  return value;
}

function isNumeric(kind: DataSheet['columns'][number]['kind']): boolean {
  return kind === 'count' || kind === 'days' || kind === 'difference' || kind === 'change' || kind === 'percent';
}

/** The cover's details, for the top of the summary sheet. */
function metadataRows(figures: ReportFigures, fmt: Formatter, notice: string): [string, string][] {
  const m = fmt.messages;
  return [
    [m.organization, figures.organizationName],
    [m.cover.scope, scopeText(m, figures.scope)],
    [m.cover.period, fmt.yearPeriod(figures.year)],
    [m.cover.comparedWith, fmt.yearPeriod(figures.year - 1)],
    [m.cover.audience, m.audiences[figures.audience]],
    [m.cover.generatedAt, fmt.dateTime(figures.generatedAt)],
    [m.notice, notice],
  ];
}
