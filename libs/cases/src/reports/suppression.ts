import type { Cell, ParticipantCounts, ReportFigures, ReportTable } from './report-model';

/*
 * Small-cell suppression for an external report (SPEC §7). Pure functions: figures in, figures out.
 *
 * Primary suppression: every count from 1 to threshold - 1 becomes `{ suppressed: true }` ("<5").
 *
 * Zero is shown. A zero says that nobody is in a category, which names no one, and hiding zeros
 * would turn every empty category of a small scope into "<5" and the tables into noise; it is the
 * common practice of statistics offices and of GBVIMS data-sharing protocols. What showing zeros
 * costs is that a reader knows every suppressed cell is at least 1, which the complementary step
 * below takes into account (two suppressed cells that a total shows add up to 2 are both 1).
 *
 * Complementary suppression: wherever published counts add up to a published total (a table's
 * rows to its total; the age tables of each sex to the age table, row by row, and to the sex
 * table; a summary figure to the table rows or group totals it sums; a group's participants to
 * their total), a hidden cell must not follow from the others. A line (cells + total) gives a
 * hidden cell away when it is the only hidden cell of the line, when the total is the only hidden
 * one, or when the hidden cells must all be 1 (their sum, the total minus the visible cells,
 * equals their number). Then the next smallest visible non-zero cell of the line is suppressed as
 * well, or the total when there is none, and every line is checked again until none gives a cell
 * away. Lines also combine (the age table's total minus the children gives the adult bands
 * together), and every suppressed count is at least 1: so, after the line by line pass, the whole
 * system is checked, by elimination for a count the lines determine and by interval propagation
 * for one they pin between bounds, and the nearest smallest visible cell goes for each such count
 * until none is left. The adversary this answers: a reader who knows every visible count, which
 * counts add up to which, and that a suppressed count is at least 1 (zero is shown); the unit
 * tests check it by exhaustive search over every consistent report. Not modelled: a reader who
 * takes "<5" to bound every suppressed count by 4 (a complementary cell is 5 or more).
 * The current and the previous year are separate lines (nothing adds them up). Tables of
 * multi-valued fields (violence types, perpetrator relationship) have no total and so no line. A
 * table's total is the same number as a summary figure (`totalIs`, cases taken in): they are one
 * count, hidden everywhere or nowhere.
 *
 * Not suppressed: day medians (a median, not a count of people), and the counts of a group's plan
 * items and activities (the group's own public work, not people). Participant counts are people
 * and are suppressed. Free text (obstacles, lessons) is removed entirely.
 */

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

/** Summary figures that count a group's work, not people: never suppressed. */
export const UNSUPPRESSED_SUMMARY_KEYS: readonly string[] = ['activities'];

const SUPPRESSED = { suppressed: true } as const;
const SIDES = ['current', 'previous'] as const;
type Side = (typeof SIDES)[number];
const PARTICIPANT_PARTS = ['women', 'men', 'girls', 'boys'] as const;

export function isSuppressedCell(cell: Cell | undefined): cell is { suppressed: true } {
  return typeof cell === 'object' && cell !== null && cell.suppressed === true;
}

/** Cells (by index) whose sum is the `total` cell (by index). */
export interface SuppressionLine {
  cells: readonly number[];
  total: number;
}

/**
 * The suppression of a system of counts: `values[i]` is a count (null when already hidden, value
 * unknown) and `lines` say which counts add up to which. Returns, per count, whether it is hidden:
 * every count from 1 to threshold - 1, and the complementary cells that keep each line from
 * giving a hidden count away (see above).
 */
