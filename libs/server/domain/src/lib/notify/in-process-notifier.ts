import type { Notifier } from '../ports/notifier';

interface Waiter {
  userId?: string;
  rooms?: ReadonlySet<string>;
  wake(): void;
}

/** The notifier of one process. Across instances, a pub/sub transport forwards into it. */
export class InProcessNotifier implements Notifier {
  private readonly waiters = new Set<Waiter>();
  private readonly listeners = new Set<(change: { rooms?: string[]; userIds?: string[] }) => void>();

  notify(change: { rooms?: string[]; userIds?: string[] }): void {
    this.deliver(change);
    for (const l of this.listeners) l(change);
  }

  /**
   * Wakes this process's waiters for a change made elsewhere (another instance), without
   * telling the listeners, which would send it back out.
   */
  deliver(change: { rooms?: string[]; userIds?: string[] }): void {
    for (const w of [...this.waiters]) {
      // A waiter that names no rooms wants every room event (e.g. a gateway subscription).
      const roomHit = change.rooms !== undefined && (w.rooms === undefined || change.rooms.some((r) => w.rooms?.has(r)));
      const userHit = change.userIds !== undefined && w.userId !== undefined && change.userIds.includes(w.userId);
      const broadcast = change.rooms === undefined && change.userIds === undefined;
      if (roomHit || userHit || broadcast) w.wake();
    }
  }

  /** Observers of every change (metrics, cross-instance forwarding). */
  onNotify(listener: (change: { rooms?: string[]; userIds?: string[] }) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  wait(interest: { userId?: string; rooms?: ReadonlySet<string> }, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      if (signal?.aborted) return resolve(false);
      const done = (woken: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        signal?.removeEventListener('abort', onAbort);
        resolve(woken);
      };
      const onAbort = () => done(false);
      const waiter: Waiter = { ...interest, wake: () => done(true) };
      const timer = setTimeout(() => done(false), Math.max(0, timeoutMs));
      this.waiters.add(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  get waiting(): number {
    return this.waiters.size;
  }
}
