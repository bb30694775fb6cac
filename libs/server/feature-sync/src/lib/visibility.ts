import type { AccessHistory } from '@courier/server-domain';

/** What the visibility rule needs to know of an event. */
export interface VisibleCandidate {
  stream: number;
  type: string;
  stateKey: string | null;
}

/** The newest entry strictly before `stream` (the state an event was sent into), or undefined. */
function lastBefore<T extends { stream: number }>(entries: readonly T[], stream: number): T | undefined {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((entries[mid] as T).stream < stream) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? entries[lo - 1] : undefined;
}

/** The user's membership just after position `at` ('leave' if they never had one). */
export function membershipAt(history: AccessHistory, at: number): string {
  return lastBefore(history.memberships, at + 1)?.membership ?? 'leave';
}

export function everJoined(history: AccessHistory): boolean {
  return history.memberships.some((m) => m.membership === 'join');
}

/** The room's current history_visibility ('shared' when never set, as the spec says). */
export function currentVisibility(history: AccessHistory): string {
  return history.visibilities[history.visibilities.length - 1]?.visibility || 'shared';
}

/**
 * The spec's history-visibility algorithm ("Server behaviour" under m.room.history_visibility),
 * made exact by Courier's linear room history: the visibility and membership that apply to an
 * event are the ones in force when it was sent (the newest before it). An event is visible when
 *  1. history_visibility was `world_readable`;
 *  2. the user's membership was `join`;
 *  3. it was `shared` and the user joined at any point after the event was sent;
 *  4. it was `invited` and the user's membership was `invite`.
 * Besides, users always see their own membership events (their invite, join, leave, kick, ban).
 * Everything else is hidden, e.g. what a left user's room said after they left.
 */
export function createVisibilityCheck(history: AccessHistory, userId: string): (e: VisibleCandidate) => boolean {
  const lastJoin = history.memberships.reduce((max, m) => (m.membership === 'join' ? Math.max(max, m.stream) : max), -1);
  return (e) => {
    if (e.type === 'm.room.member' && e.stateKey === userId) return true;
    const visibility = lastBefore(history.visibilities, e.stream)?.visibility || 'shared';
    if (visibility === 'world_readable') return true;
    const membership = lastBefore(history.memberships, e.stream)?.membership ?? 'leave';
    if (membership === 'join') return true;
    if (visibility === 'shared' && lastJoin > e.stream) return true;
    return visibility === 'invited' && membership === 'invite';
  };
}
