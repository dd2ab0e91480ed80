import { subject as asSubject } from '@casl/ability';
import { AppAbility } from './ability.factory';
import { permittedFields } from './field-access';
import { Action, ACTIONS, PERMISSION_TABLE } from './rules-table';
import { SUBJECT_NAMES, SubjectName } from './subjects';

/**
 * What the reader may do with one record (SPEC §11): the views lack the columns the rules'
 * conditions name (organisation, assignment, restriction), so the client cannot decide this
 * itself; the server computes it from the rules table and stays the authority.
 */
export interface RecordAllowance {
  actions: Action[];
  writableFields: string[];
}

/**
 * Actions on a subject as a whole, not on a shown record: making one, checking for duplicates,
 * counting cases into a report, verifying the audit log's chains, syncing a phone.
 */
const NOT_ON_A_RECORD: readonly Action[] = ['create', 'check_duplicate', 'report', 'verify', 'sync'];
/**
 * Actions on records of one subject that are not taken on a shown one: a phone reports its reads
 * of cases by id (POST /sync/reads), and whether she held a case is decided in SQL only (the
 * history is not on the record), so it could not be answered here.
 */
const NOT_ON_A_SHOWN_RECORD: Partial<Record<SubjectName, readonly Action[]>> = { Case: ['record_reads'] };

/** Per subject, the actions some granting row of the rules table names for an existing record. */
const RECORD_ACTIONS = new Map<SubjectName, Action[]>(
  SUBJECT_NAMES.map((name) => [
    name,
    ACTIONS.filter(
      (action) =>
        !NOT_ON_A_RECORD.includes(action) &&
        !(NOT_ON_A_SHOWN_RECORD[name] ?? []).includes(action) &&
        PERMISSION_TABLE.some((row) => !row.inverted && row.subject === name && row.actions.includes(action)),
    ),
  ]),
);

export function recordActions(subject: SubjectName): readonly Action[] {
  return RECORD_ACTIONS.get(subject) ?? [];
}

/** `record` is what the rules' conditions see (the row, or the subject's derived record). */
export function allowanceFor(
  ability: AppAbility,
  subject: SubjectName,
  record: Record<string, unknown>,
): RecordAllowance {
  const target = asSubject(subject, { ...record });
  const actions = recordActions(subject).filter((action) => ability.can(action, target));
  return {
    actions,
    writableFields: actions.includes('update') ? permittedFields(ability, 'update', subject, record) : [],
  };
}
