/**
 * Identical requests in flight at once share one execution (Synapse's HttpTransactionCache).
 * Only a speed-up: the database's unique index is what makes a transaction exactly-once. An
 * entry lives only while its promise is pending, so failures are never remembered.
 */
export class SingleFlight<T> {
  private readonly inFlight = new Map<string, Promise<T>>();

  run(key: string, fn: () => Promise<T>): Promise<T> {
    const existing = this.inFlight.get(key);
    if (existing) return existing;
    const p = fn().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, p);
    return p;
  }

  get size(): number {
    return this.inFlight.size;
  }
}
