import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DomainError } from '../errors/domain-error';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}

/** How a key's value travels in a cursor: as PostgreSQL prints it, checked before it reaches SQL. */
export type KeysetKeyType = 'timestamptz' | 'date' | 'boolean' | 'integer' | 'uuid';

export interface KeysetKey {
  /** An SQL expression over the query's alias, sorted ascending and never NULL, so a row comparison pages it. */
  expression: (alias: string) => string;
  type: KeysetKeyType;
}

/** A condition on the query's alias, with its named parameters. */
export interface KeysetPartition {
  where: (alias: string) => string;
  parameters: ObjectLiteral;
}

export interface KeysetOrder {
  /** The sort, most significant key first; the last key must make it unique (an id). */
  keys: readonly KeysetKey[];
  /**
   * Disjoint conditions that together hold every row of the list, each served by an index in this
   * order (a case's companion, its co-companion). PostgreSQL cannot read `a = x OR b = x` from
   * one index in order, but it reads each partition's page as an index scan that stops after
   * `limit + 1` rows; the partitions' pages, already sorted, are then merged.
   */
  partitions?: readonly KeysetPartition[];
}

/** Creation time, then id: the order of every list that names no other. */
export const CREATION_ORDER: KeysetOrder = {
  keys: [
    { expression: (alias) => `"${alias}"."created_at"`, type: 'timestamptz' },
    { expression: (alias) => `"${alias}"."id"`, type: 'uuid' },
  ],
};

const INT4_MAX = 2_147_483_647;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A calendar day PostgreSQL accepts: year 0001 or later, and a day that exists in its month. */
function isRealDay(match: RegExpExecArray | null): boolean {
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const VALID: Record<KeysetKeyType, (value: string) => boolean> = {
  timestamptz: (value) => isRealDay(TIMESTAMP.exec(value)),
  date: (value) => value === 'infinity' || isRealDay(DATE.exec(value)),
  boolean: (value) => value === 'true' || value === 'false',
  integer: (value) => /^-?\d{1,10}$/.test(value) && Math.abs(Number(value)) <= INT4_MAX,
  uuid: (value) => UUID.test(value),
};

/**
 * The key as text for the cursor. A timestamp is printed with microseconds: a JS Date would cut
 * it to milliseconds and the next page would repeat the row it ends on.
 */
const CURSOR_TEXT: Record<KeysetKeyType, (expression: string) => string> = {
  timestamptz: (expression) => `to_char(${expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
  date: (expression) => `(${expression})::text`,
  boolean: (expression) => `(${expression})::text`,
  integer: (expression) => `(${expression})::text`,
  uuid: (expression) => `(${expression})::text`,
};

/** Compares two keys as PostgreSQL orders them, from their cursor text (merging partitions' pages). */
const COMPARE: Record<KeysetKeyType, (a: string, b: string) => number> = {
  timestamptz: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  date: (a, b) => (a === b ? 0 : a === 'infinity' ? 1 : b === 'infinity' ? -1 : a < b ? -1 : 1),
  boolean: (a, b) => (a === b ? 0 : a === 'false' ? -1 : 1),
  integer: (a, b) => Number(a) - Number(b),
  uuid: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
};

function decodeCursor(cursor: string, keys: readonly KeysetKey[]): string[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(values) || values.length !== keys.length) throw new Error('shape');
    return values.map((value: unknown, index) => {
      if (typeof value !== 'string' || !VALID[keys[index].type](value)) throw new Error('value');
      return value;
    });
  } catch {
    throw new DomainError('validation-failed', 'The cursor is not one this API gave out.', {
      errors: [{ field: 'cursor', message: 'is not valid' }],
    });
  }
}

/**
 * Keyset pagination in a stable order, so a page costs the same however deep it is and
 * concurrent inserts never shift items between pages. The cursor holds the last row's keys;
 * the next page starts after them with one row comparison, which an index on the same
 * expressions serves.
 */
export async function cursorPage<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  options: { cursor?: string; limit?: number },
  order: KeysetOrder = CREATION_ORDER,
): Promise<Page<T>> {
  const limit = Math.min(Math.max(options.limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const { keys } = order;
  const expressions = keys.map((key) => key.expression(query.alias));
  if (options.cursor) {
    const values = decodeCursor(options.cursor, keys);
    const parameters = Object.fromEntries(values.map((value, index) => [`keyset${index}`, value]));
    const after = keys.map((key, index) => `:keyset${index}::${key.type}`).join(', ');
    query.andWhere(`(${expressions.join(', ')}) > (${after})`, parameters);
  }
  keys.forEach((key, index) => query.addSelect(CURSOR_TEXT[key.type](expressions[index]), `keyset_${index}`));
  expressions.forEach((expression, index) =>
    index === 0 ? query.orderBy(expression, 'ASC') : query.addOrderBy(expression, 'ASC'),
  );
  query.limit(limit + 1);

  const rows: { item: T; keys: string[] }[] = [];
  // One after the other: the partitions share the list's transaction, hence its connection.
  for (const partition of order.partitions ?? [undefined]) {
    const part = partition ? query.clone().andWhere(partition.where(query.alias), partition.parameters) : query;
    const { entities, raw } = await part.getRawAndEntities<Record<string, string>>();
    entities.forEach((item, index) => rows.push({ item, keys: keys.map((_, key) => raw[index][`keyset_${key}`]) }));
  }
  if (order.partitions) rows.sort((a, b) => compareKeys(keys, a.keys, b.keys));
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return rows.length > limit && last
    ? { items: page.map((row) => row.item), nextCursor: Buffer.from(JSON.stringify(last.keys)).toString('base64url') }
    : { items: page.map((row) => row.item) };
}

function compareKeys(keys: readonly KeysetKey[], a: string[], b: string[]): number {
  for (const [index, key] of keys.entries()) {
    const compared = COMPARE[key.type](a[index], b[index]);
    if (compared !== 0) return compared;
  }
  return 0;
}
