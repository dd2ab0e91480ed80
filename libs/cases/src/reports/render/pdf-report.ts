import { readFileSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import type { Cell, GroupSection, ReportFigures, ReportRow, ReportTable, SummaryFigure } from '../report-model';
import {
  createFormatter,
  FormatOptions,
  Formatter,
  isSuppressed,
  participantsTotal,
  SMALL_BASE,
  summarySide,
  valueOf,
} from './format';
import { Messages, rowLabel, scopeText, summaryLabel, tableText } from './messages';

/*
 * The annual evaluation report as PDF (SPEC §7). Streamed: pdfkit writes each page out as soon as
 * the next one starts (bufferPages off), the document is piped to `out`, and the renderer waits for
 * `out` to drain between rows, so memory stays flat however many villages a table lists.
 *
 * "Halaman X dari Y" and the page numbers of the contents page need the page count before the first
 * page is written: a dry pass lays the whole report out, measuring every text as the real pass
 * does but painting and writing nothing (about a third of the cost of rendering), then the real
 * pass writes it with the numbers known. `pageTotal: false` skips it ("Halaman X").
 *
 * Every renderer here ends `out` when it has written everything, and resolves after that.
 */

export interface PdfRenderOptions extends FormatOptions {
  /** The suppression threshold the figures were suppressed with: "<threshold" in the notices. */
  threshold: number;
  /** Called as each page of the written document starts (not during the dry pass). */
  onPage?: (page: number, totalPages: number | null) => void;
  /** false: one pass only, footers read "Halaman X" and the contents page has no page numbers. Default true. */
  pageTotal?: boolean;
}

export interface PdfRenderResult {
  pages: number;
}

// A4 portrait, in points.
const PAGE_W = 595.28;
const PAGE_H = 841.89;
const LEFT = 56;
const RIGHT = PAGE_W - 56;
const WIDTH = RIGHT - LEFT;
const TOP = 86;
/** Between the running header's title and its scope when they share a line. */
const HEADER_GAP = 16;
const BOTTOM = PAGE_H - 74;

/** One accent colour; everything else is ink and greys. */
const COLOR = {
  accent: '#4E4585',
  accentTint: '#EEECF5',
  ink: '#1E2229',
  muted: '#5E6570',
  faint: '#8A909A',
  rule: '#D5D8DE',
  zebra: '#F5F6F8',
  previousBar: '#C3C7CF',
  white: '#FFFFFF',
} as const;

const FONT = { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold' } as const;

/** Tables drawn as a bar chart above their table, besides those the figures mark with `chart: 'bar'`. */
const CHART_TABLES = new Set(['violenceTypes', 'ageGroup', 'village', 'relationship']);
/** A chart shows this many bars at most; a longer table (villages) charts its largest rows. */
const MAX_CHART_ROWS = 15;

/** pdfkit's word layout cache is emptied every this many pages. */
const FONT_CACHE_PAGES = 40;

/** Bytes pdfkit may hold for a slow `out` before the renderer waits. */
const HIGH_WATER = 64 * 1024;

let fonts: { regular: Buffer; bold: Buffer } | undefined;
function loadFonts(): { regular: Buffer; bold: Buffer } {
  fonts ??= {
    regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
  return fonts;
}

export async function renderPdf(
  figures: ReportFigures,
  out: Writable,
  options: PdfRenderOptions,
): Promise<PdfRenderResult> {
  const fmt = createFormatter(figures.locale, options);
  let plan: Plan = { totalPages: null, sectionPages: null };
  if (options.pageTotal !== false) {
    // The dry pass measures and counts pages; it draws nothing and writes nothing.
    const dry = new PdfLayout(newDocument(figures, fmt, false), null, figures, fmt, plan, undefined);
    await dry.render();
    plan = { totalPages: dry.page, sectionPages: dry.sectionPages };
  }
  const doc = newDocument(figures, fmt, true);
  let failure: unknown = null;
  const written = pipeline(doc as unknown as Readable, out).catch((error: unknown) => {
    failure ??= error ?? new Error('The PDF stream failed.');
  });
  const layout = new PdfLayout(doc, { out, failure: () => failure }, figures, fmt, plan, options.onPage);
  try {
    await layout.render();
  } catch (error) {
    (doc as unknown as Readable).destroy(error as Error);
    await written;
    throw error;
  }
  doc.end();
  await written;
  if (failure) throw failure;
  return { pages: layout.page };
}

interface Plan {
  totalPages: number | null;
  sectionPages: number[] | null;
}

function newDocument(figures: ReportFigures, fmt: Formatter, real: boolean): PDFKit.PDFDocument {
  const m = fmt.messages;
  const doc = new PDFDocument({
    size: 'A4',
    // The dry pass needs a page to measure text on; the real one adds its pages itself.
    autoFirstPage: !real,
    bufferPages: false,
    compress: real,
    // Small page margins: the layout places everything itself; pdfkit must never break a page on its own.
    margins: PAGE_MARGINS,
    lang: fmt.intlLocale,
    displayTitle: true,
    info: {
      Title: `${m.reportTitle} ${figures.year} — ${figures.scope.name}`,
      Author: figures.organizationName,
      Subject: m.marking[figures.audience],
      Creator: 'Pendamping',
      CreationDate: figures.generatedAt,
    },
  });
  const { regular, bold } = loadFonts();
  doc.registerFont(FONT.regular, regular);
  doc.registerFont(FONT.bold, bold);
  return doc;
}

const PAGE_MARGINS = { top: 20, bottom: 20, left: LEFT, right: PAGE_W - RIGHT };

interface TextStyle {
  size: number;
  bold?: boolean;
  color?: string;
  width?: number;
  align?: 'left' | 'right' | 'center';
  lineGap?: number;
  characterSpacing?: number;
}

/** A block that is drawn whole; `draw` gets its top and must stay within `height`. */
interface Piece {
  height: number;
  draw: (y: number) => void;
  /** A piece higher than a page: drawn in parts (long free text). */
  split?: (available: number) => [Piece, Piece] | null;
}

/** Where the real pass writes, and how it learns that writing failed. */
interface Output {
  out: Writable;
  failure: () => unknown;
}

/**
 * Lays the report out page by page. With no output it is the dry pass: it measures every text
 * exactly as the real pass does, so the page breaks fall in the same places, but paints nothing.
 */
class PdfLayout {
  page = 0;
  y = TOP;
  readonly sectionPages: number[] = [];
  private readonly m: Messages;
  private readonly previousYear: number;
  private readonly dry: boolean;
  private readonly widths = new Map<string, number>();
  private readonly chrome: { header: string; scope: string; oneLine: boolean; marking: string; generated: string };

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly output: Output | null,
    private readonly figures: ReportFigures,
    private readonly fmt: Formatter,
    private readonly plan: Plan,
    private readonly onPage: PdfRenderOptions['onPage'],
  ) {
    this.m = fmt.messages;
    this.previousYear = figures.year - 1;
    this.dry = output === null;
    const m = this.m;
    const header = `${figures.organizationName} · ${m.reportTitle} ${figures.year}`;
    const scope = this.scopeText();
    // Side by side when both fit whole, else on two lines of their own: cut only past a full line.
    const oneLine = this.widthOf(header, 7.5, false) + HEADER_GAP + this.widthOf(scope, 7.5, false) <= WIDTH;
    this.chrome = {
      header: this.fit(header, WIDTH, 7.5, false),
      scope: this.fit(scope, WIDTH, 7.5, false),
      oneLine,
      marking: m.marking[figures.audience],
      generated: m.footer.generated(fmt.dateTime(figures.generatedAt)),
    };
    // Also when pdfkit adds a page on its own (it should not): numbering stays right.
    if (!this.dry) doc.on('pageAdded', () => this.decoratePage());
  }

  async render(): Promise<void> {
    this.cover();
    this.contents();
    await this.breathe();
    let section = 1;
    this.summary(section++);
    await this.breathe();
    for (const table of this.figures.tables) await this.table(table, section++);
    await this.groups(section);
  }

  // ---------------------------------------------------------------------------------------------
  // Pages, chrome and flow

  private newPage(): void {
    if (this.dry) this.page += 1;
    else this.doc.addPage({ size: 'A4', margins: PAGE_MARGINS });
    this.y = TOP;
    if (this.page % FONT_CACHE_PAGES === 0) this.trimFontCaches();
  }

  /**
   * pdfkit keeps the layout of every word it has met, per font, for the life of the document
   * (EmbeddedFont.layoutCache): thousands of village names would make memory grow with the pages.
   * Turning it off (fontLayoutCache: false) makes rendering three times slower, so it is emptied
   * every few pages instead. It is a private field: should pdfkit rename it, this does nothing.
   */
  private trimFontCaches(): void {
    const families = (this.doc as unknown as { _fontFamilies?: Record<string, { layoutCache?: unknown }> })
      ._fontFamilies;
    for (const name of [FONT.regular, FONT.bold]) {
      const font = families?.[name];
      if (font && typeof font.layoutCache === 'object' && font.layoutCache !== null)
        font.layoutCache = Object.create(null);
    }
  }

  /** Running header (not on the cover), footer with marking, generated-at and page number. */
  private decoratePage(): void {
    this.page += 1;
    const { figures, m, chrome } = this;
    if (this.page > 1) {
      this.line(chrome.header, LEFT, chrome.oneLine ? 40 : 31, { size: 7.5, color: COLOR.muted });
      this.line(chrome.scope, LEFT, chrome.oneLine ? 40 : 42, {
        size: 7.5,
        color: COLOR.muted,
        width: WIDTH,
        align: chrome.oneLine ? 'right' : 'left',
      });
      this.hline(LEFT, RIGHT, 56, 0.5, COLOR.rule);
    }
    const footerY = PAGE_H - 52;
    this.hline(LEFT, RIGHT, footerY, 0.5, COLOR.rule);
    this.line(chrome.marking, LEFT, footerY + 9, {
      size: 7.5,
      bold: true,
      color: figures.audience === 'internal' ? COLOR.accent : COLOR.muted,
    });
    this.line(chrome.generated, LEFT, footerY + 21, { size: 7.5, color: COLOR.muted });
    const total = this.plan.totalPages;
    const number = total === null ? m.footer.pageOnly(this.page) : m.footer.page(this.page, total);
    this.line(number, LEFT, footerY + 9, { size: 8, color: COLOR.ink, width: WIDTH, align: 'right' });
    this.onPage?.(this.page, total);
  }

  /** Room for `height` more points on this page, else a new page. True when a page was added. */
  private ensure(height: number): boolean {
    if (this.y + height <= BOTTOM) return false;
    this.newPage();
    return true;
  }

  /** Waits while `out` is slower than the renderer, so unsent pages never pile up in memory. */
  private async breathe(): Promise<void> {
    if (!this.output) return;
    const { out, failure } = this.output;
    const readable = this.doc as unknown as Readable;
    for (;;) {
      const error = failure();
      if (error) throw error;
      if (readable.readableLength < HIGH_WATER || readable.destroyed) return;
      if (readable.readableFlowing) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      await new Promise<void>((resolve) => {
        const done = () => {
          for (const event of ['drain', 'close', 'error'] as const) out.off(event, done);
          resolve();
        };
        for (const event of ['drain', 'close', 'error'] as const) out.once(event, done);
      });
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** Draws pieces in order, breaking pages between them; `resume` draws what heads a continued page. */
  private flow(pieces: Piece[], resume?: () => void): void {
    for (let piece: Piece | null = pieces.shift() ?? null; piece; piece = pieces.shift() ?? null) {
      if (this.y + piece.height > BOTTOM) {
        const available = BOTTOM - this.y;
        const parts = piece.height > BOTTOM - TOP - 40 && available > 60 ? piece.split?.(available) : null;
        if (parts) {
          parts[0].draw(this.y);
          this.y += parts[0].height;
          pieces.unshift(parts[1]);
          this.newPage();
          resume?.();
          continue;
        }
        this.newPage();
        resume?.();
      }
      piece.draw(this.y);
      this.y += piece.height;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Painting (skipped by the dry pass) and text. Every text call sets font, size and colour and
  // gives a position; single lines go straight to pdfkit's fast path (no line wrapper).

  private box(x: number, y: number, width: number, height: number, color: string, radius = 0): void {
    if (this.dry) return;
    (radius > 0 ? this.doc.roundedRect(x, y, width, height, radius) : this.doc.rect(x, y, width, height)).fill(color);
  }

  private hline(x1: number, x2: number, y: number, width: number, color: string): void {
    if (this.dry) return;
    this.doc.moveTo(x1, y).lineTo(x2, y).lineWidth(width).strokeColor(color).stroke();
  }

  private vline(x: number, y1: number, y2: number, width: number, color: string, dashed = false): void {
    if (this.dry) return;
    const path = this.doc.moveTo(x, y1).lineTo(x, y2).lineWidth(width).strokeColor(color);
    if (dashed) path.dash(1.5, { space: 2 }).stroke().undash();
    else path.stroke();
  }

  private dot(x: number, y: number, radius: number, color: string): void {
    if (this.dry) return;
    this.doc.circle(x, y, radius).fill(color);
  }

  private style(style: TextStyle): PDFKit.PDFDocument {
    return this.doc
      .font(style.bold ? FONT.bold : FONT.regular)
      .fontSize(style.size)
      .fillColor(style.color ?? COLOR.ink);
  }

  /** One line, never wrapped; `width` with `align` places it right or centred. */
  private line(text: string, x: number, y: number, style: TextStyle): void {
    if (this.dry) return;
    let left = x;
    if (style.width !== undefined && style.align !== undefined && style.align !== 'left') {
      const free = style.width - this.widthOf(text, style.size, style.bold ?? false, style.characterSpacing);
      left = style.align === 'right' ? x + free : x + free / 2;
    }
    this.style(style).text(text, left, y, { lineBreak: false, characterSpacing: style.characterSpacing });
  }

  /** Text wrapped within `width`; returns its height. */
  private paragraph(text: string, x: number, y: number, style: TextStyle & { width: number }): number {
    const oneLine = this.fitsOneLine(text, style);
    const height = oneLine ? this.lineHeight(style) : this.measure(text, style);
    if (this.dry) return height;
    if (oneLine) this.line(text, x, y, style);
    else this.style(style).text(text, x, y, { width: style.width, align: style.align, lineGap: style.lineGap ?? 0 });
    return height;
  }

  private fitsOneLine(text: string, style: TextStyle & { width: number }): boolean {
    return !text.includes('\n') && this.widthOf(text, style.size, style.bold ?? false) <= style.width - 0.5;
  }

  private lineHeight(style: TextStyle): number {
    return (
      this.doc
        .font(style.bold ? FONT.bold : FONT.regular)
        .fontSize(style.size)
        .currentLineHeight(true) + (style.lineGap ?? 0)
    );
  }

  private measure(text: string, style: TextStyle & { width: number }): number {
    if (this.fitsOneLine(text, style)) return this.lineHeight(style);
    return this.doc
      .font(style.bold ? FONT.bold : FONT.regular)
      .fontSize(style.size)
      .heightOfString(text, { width: style.width, lineGap: style.lineGap ?? 0 });
  }

  /** Widths, remembered a while: labels and numbers repeat from page to page. */
  private widthOf(text: string, size: number, bold: boolean, characterSpacing = 0): number {
    const key = `${bold ? 'b' : 'r'}${size}/${characterSpacing}/${text}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      if (this.widths.size >= 4096) this.widths.clear();
      width = this.doc
        .font(bold ? FONT.bold : FONT.regular)
        .fontSize(size)
        .widthOfString(text, { characterSpacing });
      this.widths.set(key, width);
    }
    return width;
  }

  /** The text cut with an ellipsis to fit one line of `width`. */
  private fit(text: string, width: number, size: number, bold: boolean): string {
    if (this.widthOf(text, size, bold) <= width) return text;
    let low = 0;
    let high = text.length;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (this.widthOf(`${text.slice(0, mid).trimEnd()}…`, size, bold) <= width) low = mid;
      else high = mid - 1;
    }
    return `${text.slice(0, low).trimEnd()}…`;
  }

  private scopeText(): string {
    return scopeText(this.m, this.figures.scope);
  }

  /** "BAGIAN 3" over the title, and the page recorded for the contents. */
  private sectionHeading(number: number, title: string): void {
    this.sectionPages[number - 1] = this.page;
    this.line(`${this.m.section} ${number}`.toUpperCase(), LEFT, this.y, {
      size: 8,
      bold: true,
      color: COLOR.accent,
      characterSpacing: 0.5,
    });
    this.y += 14;
    this.y += this.paragraph(title, LEFT, this.y, { size: 16, bold: true, width: WIDTH });
    this.box(LEFT, this.y + 6, 36, 2.5, COLOR.accent);
    this.y += 18;
  }

  private sectionHeadingHeight(title: string): number {
    return 14 + this.measure(title, { size: 16, bold: true, width: WIDTH }) + 18;
  }

  // ---------------------------------------------------------------------------------------------
  // Cover and contents

  private cover(): void {
    const { figures, m, fmt } = this;
    this.newPage();
    const bandHeight = 318;
    this.box(0, 0, PAGE_W, bandHeight, COLOR.accent);
    const stampWidth = this.coverStamp();
    this.paragraph(figures.organizationName, LEFT, 64, {
      size: 12,
      bold: true,
      color: COLOR.white,
      width: WIDTH - stampWidth - 16,
    });
    this.box(LEFT, 100, 48, 2, COLOR.white);
    let y = 150;
    y += this.paragraph(m.reportTitle, LEFT, y, { size: 28, bold: true, color: COLOR.white, width: WIDTH });
    this.line(String(figures.year), LEFT, y + 4, { size: 54, bold: true, color: COLOR.white });
    const scopeY = bandHeight - 44;
    this.line(this.fit(this.scopeText(), WIDTH, 13, false), LEFT, scopeY, { size: 13, color: COLOR.white });

    y = bandHeight + 44;
    const rows: [string, string][] = [
      [m.cover.scope, this.scopeText()],
      [m.cover.period, fmt.yearPeriod(figures.year)],
      [m.cover.comparedWith, fmt.yearPeriod(this.previousYear)],
      [m.cover.audience, m.audiences[figures.audience]],
      [m.cover.generatedAt, fmt.dateTime(figures.generatedAt)],
    ];
    const labelWidth = 130;
    for (const [label, value] of rows) {
      this.line(label, LEFT, y + 2, { size: 9, color: COLOR.muted });
      const height = this.paragraph(value, LEFT + labelWidth, y, { size: 11, width: WIDTH - labelWidth });
      y += Math.max(height, 14) + 10;
      this.hline(LEFT, RIGHT, y - 5, 0.4, COLOR.rule);
    }

    const notice = m.confidentiality[figures.audience];
    const body = notice.body(fmt.threshold);
    const inner = WIDTH - 36;
    const titleHeight = this.measure(notice.title, { size: 11, bold: true, width: inner });
    const bodyHeight = this.measure(body, { size: 9, width: inner, lineGap: 2 });
    const boxHeight = 18 + titleHeight + 6 + bodyHeight + 18;
    const boxY = BOTTOM - boxHeight;
    this.box(LEFT, boxY, WIDTH, boxHeight, COLOR.accentTint);
    this.box(LEFT, boxY, 4, boxHeight, COLOR.accent);
    this.paragraph(notice.title, LEFT + 20, boxY + 18, { size: 11, bold: true, color: COLOR.accent, width: inner });
    this.paragraph(body, LEFT + 20, boxY + 18 + titleHeight + 6, {
      size: 9,
      color: COLOR.ink,
      width: inner,
      lineGap: 2,
    });
  }

  /** The audience stamped on the cover band, top right: the first thing a sender sees. */
  private coverStamp(): number {
    const stamp = this.m.coverStamp[this.figures.audience];
    const width = this.widthOf(stamp, 11, true) + 24;
    const x = RIGHT - width;
    this.box(x, 58, width, 26, COLOR.white);
    this.line(stamp, x, 65.5, { size: 11, bold: true, color: COLOR.accent, width, align: 'center' });
    return width;
  }

  /** The contents (page numbers from the dry pass) and a few words on reading the report. */
  private contents(): void {
    const { m, figures } = this;
    this.newPage();
    this.line(m.contents, LEFT, this.y, { size: 16, bold: true });
    this.y += 22;
    this.box(LEFT, this.y, 36, 2.5, COLOR.accent);
    this.y += 16;
    const titles = [m.summary.title, ...figures.tables.map((table) => tableText(m, table).title), m.groups.title];
    titles.forEach((title, index) => {
      const height = Math.max(this.measure(title, { size: 10, width: WIDTH - 90 }), 13) + 9;
      this.ensure(height);
      this.line(String(index + 1), LEFT, this.y, { size: 10, bold: true, color: COLOR.accent });
      this.paragraph(title, LEFT + 28, this.y, { size: 10, width: WIDTH - 90 });
      const page = this.plan.sectionPages?.[index];
      if (page !== undefined)
        this.line(String(page), LEFT, this.y, { size: 10, color: COLOR.muted, width: WIDTH, align: 'right' });
      this.y += height;
      this.hline(LEFT + 28, RIGHT, this.y - 5, 0.3, COLOR.rule);
    });

    this.y += 24;
    const paragraphs = m.aboutBody({
      year: figures.year,
      previousYear: this.previousYear,
      audience: figures.audience,
      threshold: this.fmt.threshold,
      smallBase: SMALL_BASE,
    });
    const aboutHeight =
      24 + paragraphs.reduce((sum, text) => sum + this.measure(text, { size: 9.5, width: WIDTH, lineGap: 2.5 }) + 8, 0);
    this.ensure(aboutHeight);
    this.line(m.about, LEFT, this.y, { size: 12, bold: true });
    this.y += 22;
    for (const text of paragraphs) {
      this.y += this.paragraph(text, LEFT, this.y, { size: 9.5, color: COLOR.muted, width: WIDTH, lineGap: 2.5 }) + 8;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Summary: key figures as cards

  private summary(section: number): void {
    const { m, figures } = this;
    this.newPage();
    this.sectionHeading(section, m.summary.title);
    this.y +=
      this.paragraph(m.summary.intro(figures.year, this.previousYear), LEFT, this.y, {
        size: 10,
        color: COLOR.muted,
        width: WIDTH,
      }) + 16;

    const columns = 3;
    const gap = 12;
    const cardWidth = (WIDTH - gap * (columns - 1)) / columns;
    const inner = cardWidth - 24;
    for (let start = 0; start < figures.summary.length; start += columns) {
      const row = figures.summary.slice(start, start + columns);
      const labelHeight = Math.max(
        ...row.map((figure) => this.measure(this.summaryCaption(figure), { size: 8.5, width: inner, lineGap: 1 })),
      );
      const height = 14 + labelHeight + 8 + 26 + 6 + 12 + 14;
      this.ensure(height + gap);
      row.forEach((figure, index) =>
        this.card(figure, LEFT + index * (cardWidth + gap), this.y, cardWidth, height, labelHeight),
      );
      this.y += height + gap;
    }
    if (figures.summary.length === 0)
      this.y += this.paragraph(m.empty, LEFT, this.y, { size: 10, color: COLOR.muted, width: WIDTH });

    this.y += 8;
    const noteHeight = this.measure(m.summary.note, { size: 9, width: WIDTH - 20, lineGap: 2 });
    this.ensure(noteHeight + 8);
    this.box(LEFT, this.y, 2, noteHeight, COLOR.rule);
    this.y +=
      this.paragraph(m.summary.note, LEFT + 14, this.y, {
        size: 9,
        color: COLOR.muted,
        width: WIDTH - 20,
        lineGap: 2,
      }) + 16;
  }

  private summaryCaption(figure: SummaryFigure): string {
    const label = summaryLabel(this.m, figure);
    return figure.unit === 'days' && !/hari|days/i.test(label) ? `${label} (${this.m.units.days})` : label;
  }

  private card(figure: SummaryFigure, x: number, y: number, width: number, height: number, labelHeight: number): void {
    const { fmt } = this;
    this.box(x, y, width, height, COLOR.zebra, 4);
    this.box(x, y, 3, height, COLOR.accent);
    const inner = width - 24;
    this.paragraph(this.summaryCaption(figure), x + 14, y + 14, {
      size: 8.5,
      color: COLOR.muted,
      width: inner,
      lineGap: 1,
    });
    const valueY = y + 14 + labelHeight + 8;
    const current = summarySide(figure, 'current');
    const previous = summarySide(figure, 'previous');
    const muted = current === null || isSuppressed(current);
    this.line(fmt.cell(current), x + 14, valueY, { size: 21, bold: true, color: muted ? COLOR.muted : COLOR.ink });
    const footY = valueY + 26 + 6;
    this.line(this.m.previousYearValue(this.previousYear, fmt.cell(previous)), x + 14, footY, {
      size: 8,
      color: COLOR.muted,
    });
    const change = this.arrow(current, previous) + fmt.change(current, previous);
    this.line(change, x + 14, footY, { size: 8, bold: true, color: COLOR.accent, width: inner, align: 'right' });
  }

  /** ▲ or ▼ before a change: direction only, never a judgement (more reports can be good news). */
  private arrow(current: Cell | null, previous: Cell | null): string {
    if (current === null || previous === null) return '';
    const now = valueOf(current);
    const before = valueOf(previous);
    if (now === null || before === null || before === 0 || now === before) return '';
    return now > before ? '▲ ' : '▼ ';
  }

  // ---------------------------------------------------------------------------------------------
  // Tables, with a bar chart for the main ones

  private async table(table: ReportTable, section: number): Promise<void> {
    const { m } = this;
    const text = tableText(m, table);
    const chart = (table.chart === 'bar' || CHART_TABLES.has(table.key)) && table.rows.length > 0;
    const chartRows = chart ? this.chartRows(table.rows) : [];
    const noteHeight = text.note ? this.measure(text.note, { size: 9, width: WIDTH, lineGap: 1.5 }) + 10 : 0;
    const chartHeight = chart ? this.chartHeight(chartRows, table.rows.length) + 18 : 0;
    // A section that fits on a page is kept whole; a longer one starts where its chart and first rows fit.
    // (A page holds fewer than 45 rows: longer tables are not measured twice.)
    const heightOf = (row: ReportRow) => this.rowHeight(this.label(table, row));
    const sum = (rows: ReportRow[]) => rows.reduce((total, row) => total + heightOf(row), 0);
    const above = this.sectionHeadingHeight(text.title) + noteHeight + chartHeight + HEADER_H + 1;
    const whole =
      table.rows.length <= 45 ? above + sum(table.rows) + (table.total ? this.rowHeight(m.total) : 0) : Infinity;
    const needed = whole <= BOTTOM - TOP ? whole : above + sum(table.rows.slice(0, 3));
    if (this.y > TOP) {
      this.y += 26;
      if (this.y + needed > BOTTOM) this.newPage();
    }
    this.sectionHeading(section, text.title);
    if (text.note)
      this.y +=
        this.paragraph(text.note, LEFT, this.y, { size: 9, color: COLOR.muted, width: WIDTH, lineGap: 1.5 }) + 10;
    if (chart) {
      this.barChart(table, chartRows);
      this.y += 18;
    }

    const columns = this.columns();
    const header = () => this.tableHeader(text.rowHeader, columns);
    if (table.rows.length === 0) {
      header();
      this.y += this.paragraph(m.empty, LEFT + 6, this.y + 6, { size: 9, color: COLOR.muted, width: WIDTH }) + 12;
      return;
    }
    header();
    const totalHeight = table.total ? this.rowHeight(m.total) : 0;
    let index = 0;
    for (const row of table.rows) {
      const label = this.label(table, row);
      const height = this.rowHeight(label);
      // The last row goes with the total: a total never stands alone on a page.
      const keep = index === table.rows.length - 1 ? totalHeight : 0;
      if (this.y + height + keep > BOTTOM) {
        this.newPage();
        this.line(this.fit(`${text.title} ${m.continued}`, WIDTH, 10, true), LEFT, this.y, {
          size: 10,
          bold: true,
          color: COLOR.muted,
        });
        this.y += 20;
        header();
      }
      if (index % 2 === 1) this.box(LEFT, this.y, WIDTH, height, COLOR.zebra);
      this.tableRow(label, row.current, row.previous, columns, height, false);
      index += 1;
      if (index % 64 === 0) await this.breathe();
    }
    if (table.total) {
      const height = this.rowHeight(m.total);
      if (this.y + height > BOTTOM) {
        this.newPage();
        this.line(this.fit(`${text.title} ${m.continued}`, WIDTH, 10, true), LEFT, this.y, {
          size: 10,
          bold: true,
          color: COLOR.muted,
        });
        this.y += 20;
        header();
      }
      this.hline(LEFT, RIGHT, this.y, 0.9, COLOR.ink);
      this.tableRow(m.total, table.total.current, table.total.previous, columns, height, true);
    } else {
      this.hline(LEFT, RIGHT, this.y, 0.5, COLOR.rule);
    }
    await this.breathe();
  }

  private label(table: ReportTable, row: ReportRow): string {
    return rowLabel(this.m, this.figures.locale, table, row);
  }

  /** Label column, then this year, last year, change: numbers right-aligned in equal columns. */
  private columns(): { label: number; current: number; previous: number; change: number; number: number } {
    const number = 74;
    const label = WIDTH - number * 3;
    return { label, current: LEFT + label, previous: LEFT + label + number, change: LEFT + label + number * 2, number };
  }

  private rowHeight(label: string): number {
    return Math.max(this.measure(label, { size: 9, width: this.columns().label - 16 }), 11) + 2 * ROW_PAD;
  }

  private tableHeader(rowHeader: string, columns: ReturnType<PdfLayout['columns']>): void {
    const y = this.y;
    const style: TextStyle = { size: 8, bold: true, color: COLOR.muted };
    this.line(this.fit(rowHeader, columns.label - 16, 8, true), LEFT + 6, y + 7, style);
    this.line(String(this.figures.year), columns.current, y + 7, {
      ...style,
      color: COLOR.ink,
      width: columns.number - 8,
      align: 'right',
    });
    this.line(String(this.previousYear), columns.previous, y + 7, {
      ...style,
      width: columns.number - 8,
      align: 'right',
    });
    this.line(this.m.columns.change, columns.change, y + 7, { ...style, width: columns.number - 8, align: 'right' });
    this.hline(LEFT, RIGHT, y + HEADER_H, 1.2, COLOR.accent);
    this.y += HEADER_H + 1;
  }

  private tableRow(
    label: string,
    current: Cell,
    previous: Cell,
    columns: ReturnType<PdfLayout['columns']>,
    height: number,
    bold: boolean,
  ): void {
    const { fmt } = this;
    const y = this.y + ROW_PAD;
    this.paragraph(label, LEFT + 6, y, { size: 9, bold, width: columns.label - 16 });
    const numbers = { size: 9, bold, width: columns.number - 8, align: 'right' as const };
    this.line(fmt.cell(current), columns.current, y, {
      ...numbers,
      bold: true,
      color: isSuppressed(current) ? COLOR.muted : COLOR.ink,
    });
    this.line(fmt.cell(previous), columns.previous, y, { ...numbers, color: COLOR.muted });
    this.line(fmt.change(current, previous), columns.change, y, { ...numbers, color: COLOR.muted });
    this.y += height;
  }

  /** Rows to chart: all of them in their order when few (age groups keep theirs), else the largest. */
  private chartRows(rows: ReportRow[]): ReportRow[] {
    if (rows.length <= MAX_CHART_ROWS) return rows;
    const size = (row: ReportRow) => valueOf(row.current) ?? 0;
    return [...rows].sort((a, b) => size(b) - size(a)).slice(0, MAX_CHART_ROWS);
  }

  private chartHeight(rows: ReportRow[], all: number): number {
    const note = rows.length < all ? 14 : 0;
    return 22 + note + rows.length * BAR_ROW_H;
  }

  private barChart(table: ReportTable, rows: ReportRow[]): void {
    const { fmt, figures } = this;
    const all = table.rows.length;
    const labelWidth = 150;
    const x0 = LEFT + labelWidth + 10;
    const barMax = RIGHT - x0 - 46;
    const values = rows
      .flatMap((row) => [valueOf(row.current), valueOf(row.previous)])
      .filter((value): value is number => value !== null);
    const scale = Math.max(1, ...values);

    // Legend: this year in the accent, last year in grey.
    let y = this.y;
    this.box(x0, y + 1, 9, 9, COLOR.accent);
    this.line(String(figures.year), x0 + 13, y + 1, { size: 8, color: COLOR.ink });
    this.box(x0 + 56, y + 3, 9, 5, COLOR.previousBar);
    this.line(String(this.previousYear), x0 + 69, y + 1, { size: 8, color: COLOR.muted });
    y += 22;
    if (rows.length < all) {
      this.line(
        this.fit(this.m.chartTop(fmt.number(rows.length), fmt.number(all), figures.year), WIDTH, 7.5, false),
        LEFT,
        y - 6,
        { size: 7.5, color: COLOR.faint },
      );
      y += 14;
    }

    // A faint baseline and quarter gridlines.
    const chartBottom = y + rows.length * BAR_ROW_H - 4;
    for (const fraction of [0.25, 0.5, 0.75, 1]) {
      const x = x0 + barMax * fraction;
      this.vline(x, y - 4, chartBottom, 0.3, COLOR.rule, true);
    }
    this.vline(x0, y - 4, chartBottom, 0.6, COLOR.faint);

    for (const row of rows) {
      const label = this.label(table, row);
      this.line(this.fit(label, labelWidth, 8.5, false), LEFT, y + 1.5, {
        size: 8.5,
        color: COLOR.ink,
        width: labelWidth,
        align: 'right',
      });
      const current = valueOf(row.current);
      const previous = valueOf(row.previous);
      const currentWidth = current === null ? 0 : (current / scale) * barMax;
      const previousWidth = previous === null ? 0 : (previous / scale) * barMax;
      if (currentWidth > 0) this.box(x0, y, Math.max(currentWidth, 1), 10, COLOR.accent);
      this.line(fmt.cell(row.current), x0 + currentWidth + 4, y + 1, {
        size: 8,
        bold: true,
        color: current === null ? COLOR.muted : COLOR.ink,
      });
      if (previousWidth > 0) this.box(x0, y + 12, Math.max(previousWidth, 1), 4.5, COLOR.previousBar);
      this.line(fmt.cell(row.previous), x0 + previousWidth + 4, y + 10.5, { size: 6.5, color: COLOR.muted });
      y += BAR_ROW_H;
    }
    this.y = y;
  }

  // ---------------------------------------------------------------------------------------------
  // Groups: plan progress, participants and (internal) their notes

  private async groups(section: number): Promise<void> {
    const { m, figures } = this;
    this.newPage();
    this.sectionHeading(section, m.groups.title);
    this.y += this.paragraph(m.groups.intro, LEFT, this.y, { size: 10, color: COLOR.muted, width: WIDTH }) + 18;
    if (figures.groups.length === 0) {
      this.y += this.paragraph(m.groups.none, LEFT, this.y, { size: 10, color: COLOR.muted, width: WIDTH });
      return;
    }
    for (const group of figures.groups) {
      const pieces = this.groupPieces(group);
      const total = pieces.reduce((sum, piece) => sum + piece.height, 0);
      // Keep a group on one page when it fits on one; else start it where at least its figures fit.
      if (this.y + total > BOTTOM && total <= BOTTOM - TOP) this.newPage();
      this.flow(pieces, () => {
        this.line(`${group.name} ${m.continued}`, LEFT, this.y, { size: 10, bold: true, color: COLOR.muted });
        this.y += 22;
      });
      await this.breathe();
    }
  }

  private groupPieces(group: GroupSection): Piece[] {
    const { m, fmt, figures } = this;
    const pieces: Piece[] = [];
    const headHeight = 140 + PARTICIPANTS_H;
    pieces.push({
      height: headHeight,
      draw: (top) => {
        this.box(LEFT, top, WIDTH, 1.2, COLOR.accent);
        let y = top + 12;
        this.line(this.fit(group.name, WIDTH, 13, true), LEFT, y, { size: 13, bold: true });
        y += 19;
        this.line(this.fit(`${m.groups.village} ${group.village}`, WIDTH, 9, false), LEFT, y, {
          size: 9,
          color: COLOR.muted,
        });
        y += 24;

        // Plan: a progress bar of items done against planned, and the activity count beside it.
        const half = (WIDTH - 24) / 2;
        this.line(m.groups.planned.toUpperCase(), LEFT, y, {
          size: 7,
          bold: true,
          color: COLOR.muted,
          characterSpacing: 0.4,
        });
        this.line(m.groups.activities.toUpperCase(), LEFT + half + 24, y, {
          size: 7,
          bold: true,
          color: COLOR.muted,
          characterSpacing: 0.4,
        });
        y += 13;
        const ratio = group.itemsPlanned > 0 ? Math.min(1, group.itemsDone / group.itemsPlanned) : 0;
        this.box(LEFT, y + 3, half, 8, COLOR.accentTint, 4);
        if (ratio > 0) this.box(LEFT, y + 3, Math.max(8, half * ratio), 8, COLOR.accent, 4);
        const percent = group.itemsPlanned > 0 ? fmt.percent(group.itemsDone / group.itemsPlanned) : m.change.none;
        this.line(
          m.groups.progress(fmt.number(group.itemsDone), fmt.number(group.itemsPlanned), percent),
          LEFT,
          y + 16,
          { size: 9, color: COLOR.ink },
        );
        this.line(fmt.number(group.activities), LEFT + half + 24, y - 2, { size: 20, bold: true });
        y += 40;

        // Participants reached, with disability as a part of them, not an addition.
        this.line(m.groups.participants.toUpperCase(), LEFT, y, {
          size: 7,
          bold: true,
          color: COLOR.muted,
          characterSpacing: 0.4,
        });
        y += 13;
        const p = group.participants;
        const cells: [string, Cell | null, boolean][] = [
          [m.groups.women, p.women, false],
          [m.groups.men, p.men, false],
          [m.groups.girls, p.girls, false],
          [m.groups.boys, p.boys, false],
          [m.total, participantsTotal(p), true],
          [m.groups.disability, p.disability, false],
        ];
        const cellWidth = WIDTH / cells.length;
        this.box(LEFT, y, WIDTH, PARTICIPANTS_H, COLOR.zebra);
        cells.forEach(([label, value, strong], index) => {
          const x = LEFT + index * cellWidth;
          if (index > 0) this.vline(x, y + 7, y + PARTICIPANTS_H - 7, 0.4, COLOR.rule);
          const shown = value !== null && !isSuppressed(value);
          this.line(fmt.cell(value), x + 9, y + 8, {
            size: 12,
            bold: true,
            color: !shown ? COLOR.muted : strong ? COLOR.accent : COLOR.ink,
          });
          const labelStyle = { size: 7, color: COLOR.muted, width: cellWidth - 14 };
          const fits = this.measure(label, labelStyle) <= 18;
          this.paragraph(fits ? label : this.fit(label, cellWidth - 14, 7, false), x + 9, y + 27, labelStyle);
        });
        this.line(`${m.groups.disability}: ${m.groups.disabilityNote}`, LEFT, y + PARTICIPANTS_H + 5, {
          size: 6.5,
          color: COLOR.faint,
        });
      },
    });

    // Free text: internal reports only, whatever the figures hold (SPEC §7).
    if (figures.audience === 'internal') {
      for (const [title, items] of [
        [m.groups.obstacles, group.obstacles],
        [m.groups.lessons, group.lessons],
      ] as const) {
        const texts = (items ?? [])
          .filter((note) => note.text.trim() !== '')
          .map((note) => m.groups.repeated(note.text.trim(), note.times));
        if (texts.length === 0) continue;
        const bullets = texts.map((item) => this.bulletPiece(item));
        // The heading goes with the first bullet (or its first part, when it is longer than a page).
        const headed = (first: Piece): Piece => ({
          height: 20 + first.height,
          draw: (top) => {
            this.line(title, LEFT, top + 4, { size: 10, bold: true, color: COLOR.accent });
            first.draw(top + 20);
          },
          split: (available) => {
            const parts = first.split?.(available - 20);
            return parts ? [headed(parts[0]), parts[1]] : null;
          },
        });
        pieces.push(headed(bullets.shift() as Piece), ...bullets);
      }
    }
    pieces.push({ height: 22, draw: () => undefined });
    return pieces;
  }

  /** A bullet of free text; `dot` false for the rest of one carried over from the page before. */
  private bulletPiece(text: string, dot = true): Piece {
    const style = { size: 9.5, width: WIDTH - 18, lineGap: 2 };
    const height = this.measure(text, style) + 6;
    return {
      height,
      draw: (top) => {
        if (dot) this.dot(LEFT + 5, top + 6, 1.8, COLOR.accent);
        this.paragraph(text, LEFT + 16, top, { ...style, color: COLOR.ink });
      },
      split: (available) => {
        // The longest run of words that fits, then the rest on the next page. The search starts
        // from the share of the text the space can hold, so long notes are not measured again and again.
        const words = text.split(/\s+/);
        let low = 1;
        let high = Math.min(words.length - 1, Math.ceil((words.length * available) / height) + 8);
        while (low < high) {
          const mid = Math.ceil((low + high) / 2);
          if (this.measure(words.slice(0, mid).join(' '), style) + 6 <= available) low = mid;
          else high = mid - 1;
        }
        if (low >= words.length) return null;
        return [
          this.bulletPiece(words.slice(0, low).join(' '), dot),
          this.bulletPiece(words.slice(low).join(' '), false),
        ];
      },
    };
  }
}

const HEADER_H = 22;
const ROW_PAD = 5;
const BAR_ROW_H = 22;
const PARTICIPANTS_H = 48;
