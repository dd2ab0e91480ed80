import type { Cell, GroupNote, ReportFigures } from '../report-model';
import {
  changeDifference,
  changeRatio,
  createFormatter,
  FormatOptions,
  Formatter,
  isSuppressed,
  participantsTotal,
  summarySide,
} from './format';
import { Messages, rowLabel, summaryLabel, tableText } from './messages';

/*
 * The figures as plain tables, the same for the XLSX workbook and the CSV ZIP: a summary sheet,
 * one sheet per table of the PDF (in its order), and a groups sheet. Counts stay numbers; a
 * suppressed cell is the text "<5"; the change is a difference, and a ratio (XLSX) or whole
 * percent (CSV) only where the previous year is not small (SPEC §7).
 */

export interface TabularRenderOptions extends FormatOptions {
  /** The suppression threshold the figures were suppressed with: the text "<threshold". */
  threshold: number;
  /** Called as each sheet (XLSX) or file (CSV) is written, with its number and the count. */
  onPage?: (page: number, totalPages: number | null) => void;
}

export type ColumnKind = 'text' | 'code' | 'count' | 'days' | 'difference' | 'change' | 'percent';

export interface DataColumn {
  header: string;
  kind: ColumnKind;
  /** XLSX width in characters. */
  width: number;
}

/** A value as written: text, a number, a suppressed cell, or nothing. */
export type DataValue = string | number | null | { suppressed: true };

export interface DataSheet {
  /** 'summary', the table's key, or 'groups'. */
  key: string;
  title: string;
  /** Unique within the workbook, at most 31 characters, none of []:*?/\ . */
  sheetName: string;
  /** "02-jenis-kekerasan.csv": unique, ASCII, numbered in the PDF's order. */
  fileName: string;
  columns: DataColumn[];
  rows: DataValue[][];
  /** The last row is a total (bold in XLSX). */
  hasTotal: boolean;
  /** A sentence a reader needs (no total for multi-valued fields). */
  note?: string;
}

export interface Tabular {
  fmt: Formatter;
  m: Messages;
  sheets: DataSheet[];
}

export function tabulate(figures: ReportFigures, options: FormatOptions): Tabular {
  const fmt = createFormatter(figures.locale, options);
  const m = fmt.messages;
  const current = String(figures.year);
  const previous = String(figures.year - 1);
  const names = new UniqueNames();
  const sheets: DataSheet[] = [];
  const add = (sheet: Omit<DataSheet, 'sheetName' | 'fileName'>, name: string) => {
    const number = String(sheets.length + 1).padStart(2, '0');
    sheets.push({
      ...sheet,
      sheetName: names.sheet(name),
      fileName: names.file(`${number}-${slug(name) || sheet.key}.csv`),
    });
  };

  add(
    {
      key: 'summary',
      title: `${m.summary.title} — ${m.reportTitle} ${figures.year}`,
      columns: [
        { header: m.columns.indicator, kind: 'text', width: 52 },
        { header: m.columns.unit, kind: 'text', width: 10 },
        { header: current, kind: 'count', width: 12 },
        { header: previous, kind: 'count', width: 12 },
        { header: m.columns.difference, kind: 'difference', width: 12 },
        { header: m.columns.changePercent, kind: 'change', width: 14 },
      ],
      rows: figures.summary.map((figure) => [
        summaryLabel(m, figure),
        figure.unit === 'days' ? m.units.days : m.units.count,
        sideValue(summarySide(figure, 'current')),
        sideValue(summarySide(figure, 'previous')),
        figure.noData?.length ? null : changeDifference(figure.current, figure.previous),
        figure.noData?.length ? null : changeRatio(figure.current, figure.previous),
      ]),
      hasTotal: false,
    },
    m.summary.title,
  );

  for (const table of figures.tables) {
    const text = tableText(m, table);
    const coded = table.codeList !== undefined;
    const columns: DataColumn[] = [
      ...(coded ? [{ header: m.columns.code, kind: 'code' as const, width: 16 }] : []),
      { header: text.rowHeader, kind: 'text', width: 44 },
      { header: current, kind: 'count', width: 12 },
      { header: previous, kind: 'count', width: 12 },
      { header: m.columns.difference, kind: 'difference', width: 12 },
      { header: m.columns.changePercent, kind: 'change', width: 14 },
    ];
    const row = (code: string, label: string, now: Cell, before: Cell): DataValue[] => [
      ...(coded ? [code] : []),
      label,
      cellValue(now),
      cellValue(before),
      changeDifference(now, before),
      changeRatio(now, before),
    ];
    const rows = table.rows.map((entry) =>
      row(entry.key, rowLabel(m, figures.locale, table, entry), entry.current, entry.previous),
    );
    if (table.total) rows.push(row('', m.total, table.total.current, table.total.previous));
    add(
      { key: table.key, title: text.title, columns, rows, hasTotal: table.total !== undefined, note: text.note },
      text.sheet,
    );
  }

  add(groupSheet(figures, m), m.groups.sheet);
  return { fmt, m, sheets };
}

