/**
 * The shape every list answer shares. The document describes each list's page as a schema of its
 * own (`CaseViewPage`, …); code that pages through any of them reads this.
 */
export interface Page<Item> {
  items: Item[];
  nextCursor?: string | null;
}
