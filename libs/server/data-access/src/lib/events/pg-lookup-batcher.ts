interface Waiting<K, V> {
  key: K;
  callers: Array<{ resolve(value: V | undefined): void; reject(err: unknown): void }>;
}

/**
 * Coalesces point lookups into set queries (`= ANY($1)`): the calls made in one event-loop
 * turn, or while the previous query is in flight, go out together as one query, and calls with
 * the same key share one answer. Nothing is cached: a call is only ever answered by a query
 * that started after it was made, so whatever was committed before the call (a revoked token,
 * a stored transaction) is seen, exactly as with one query per call.
 */
export class LookupBatcher<K, V> {
  private waiting = new Map<string, Waiting<K, V>>();
  private inFlight = false;
  private scheduled = false;

  /**
   * @param lookup answers a set of distinct keys, one value (or undefined) per key, in order
   * @param idOf   the identity of a key: calls with the same id share one answer
   */
  constructor(
    private readonly lookup: (keys: K[]) => Promise<Array<V | undefined>>,
    private readonly idOf: (key: K) => string,
    private readonly maxKeys = 500,
  ) {}

  get(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const id = this.idOf(key);
      let entry = this.waiting.get(id);
      if (!entry) {
        entry = { key, callers: [] };
        this.waiting.set(id, entry);
      }
      entry.callers.push({ resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.inFlight || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    if (this.inFlight || this.waiting.size === 0) return;
    const batch: Waiting<K, V>[] = [];
    for (const [id, entry] of this.waiting) {
      if (batch.length >= this.maxKeys) break;
      batch.push(entry);
      this.waiting.delete(id);
    }
    this.inFlight = true;
    try {
      const values = await this.lookup(batch.map((e) => e.key));
      batch.forEach((entry, i) => entry.callers.forEach((c) => c.resolve(values[i])));
    } catch (err) {
      for (const entry of batch) for (const c of entry.callers) c.reject(err);
    } finally {
      this.inFlight = false;
      if (this.waiting.size > 0) this.schedule();
    }
  }
}
