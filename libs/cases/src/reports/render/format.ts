import type { Cell, ParticipantCounts, ReportLocale, SummaryFigure } from '../report-model';
import { Messages, messagesFor } from './messages';

/** The Intl locale of each report language. */
export const INTL_LOCALES: Readonly<Record<ReportLocale, string>> = { id: 'id-ID', en: 'en-GB' };

/** Where "Dibuat …" is read when the caller names no zone: the default of a region (SPEC §3, regions). */
export const DEFAULT_TIME_ZONE = 'Asia/Makassar';
export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

export interface FormatOptions {
  /** The suppression threshold: a suppressed cell reads "<threshold". Default 5. */
  threshold?: number;
  /** The IANA zone the generated-at time is shown in. Default Asia/Makassar. */
  timeZone?: string;
}

export function isSuppressed(cell: Cell): cell is { suppressed: true } {
  return typeof cell === 'object' && cell !== null && cell.suppressed === true;
}

/** A cell's number, or null when suppressed. */
export function valueOf(cell: Cell): number | null {
  return isSuppressed(cell) ? null : cell;
}

/**
 * Below this previous-year figure a change is shown as a difference ("+3"), from it up as a
 * percentage (SPEC §7): from 2 to 37 is "+35", not "+1.750%".
 */
export const SMALL_BASE = 20;

/** The change from the previous year as a difference, or null when a side is suppressed. */
export function changeDifference(current: Cell, previous: Cell): number | null {
  const now = valueOf(current);
  const before = valueOf(previous);
  return now === null || before === null ? null : now - before;
}

/**
 * The change from the previous year as a ratio (0.12 for +12 %), or null when a percentage would
 * mislead or cannot be computed: a suppressed side, or a previous year below SMALL_BASE.
 */
export function changeRatio(current: Cell, previous: Cell): number | null {
  const now = valueOf(current);
  const before = valueOf(previous);
  if (now === null || before === null || before < SMALL_BASE) return null;
  return (now - before) / before;
}

/** The participants' total: carried by the figures, else the sum when no part is suppressed, else unknown (null). */
export function participantsTotal(participants: ParticipantCounts): Cell | null {
  if (participants.total !== undefined) return participants.total;
  const parts = [participants.women, participants.men, participants.girls, participants.boys];
  return parts.every((part) => typeof part === 'number')
    ? (parts as number[]).reduce((sum, part) => sum + part, 0)
    : null;
}

/** A summary figure's side, or null where it has nothing to show (a median over no case). */
export function summarySide(figure: SummaryFigure, side: 'current' | 'previous'): Cell | null {
  return figure.noData?.includes(side) ? null : figure[side];
}

export interface Formatter {
  readonly locale: ReportLocale;
  readonly intlLocale: string;
  readonly threshold: number;
  readonly messages: Messages;
  /** "<5". */
  readonly suppressedText: string;
  /** 1.234 (id) / 1,234 (en); one decimal at most (medians). */
  number(value: number): string;
  /** A count, "<5", or "–" for nothing to show (null). */
  cell(cell: Cell | null): string;
  /**
   * "+12%" or "−8%" from a previous year of SMALL_BASE up, "+3", "−2" or "0" below it, "baru" when the
   * previous year had none, "–" when it cannot be computed.
   */
  change(current: Cell | null, previous: Cell | null): string;
  /** 75% (id: "75%"). */
  percent(ratio: number): string;
  /** 12 Januari 2025 (a calendar date: shown as it is, whatever the zone). */
  date(value: Date): string;
  /** 12 Januari 2025 pukul 14.30 WITA. */
  dateTime(value: Date): string;
  /** 1 Januari – 31 Desember 2025. */
  yearPeriod(year: number): string;
}

export function createFormatter(locale: ReportLocale, options: FormatOptions = {}): Formatter {
  const intlLocale = INTL_LOCALES[locale] ?? INTL_LOCALES.id;
  const threshold = options.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  const messages = messagesFor(locale);
  const numbers = new Intl.NumberFormat(intlLocale, { maximumFractionDigits: 1 });
  // No grouping: "+1.750%" reads as one and three quarters per cent in Indonesian.
  const changes = new Intl.NumberFormat(intlLocale, {
    style: 'percent',
    signDisplay: 'exceptZero',
    maximumFractionDigits: 0,
    useGrouping: false,
  });
  const differences = new Intl.NumberFormat(intlLocale, {
    signDisplay: 'exceptZero',
    maximumFractionDigits: 1,
    useGrouping: false,
  });
  const percents = new Intl.NumberFormat(intlLocale, { style: 'percent', maximumFractionDigits: 0 });
  const dates = new Intl.DateTimeFormat(intlLocale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const dateTimes = new Intl.DateTimeFormat(intlLocale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: options.timeZone ?? DEFAULT_TIME_ZONE,
    timeZoneName: 'short',
  });
  const suppressedText = `<${threshold}`;

  return {
    locale,
    intlLocale,
    threshold,
    messages,
    suppressedText,
    number: (value) => numbers.format(value),
    cell: (cell) => (cell === null ? messages.change.none : isSuppressed(cell) ? suppressedText : numbers.format(cell)),
    change(current, previous) {
      if (current === null || previous === null) return messages.change.none;
      const difference = changeDifference(current, previous);
      if (difference === null) return messages.change.none;
      if (valueOf(previous) === 0) return difference > 0 ? messages.change.new : messages.change.none;
      const ratio = changeRatio(current, previous);
      // A true minus sign: it lines up with the plus in a right-aligned column.
      return (ratio === null ? differences.format(difference) : changes.format(ratio)).replace('-', '\u2212');
    },
    percent: (ratio) => percents.format(ratio),
    date: (value) => dates.format(value),
    dateTime: (value) => dateTimes.format(value),
    yearPeriod(year) {
      const range = new Intl.DateTimeFormat(intlLocale, {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      });
      return range.formatRange(new Date(Date.UTC(year, 0, 1)), new Date(Date.UTC(year, 11, 31)));
    },
  };
}