export function complementarySuppression(
  values: readonly (number | null)[],
  lines: readonly SuppressionLine[],
  threshold = DEFAULT_SUPPRESSION_THRESHOLD,
): boolean[] {
  if (!Number.isInteger(threshold) || threshold < 1)
    throw new RangeError(`The suppression threshold is a whole number from 1; got ${threshold}.`);
  const hidden = values.map((value) => value === null || (value >= 1 && value < threshold));
  const givesAway = (line: SuppressionLine): boolean => {
    const cells = [...new Set(line.cells)].filter((cell) => cell !== line.total);
    const hiddenCells = cells.filter((cell) => hidden[cell]);
    if (hidden[line.total]) return hiddenCells.length === 0;
    if (hiddenCells.length === 0) return false;
    if (hiddenCells.length === 1) return true;
    // Every hidden cell is at least 1 (zero is shown): a sum equal to their number makes each 1.
    const known = hiddenCells.map((cell) => values[cell]);
    return (
      known.every((value) => value !== null) &&
      known.reduce<number>((sum, value) => sum + (value as number), 0) === hiddenCells.length
    );
  };
  /** The smallest visible non-zero count among `candidates`. */
  const smallest = (candidates: Iterable<number>): number | undefined => {
    let found: number | undefined;
    for (const cell of candidates) {
      const value = values[cell];
      if (hidden[cell] || value === null || value === 0) continue;
      if (found === undefined || value < (values[found] as number)) found = cell;
    }
    return found;
  };
  for (;;) {
    // Line by line: the next smallest cell of a line that gives one away, else its total.
    let changed = true;
    while (changed) {
      changed = false;
      for (const line of lines) {
        if (!givesAway(line)) continue;
        const candidate =
          smallest(line.cells.filter((cell) => cell !== line.total)) ?? (hidden[line.total] ? undefined : line.total);
        if (candidate === undefined) continue;
        hidden[candidate] = true;
        changed = true;
      }
    }
    // Lines combined: a hidden count that follows from several lines together (the rows of a table
    // outside the children are its total minus the children's figure). Hide the smallest visible
    // count of a line through it, and go round again.
    const derived = givenAway(hidden, values, lines);
    if (derived === undefined) return hidden;
    const candidate = nearest(derived, lines, hidden, smallest);
    if (candidate === undefined) return hidden;
    hidden[candidate] = true;
  }
}

/**
 * The count to hide for a hidden count that the lines give away: the smallest visible non-zero
 * cell of the lines through it (a total only when they have no such cell), else of the lines one
 * hidden count further, and so on; undefined when the lines it is tied to have none.
 */
function nearest(
  derived: number,
  lines: readonly SuppressionLine[],
  hidden: readonly boolean[],
  smallest: (candidates: Iterable<number>) => number | undefined,
): number | undefined {
  const reached = new Set([derived]);
  const used = new Set<SuppressionLine>();
  let frontier = [derived];
  while (frontier.length > 0) {
    const through = lines.filter(
      (line) => !used.has(line) && frontier.some((cell) => line.total === cell || line.cells.includes(cell)),
    );
    through.forEach((line) => used.add(line));
    const found =
      smallest(through.flatMap((line) => line.cells.filter((cell) => cell !== line.total))) ??
      smallest(through.map((line) => line.total));
    if (found !== undefined) return found;
    frontier = through
      .flatMap((line) => [...line.cells, line.total])
      .filter((cell) => hidden[cell] && !reached.has(cell));
    frontier.forEach((cell) => reached.add(cell));
  }
  return undefined;
}

interface Equation {
  /** Hidden count → coefficient. */
  terms: Map<number, number>;
  rhs: number;
}

const EPSILON = 1e-9;

/**
 * A hidden count that a reader can work out from the lines, or undefined. The lines are linear
 * equations over the hidden counts (the visible ones are constants):
 * - a count is determined by them alone when Gauss-Jordan elimination leaves it alone in its row
 *   (children minus the bands 0-5 and 6-12 of the age table give the band 13-17);
 * - a count is pinned by them and by every hidden count being at least 1 (zero is shown) when
 *   interval propagation over the lines and the eliminated rows narrows it to one value (two
 *   children's age groups adding up to 4, each of two counts of at least 1 by sex, are 2 and 2).
 * Propagation is bounded in passes; its bounds are sound at every pass, so stopping early can
 * only miss a pin, never invent one.
 */
function givenAway(
  hidden: readonly boolean[],
  values: readonly (number | null)[],
  lines: readonly SuppressionLine[],
): number | undefined {
  const equations: Equation[] = [];
  for (const line of lines) {
    const terms = new Map<number, number>();
    let constant = 0;
    const add = (cell: number, coefficient: number) => {
      if (hidden[cell]) terms.set(cell, (terms.get(cell) ?? 0) + coefficient);
      else constant += coefficient * (values[cell] ?? 0);
    };
    for (const cell of new Set(line.cells)) if (cell !== line.total) add(cell, 1);
    add(line.total, -1);
    for (const [cell, coefficient] of terms) if (coefficient === 0) terms.delete(cell);
    if (terms.size > 0) equations.push({ terms, rhs: -constant });
  }
  const rows = eliminate(equations);
  for (const row of rows) if (row.terms.size === 1) return row.terms.keys().next().value;
  return pinned(hidden, [...equations, ...rows]);
}

