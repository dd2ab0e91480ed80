/**
 * The annual evaluation report as data (SPEC §7): what the worker computes in SQL, suppresses for
 * an external audience, and renders as PDF, XLSX or CSV. Only coded data and counts, plus the
 * groups' free text for internal reports; never an identifying or sensitive field.
 */
export type ReportLocale = 'id' | 'en';
export type ReportAudience = 'internal' | 'external';
export type ReportFormat = 'pdf' | 'xlsx' | 'csv';
export type ScopeLevel = 'organization' | 'region' | 'village' | 'group';

/** A count as shown: a number, or "<5" where an external report suppresses a small cell. */
export type Cell = number | { suppressed: true };

export interface ReportRow {
  /** A code of a code list (labelled by the renderer through the code list) or a place's name. */
  key: string;
  /** The label to show, already resolved for places; absent for codes (the renderer labels them). */
  label?: string;
  current: Cell;
  previous: Cell;
}

export interface ReportTable {
  /** Stable key: the message catalogue's title, the XLSX sheet and the CSV file name derive from it. */
  key: string;
  /** The code list that labels the rows' keys, when they are codes. */
  codeList?: string;
  rows: ReportRow[];
  /** Absent for multi-valued fields (violence types), whose rows add up to more than the cases. */
  total?: { current: Cell; previous: Cell };
  /** A second dimension (age group × sex): one table per column value is simpler to render and suppress. */
  chart?: 'bar';
  /**
   * This table is table `of` restricted to row `key` of table `by` (ageGroupFemale: `ageGroup`
   * for `sex` = `female`): its rows add up, across the split tables, to the rows of `of`, and its
   * total is that row of `by`. Suppression reads it so that no cell follows from another table.
   */
  split?: { of: string; by: string; key: string };
  /** The key of the summary figure this table's total equals (`casesNew`, `referrals`), for suppression. */
  totalIs?: string;
}

export interface SummaryFigure {
  key: string;
  current: Cell;
  previous: Cell;
  /** Days, not counts: never suppressed (medians say nothing about one person). */
  unit?: 'count' | 'days';
  /**
   * The sides that have nothing to show (a median over no case): their value is 0 and should be
   * rendered as "–", not as a number.
   */
  noData?: ('current' | 'previous')[];
  /**
   * The figure is the sum of some rows of a table (children = the bands under 18), or of the
   * groups' participant totals (current year): suppression keeps the two consistent.
   */
  sumOf?: { table: string; rows: string[] } | { groupParticipants: true };
}

/** People reached by a group's activities; in an external report a small count is suppressed. */
export interface ParticipantCounts {
  women: Cell;
  men: Cell;
  girls: Cell;
  boys: Cell;
  /** Persons with disability among the four above: a part of them, not an addition. */
  disability: Cell;
  /** women + men + girls + boys: carried, since the parts cannot be added up once one is suppressed. */
  total?: Cell;
}

export interface GroupSection {
  groupId: string;
  name: string;
  village: string;
  itemsPlanned: number;
  itemsDone: number;
  activities: number;
  participants: ParticipantCounts;
  /** Internal reports only: the obstacles and lessons written in the group's activity reports. */
  obstacles?: GroupNote[];
  lessons?: GroupNote[];
}

/** A note as written, once, with the number of activity reports that wrote it word for word. */
export interface GroupNote {
  text: string;
  times: number;
}

export interface ReportFigures {
  organizationName: string;
  scope: { level: ScopeLevel; id: string | null; name: string };
  year: number;
  audience: ReportAudience;
  locale: ReportLocale;
  generatedAt: Date;
  summary: SummaryFigure[];
  tables: ReportTable[];
  groups: GroupSection[];
}
