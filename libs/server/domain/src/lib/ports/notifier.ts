/**
 * Wakes readers (long-polling /sync, gateway subscriptions) when something they may want was
 * committed: room events, to-device messages, account data. Readers re-query their streams
 * after a wake, so a notification carries no data and a spurious wake is harmless.
 */
export interface Notifier {
  /** Called after a commit; `userIds` narrows who may care (undefined = anyone). */
  notify(change: { rooms?: string[]; userIds?: string[] }): void;
  /**
   * Resolves when a change that may concern `userId` (or one of `rooms`) is notified, or after
   * `timeoutMs`, or when `signal` aborts. Resolves true if woken by a change.
   */
  wait(interest: { userId?: string; rooms?: ReadonlySet<string> }, timeoutMs: number, signal?: AbortSignal): Promise<boolean>;
}
