/**
 * Access tokens already verified, with what they said, until they expire: checking an HS256
 * signature and its claims again for every request of the same token is work done once per
 * token instead (docs/benchmarks.md). A token's expiry is the whole of its validity here; whether
 * its session still lives, and the user's role and scope, are read from PostgreSQL on every
 * request all the same.
 */
export class VerifiedTokens<Claims> {
  private readonly entries = new Map<string, { claims: Claims; expiresAtMs: number }>();

  constructor(private readonly capacity: number) {}

  get(token: string, nowMs = Date.now()): Claims | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (nowMs < entry.expiresAtMs) return entry.claims;
    this.entries.delete(token);
    return undefined;
  }

  remember(token: string, claims: Claims, expiresAtMs: number, nowMs = Date.now()): void {
    if (this.entries.size >= this.capacity) this.evict(nowMs);
    this.entries.set(token, { claims, expiresAtMs });
  }

  /** The expired go first; if none had, the oldest remembered (a Map keeps insertion order). */
  private evict(nowMs: number): void {
    for (const [token, entry] of this.entries) if (entry.expiresAtMs <= nowMs) this.entries.delete(token);
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }
}