/** Gauss-Jordan elimination: rows whose pivot appears in no other row. */
function eliminate(equations: readonly Equation[]): Equation[] {
  const pivots = new Map<number, Equation>();
  const subtract = (row: Equation, other: Equation, factor: number) => {
    for (const [variable, coefficient] of other.terms) {
      const next = (row.terms.get(variable) ?? 0) - factor * coefficient;
      if (Math.abs(next) < EPSILON) row.terms.delete(variable);
      else row.terms.set(variable, next);
    }
    row.rhs -= factor * other.rhs;
  };
  for (const equation of equations) {
    const row: Equation = { terms: new Map(equation.terms), rhs: equation.rhs };
    // Pivot rows hold no other pivot, so one pass over the pivots the row holds reduces it.
    for (const variable of [...row.terms.keys()]) {
      const pivot = pivots.get(variable);
      const coefficient = row.terms.get(variable);
      if (pivot && coefficient !== undefined) subtract(row, pivot, coefficient);
    }
    if (row.terms.size === 0) continue;
    const [variable, coefficient] = row.terms.entries().next().value as [number, number];
    for (const [key, value] of row.terms) row.terms.set(key, value / coefficient);
    row.rhs /= coefficient;
    for (const other of pivots.values()) {
      const factor = other.terms.get(variable);
      if (factor !== undefined) subtract(other, row, factor);
    }
    pivots.set(variable, row);
  }
  return [...pivots.values()];
}

/** Interval propagation with every hidden count a whole number of at least 1: the first one narrowed to a single value. */
function pinned(hidden: readonly boolean[], equations: readonly Equation[]): number | undefined {
  const UNBOUNDED = 1e12;
  const low = hidden.map(() => 1);
  const high = hidden.map(() => UNBOUNDED);
  for (let pass = 0; pass < 100; pass++) {
    let changed = false;
    for (const { terms, rhs } of equations) {
      let min = 0;
      let max = 0;
      for (const [cell, c] of terms) {
        min += c > 0 ? c * low[cell] : c * high[cell];
        max += c > 0 ? c * high[cell] : c * low[cell];
      }
      for (const [cell, c] of terms) {
        const othersMin = min - (c > 0 ? c * low[cell] : c * high[cell]);
        const othersMax = max - (c > 0 ? c * high[cell] : c * low[cell]);
        // c·x = rhs - others.
        const [a, b] = [(rhs - othersMax) / c, (rhs - othersMin) / c];
        const from = Math.ceil(Math.min(a, b) - EPSILON);
        const to = Math.floor(Math.max(a, b) + EPSILON);
        if (from > low[cell]) [low[cell], changed] = [from, true];
        if (to < high[cell]) [high[cell], changed] = [to, true];
        // Inconsistent figures (a count shown in two places with two values): nothing to learn.
        if (low[cell] > high[cell]) return undefined;
      }
    }
    if (!changed) break;
  }
  const found = hidden.findIndex((isHidden, cell) => isHidden && low[cell] === high[cell]);
  return found === -1 ? undefined : found;
}

/** The counts of the figures as one system: each variable has its value and the places it is written to. */
class CountSystem {
  readonly values: (number | null)[] = [];
  readonly lines: SuppressionLine[] = [];
  private readonly writers: ((hidden: boolean) => void)[][] = [];
  private readonly byName = new Map<string, number>();

  /** A count at a named place; `write` puts it back, suppressed or not. `sameAs` names a place showing the same count. */
  add(name: string, cell: Cell, write: (cell: Cell) => void, sameAs?: string): number {
    const value = isSuppressedCell(cell) ? null : cell;
    const writer = (hidden: boolean) => write(hidden ? { ...SUPPRESSED } : (value as number));
    const existing = sameAs !== undefined ? this.byName.get(sameAs) : undefined;
    if (existing !== undefined) {
      // One count in two places; should they differ, nothing is known of it and it is hidden in both.
      if (this.values[existing] !== value) this.values[existing] = null;
      this.writers[existing].push(writer);
      this.byName.set(name, existing);
      return existing;
    }
    this.values.push(value);
    this.writers.push([writer]);
    this.byName.set(name, this.values.length - 1);
    return this.values.length - 1;
  }

  index(name: string): number | undefined {
    return this.byName.get(name);
  }

  /**
   * `cells` add up to `total`. An absent cell is a zero (a row a table leaves out), unless
   * `complete`: then the line is only known when every cell is published.
   */
  line(cells: (number | undefined)[], total: number | undefined, complete = false): void {
    if (total === undefined || (complete && cells.some((cell) => cell === undefined))) return;
    const present = cells.filter((cell): cell is number => cell !== undefined);
    if (present.length > 0) this.lines.push({ cells: present, total });
  }

  apply(threshold: number): void {
    const hidden = complementarySuppression(this.values, this.lines, threshold);
    hidden.forEach((isHidden, index) => this.writers[index].forEach((write) => write(isHidden)));
  }
}

/**
 * The figures of an external report: small counts suppressed, complementary cells suppressed so
 * that no total gives one away, and no free text. The input is not changed.
 */
