import { rulesToCondition } from '@casl/ability/extra';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AppAbility } from './ability.factory';
import { Action } from './rules-table';
import { SubjectName } from './subjects';

export class UnsupportedConditionError extends Error {
  readonly logSafe = true;
}

interface SqlFragment {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * Properties the rules' conditions name that are facts of other tables, not columns: each is said
 * here once, in SQL on the record's own columns, as "the record's property holds this value" (the
 * one condition the rules put on them). Records in memory do not carry them, so an ability decides
 * them in SQL only: in memory, no record meets a condition on one.
 */
const DERIVED_PROPERTIES: Record<string, (column: (property: string) => string, value: string) => string> = {
  // The users who held a case (scope held_cases): who took it in, and each companion and
  // co-companion its history (case_changes, written with every assignment) names.
  heldBy: (column, user) =>
    `${column('createdBy')} = ${user} OR EXISTS (SELECT 1 FROM case_changes held
      WHERE held.case_id = ${column('id')} AND held.field IN ('assignedCompanionId', 'coCompanionId')
        AND held.coded_value = to_jsonb(${user}::text))`,
};

let parameterCounter = 0;
const nextParameter = () => `scope_${(parameterCounter = (parameterCounter + 1) % 1_000_000_000)}`;

/**
 * Restricts a query to the rows the actor may act on, in SQL, from the same CASL rules that
 * decide everything else. `can` rules are OR-ed, each bounded by the higher-priority `cannot`
 * rules (which the converter negates). No rule at all means no row.
 */
export function applyRowScope<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  ability: AppAbility,
  action: Action,
  subject: SubjectName,
  alias = query.alias,
): SelectQueryBuilder<T> {
  const metadata = query.expressionMap.aliases.find((candidate) => candidate.name === alias)?.metadata;
  if (!metadata) throw new UnsupportedConditionError(`no entity behind alias ${alias}`);
  const column = (property: string) => {
    const found = metadata.findColumnWithPropertyPath(property);
    if (!found) throw new UnsupportedConditionError(`${metadata.name} has no property ${property}`);
    return { sql: `"${alias}"."${found.databaseName}"`, isArray: found.isArray };
  };

  const convert = (rule: { conditions?: unknown; inverted: boolean }): SqlFragment => {
    const parts: SqlFragment[] = Object.entries((rule.conditions ?? {}) as Record<string, unknown>).map(
      ([property, condition]) =>
        Object.hasOwn(DERIVED_PROPERTIES, property)
          ? derivedSql(DERIVED_PROPERTIES[property], (name) => column(name).sql, condition)
          : conditionSql(column(property), condition),
    );
    const joined = joinFragments(parts, 'AND');
    // A NULL column (a request about a user not created yet) meets no condition, as in CASL: a
    // withholding rule then withholds nothing, where a bare NOT would withhold the row.
    return rule.inverted ? { sql: `NOT COALESCE((${joined.sql}), false)`, params: joined.params } : joined;
  };

  const combined = rulesToCondition(ability.rulesFor(action, subject), convert, {
    and: (fragments) => joinFragments(fragments, 'AND'),
    or: (fragments) => joinFragments(fragments, 'OR'),
    empty: () => ({ sql: 'TRUE', params: {} }),
  });
  const scope = combined ?? { sql: 'FALSE', params: {} };
  return query.andWhere(`(${scope.sql})`, scope.params);
}

function joinFragments(fragments: SqlFragment[], operator: 'AND' | 'OR'): SqlFragment {
  if (fragments.length === 0) return { sql: operator === 'AND' ? 'TRUE' : 'FALSE', params: {} };
  return {
    sql: fragments.map((fragment) => `(${fragment.sql})`).join(` ${operator} `),
    params: Object.assign({}, ...fragments.map((fragment) => fragment.params)),
  };
}

function derivedSql(
  derived: (column: (property: string) => string, value: string) => string,
  column: (property: string) => string,
  condition: unknown,
): SqlFragment {
  if (typeof condition !== 'string') throw new UnsupportedConditionError('a derived property takes one value');
  const name = nextParameter();
  return { sql: derived(column, `:${name}`), params: { [name]: condition } };
}

function conditionSql(column: { sql: string; isArray: boolean }, condition: unknown): SqlFragment {
  const name = nextParameter();
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) {
    if (condition === null) return { sql: `${column.sql} IS NULL`, params: {} };
    return column.isArray
      ? { sql: `:${name} = ANY(${column.sql})`, params: { [name]: condition } }
      : { sql: `${column.sql} = :${name}`, params: { [name]: condition } };
  }
  const entries = Object.entries(condition as Record<string, unknown>);
  if (entries.length !== 1) throw new UnsupportedConditionError('one operator per condition');
  const [operator, value] = entries[0];
  switch (operator) {
    case '$eq':
      return conditionSql(column, value);
    case '$ne':
      return { sql: `${column.sql} IS DISTINCT FROM :${name}`, params: { [name]: value } };
    case '$in':
      return { sql: `${column.sql} = ANY(:${name})`, params: { [name]: value } };
    case '$nin':
      return { sql: `NOT (${column.sql} = ANY(:${name}))`, params: { [name]: value } };
    default:
      throw new UnsupportedConditionError(`operator ${operator} is not translated to SQL`);
  }
}
