import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DomainError } from '../errors/domain-error';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}

/** Rows are created from this century on; year 0000 and the like are no cursor of ours (and out of PostgreSQL's range). */
const CURSOR_TIME = /^(19[7-9]\d|[2-9]\d{3})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface CursorPosition {
  createdAt: string;
  id: string;
}

function decodeCursor(cursor: string): CursorPosition {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if (typeof createdAt !== 'string' || typeof id !== 'string' || !CURSOR_TIME.test(createdAt) || !UUID.test(id)) throw new Error('shape');
    if (new Date(createdAt).toISOString().slice(0, 10) !== createdAt.slice(0, 10)) throw new Error('no such date');
    return { createdAt, id };
  } catch {
    throw new DomainError('validation-failed', 'The cursor is not one this API gave out.', { errors: [{ field: 'cursor', message: 'is not valid' }] });
  }
}

/**
 * Keyset pagination in a stable order (creation time, then id), so a page costs the same however
 * deep it is and concurrent inserts never shift items between pages.
 */
export async function cursorPage<T extends ObjectLiteral & { createdAt: Date; id: string }>(
  query: SelectQueryBuilder<T>,
  options: { cursor?: string; limit?: number },
): Promise<Page<T>> {
  const limit = Math.min(Math.max(options.limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const alias = query.alias;
  if (options.cursor) {
    const position = decodeCursor(options.cursor);
    query.andWhere(`("${alias}"."created_at", "${alias}"."id") > (:cursorCreatedAt::timestamptz, :cursorId::uuid)`, {
      cursorCreatedAt: position.createdAt,
      cursorId: position.id,
    });
  }
  // The cursor carries created_at as PostgreSQL prints it (microseconds): a JS Date would cut it to
  // milliseconds and the next page would repeat the row it ends on.
  const { entities, raw } = await query
    .addSelect(`to_char("${alias}"."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'cursor_created_at')
    .orderBy(`${alias}.createdAt`, 'ASC')
    .addOrderBy(`${alias}.id`, 'ASC')
    .limit(limit + 1)
    .getRawAndEntities<{ cursor_created_at: string }>();
  const items = entities.slice(0, limit);
  const last = items[items.length - 1];
  return entities.length > limit && last
    ? { items, nextCursor: Buffer.from(JSON.stringify([raw[items.length - 1].cursor_created_at, last.id])).toString('base64url') }
    : { items };
}
