/**
 * Idempotency-Keys for a form that creates something (SPEC §8): the same key while the same body
 * is sent again (a retry after a lost answer creates nothing twice), a new one once the body
 * changes, as the API refuses a known key with another body, and a new one after a success, so
 * that a second record typed alike is a record of its own.
 */
export class IdempotencyKeys {
  private last?: { key: string; body: string };

  for(body: unknown): string {
    const sent = JSON.stringify(body);
    if (this.last?.body !== sent) this.last = { key: crypto.randomUUID(), body: sent };
    return this.last.key;
  }

  forget(): void {
    this.last = undefined;
  }
}
