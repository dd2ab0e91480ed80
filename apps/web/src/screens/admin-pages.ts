import { useState } from 'preact/hooks';
import type { Page } from '../api/page';
import { answered, type Answer } from '../api/problem';

/**
 * Every item of a paged list, following `nextCursor` at the largest page the API gives. The
 * organisation's users, requests and structure are short lists that a screen shows whole.
 */
export async function allPages<Item>(page: (query: { limit: number; cursor?: string }) => Promise<Answer<Page<Item>>>) {
  const items: Item[] = [];
  let cursor: string | undefined;
  do {
    const answer = await answered(page({ limit: 200, ...(cursor && { cursor }) }));
    items.push(...answer.items);
    cursor = answer.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/**
 * An Idempotency-Key for one thing being created: a retry after a lost answer creates nothing new
 * (SPEC §8); the API forgets a key whose request failed, so a corrected form may reuse it. It is
 * renewed once the thing is created.
 */
export function useIdempotencyKey(): { headers: { 'Idempotency-Key': string }; renew(): void } {
  const [key, setKey] = useState(() => crypto.randomUUID());
  return { headers: { 'Idempotency-Key': key }, renew: () => setKey(crypto.randomUUID()) };
}

/** The version a change was made against, as the API's If-Match takes it: a stale one answers 409. */
export const ifMatch = (version: number | undefined) => ({ 'if-match': `"${version ?? 0}"` });