/** Plan progress and participants per group; obstacles and lessons in internal reports only, and only when written. */
function groupSheet(figures: ReportFigures, m: Messages): Omit<DataSheet, 'sheetName' | 'fileName'> {
  const freeText =
    figures.audience === 'internal' &&
    figures.groups.some((group) => (group.obstacles?.length ?? 0) + (group.lessons?.length ?? 0) > 0);
  const columns: DataColumn[] = [
    { header: m.groups.group, kind: 'text', width: 36 },
    { header: m.groups.village, kind: 'text', width: 24 },
    { header: m.groups.planned, kind: 'count', width: 12 },
    { header: m.groups.done, kind: 'count', width: 12 },
    { header: m.groups.donePercent, kind: 'percent', width: 14 },
    { header: m.groups.activities, kind: 'count', width: 14 },
    { header: m.groups.women, kind: 'count', width: 12 },
    { header: m.groups.men, kind: 'count', width: 12 },
    { header: m.groups.girls, kind: 'count', width: 12 },
    { header: m.groups.boys, kind: 'count', width: 12 },
    { header: `${m.groups.participants} (${m.total.toLowerCase()})`, kind: 'count', width: 16 },
    { header: m.groups.disability, kind: 'count', width: 14 },
  ];
  if (freeText)
    columns.push(
      { header: m.groups.obstacles, kind: 'text', width: 60 },
      { header: m.groups.lessons, kind: 'text', width: 60 },
    );
  const list = (items: GroupNote[] | undefined) =>
    (items ?? [])
      .filter((note) => note.text.trim() !== '')
      .map((note) => `• ${m.groups.repeated(note.text.trim(), note.times)}`)
      .join('\n');
  const rows = figures.groups.map((group): DataValue[] => {
    const p = group.participants;
    return [
      group.name,
      group.village,
      group.itemsPlanned,
      group.itemsDone,
      group.itemsPlanned > 0 ? group.itemsDone / group.itemsPlanned : null,
      group.activities,
      cellValue(p.women),
      cellValue(p.men),
      cellValue(p.girls),
      cellValue(p.boys),
      sideValue(participantsTotal(p)),
      cellValue(p.disability),
      ...(freeText ? [list(group.obstacles), list(group.lessons)] : []),
    ];
  });
  return {
    key: 'groups',
    title: m.groups.title,
    columns,
    rows,
    hasTotal: false,
    note: `${m.groups.disability}: ${m.groups.disabilityNote}`,
  };
}

function cellValue(cell: Cell): DataValue {
  return isSuppressed(cell) ? { suppressed: true } : cell;
}

/** Nothing to show (a median over no case, a total of suppressed parts): an empty cell. */
function sideValue(cell: Cell | null): DataValue {
  return cell === null ? null : cellValue(cell);
}

/** "Kasus menurut desa" → "kasus-menurut-desa"; diacritics dropped, ASCII only. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
}

class UniqueNames {
  private readonly sheets = new Set<string>();
  private readonly files = new Set<string>();

  sheet(name: string): string {
    const clean =
      name
        .replace(/[[\]:*?/\\]/g, ' ')
        .replace(/^'+|'+$/g, '')
        .trim() || 'Sheet';
    let candidate = clean.slice(0, 31).trim();
    for (let n = 2; this.sheets.has(candidate.toLowerCase()); n += 1)
      candidate = `${clean.slice(0, 31 - ` (${n})`.length).trim()} (${n})`;
    this.sheets.add(candidate.toLowerCase());
    return candidate;
  }

  file(name: string): string {
    let candidate = name;
    for (let n = 2; this.files.has(candidate); n += 1) candidate = name.replace(/\.csv$/, `-${n}.csv`);
    this.files.add(candidate);
    return candidate;
  }
}
