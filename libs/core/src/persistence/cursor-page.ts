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

/** The sort of a list, most significant key first; the last key must make it unique (an id). */
export type KeysetOrder = readonly KeysetKey[];

/** Creation time, then id: the order of every list that names no other. */
export const CREATION_ORDER: KeysetOrder = [
  { expression: (alias) => `"${alias}"."created_at"`, type: 'timestamptz' },
  { expression: (alias) => `"${alias}"."id"`, type: 'uuid' },
];

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

function decodeCursor(cursor: string, order: KeysetOrder): string[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(values) || values.length !== order.length) throw new Error('shape');
    return values.map((value: unknown, index) => {
      if (typeof value !== 'string' || !VALID[order[index].type](value)) throw new Error('value');
      return value;
    });
  } catch {
    throw new DomainError('validation-failed', 'The cursor is not one this API gave out.', { errors: [{ field: 'cursor', message: 'is not valid' }] });
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
  const expressions = order.map((key) => key.expression(query.alias));
  if (options.cursor) {
    const values = decodeCursor(options.cursor, order);
    const parameters = Object.fromEntries(values.map((value, index) => [`keyset${index}`, value]));
    const after = order.map((key, index) => `:keyset${index}::${key.type}`).join(', ');
    query.andWhere(`(${expressions.join(', ')}) > (${after})`, parameters);
  }
  order.forEach((key, index) => query.addSelect(CURSOR_TEXT[key.type](expressions[index]), `keyset_${index}`));
  expressions.forEach((expression, index) => (index === 0 ? query.orderBy(expression, 'ASC') : query.addOrderBy(expression, 'ASC')));
  const { entities, raw } = await query.limit(limit + 1).getRawAndEntities<Record<string, string>>();
  const items = entities.slice(0, limit);
  if (entities.length <= limit || items.length === 0) return { items };
  const last = raw[items.length - 1];
  return { items, nextCursor: Buffer.from(JSON.stringify(order.map((_, index) => last[`keyset_${index}`]))).toString('base64url') };
}
