import { answered, type Answer } from './problem';

/**
 * The shape every list answer shares. The document describes each list's page as a schema of its
 * own (`CaseViewPage`, …); code that pages through any of them reads this.
 */
export interface Page<Item> {
  items: Item[];
  nextCursor?: string | null;
}

/**
 * Every item of a paged list, following `nextCursor` at the largest page the API gives: for the
 * short lists a screen needs whole (the organisation's structure, staff, requests, one's reports).
 * The item type is the one the document gives the list's page.
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
