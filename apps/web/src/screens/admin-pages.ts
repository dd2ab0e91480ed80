import type { Page } from '../api/page';
import { answeredAs } from '../api/problem';

interface Answer {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * Every item of a paged list, following `nextCursor` at the largest page the API gives. The
 * organisation's users, requests and structure are short lists that a screen shows whole.
 */
export async function allPages<Item>(page: (query: { limit: number; cursor?: string }) => Promise<Answer>) {
  const items: Item[] = [];
  let cursor: string | undefined;
  do {
    const answer: Page<Item> = await answeredAs<Page<Item>>(page({ limit: 200, ...(cursor && { cursor }) }));
    items.push(...answer.items);
    cursor = answer.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/** The version a change was made against, as the API's If-Match takes it: a stale one answers 409. */
export const ifMatch = (version: number | undefined) => ({ 'if-match': `"${version ?? 0}"` });