export function suppress(figures: ReportFigures, threshold = DEFAULT_SUPPRESSION_THRESHOLD): ReportFigures {
  const result = structuredClone(figures);
  const system = new CountSystem();
  const tables = new Map(result.tables.map((table) => [table.key, table]));
  const summaryName = (key: string, side: Side) => `summary:${key}:${side}`;
  const rowName = (table: string, row: string, side: Side) => `table:${table}:row:${row}:${side}`;
  const totalName = (table: string, side: Side) => `table:${table}:total:${side}`;

  // Summary counts (not medians, not activities).
  for (const figure of result.summary) {
    if (figure.unit === 'days' || UNSUPPRESSED_SUMMARY_KEYS.includes(figure.key)) continue;
    for (const side of SIDES) system.add(summaryName(figure.key, side), figure[side], (cell) => (figure[side] = cell));
  }

  // Table cells; a total that is a summary figure, or a row of another table, is that count.
  const ordered = [...result.tables.filter((table) => !table.split), ...result.tables.filter((table) => table.split)];
  for (const table of ordered) {
    for (const row of table.rows) {
      for (const side of SIDES) system.add(rowName(table.key, row.key, side), row[side], (cell) => (row[side] = cell));
    }
    const total = table.total;
    if (!total) continue;
    for (const side of SIDES) {
      const sameAs = table.split
        ? tables.get(table.split.by)?.rows.some((row) => row.key === table.split?.key)
          ? rowName(table.split.by, table.split.key, side)
          : undefined
        : table.totalIs !== undefined && system.index(summaryName(table.totalIs, side)) !== undefined
          ? summaryName(table.totalIs, side)
          : undefined;
      system.add(totalName(table.key, side), total[side], (cell) => (total[side] = cell), sameAs);
      system.line(
        table.rows.map((row) => system.index(rowName(table.key, row.key, side))),
        system.index(totalName(table.key, side)),
      );
    }
  }

  // A table split by the rows of another: each row of `of` is the sum of that row across the splits.
  for (const [key, splits] of groupSplits(result.tables)) {
    const [of, by] = key.split('\u0000');
    const whole = tables.get(of);
    const dimension = tables.get(by);
    if (!whole || !dimension) continue;
    for (const side of SIDES) {
      // Only when the splits cover every non-empty row of `by`: else a part is unpublished and nothing adds up.
      const covered = dimension.rows.every(
        (row) => row[side] === 0 || splits.some((split) => split.split?.key === row.key),
      );
      if (!covered) continue;
      for (const row of whole.rows) {
        system.line(
          splits.map((split) =>
            split.rows.some((candidate) => candidate.key === row.key)
              ? system.index(rowName(split.key, row.key, side))
              : undefined,
          ),
          system.index(rowName(of, row.key, side)),
        );
      }
    }
  }

  // Groups: participants are people; plan items and activities are not suppressed.
  result.groups.forEach((group, index) => {
    delete group.obstacles;
    delete group.lessons;
    const participants: ParticipantCounts = group.participants;
    if (participants.total === undefined && PARTICIPANT_PARTS.every((part) => typeof participants[part] === 'number')) {
      participants.total = PARTICIPANT_PARTS.reduce((sum, part) => sum + (participants[part] as number), 0);
    }
    const name = (part: string) => `group:${index}:${part}`;
    for (const part of [...PARTICIPANT_PARTS, 'disability', 'total'] as const) {
      const cell = participants[part];
      if (cell !== undefined) system.add(name(part), cell, (next) => (participants[part] = next));
    }
    system.line(
      PARTICIPANT_PARTS.map((part) => system.index(name(part))),
      system.index(name('total')),
    );
  });

  // Summary figures that are sums of table rows (children) or of the groups' participants (this year).
  for (const figure of result.summary) {
    const sumOf = figure.sumOf;
    if (!sumOf) continue;
    if ('groupParticipants' in sumOf) {
      system.line(
        result.groups.map((_, index) => system.index(`group:${index}:total`)),
        system.index(summaryName(figure.key, 'current')),
        true,
      );
      continue;
    }
    for (const side of SIDES) {
      system.line(
        sumOf.rows.map((row) => system.index(rowName(sumOf.table, row, side))),
        system.index(summaryName(figure.key, side)),
      );
    }
  }

  system.apply(threshold);
  return result;
}

function groupSplits(tables: readonly ReportTable[]): Map<string, ReportTable[]> {
  const splits = new Map<string, ReportTable[]>();
  for (const table of tables) {
    if (!table.split) continue;
    const key = `${table.split.of}\u0000${table.split.by}`;
    splits.set(key, [...(splits.get(key) ?? []), table]);
  }
  return splits;
}
