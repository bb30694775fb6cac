import { forbidden } from '@courier/shared-matrix-errors';
import type { AccessHistory, ReadEvent, UserMembership } from '@courier/server-domain';
import type { ReadingDeps } from './reading-deps';
import { createVisibilityCheck, currentVisibility, everJoined, type VisibleCandidate } from './visibility';

/** What one user may read of one room. See createVisibilityCheck for the per-event rule. */
export interface RoomAccess {
  roomId: string;
  membership: UserMembership | undefined;
  history: AccessHistory;
  canSee(e: VisibleCandidate): boolean;
  /** The newest position the user may read: their leave/ban for a former member, else none. */
  ceiling: number | undefined;
}

export async function loadRoomAccess(deps: ReadingDeps, roomId: string, userId: string): Promise<RoomAccess> {
  const [membership, history] = await Promise.all([deps.reader.membership(roomId, userId), deps.reader.accessHistory(roomId, userId)]);
  const gone = membership && (membership.membership === 'leave' || membership.membership === 'ban');
  return {
    roomId,
    membership,
    history,
    canSee: createVisibilityCheck(history, userId),
    ceiling: gone ? membership.stream : undefined,
  };
}

/**
 * Which state a user may read (rooms.yaml, GET /state…): a joined member the current state; a
 * former member the state as it was when they left; anyone the current state of a
 * world-readable room. Others: 403 (the same for an unknown room, so existence does not leak).
 */
export async function readableState(deps: ReadingDeps, access: RoomAccess): Promise<ReadEvent[]> {
  const m = access.membership?.membership;
  if (m === 'join' || currentVisibility(access.history) === 'world_readable') return deps.reader.currentState(access.roomId);
  if (access.ceiling !== undefined && everJoined(access.history)) return deps.reader.stateAt(access.roomId, access.ceiling);
  throw forbidden('You are not a member of this room');
}

/** /messages: members past and present (joined or invited once), or a world-readable room. */
export function assertMayPaginate(access: RoomAccess): void {
  const once = access.history.memberships.some((m) => m.membership === 'join' || m.membership === 'invite');
  if (!once && currentVisibility(access.history) !== 'world_readable') throw forbidden('You are not a member of this room');
}
