import { MatrixError } from '@courier/shared-matrix-errors';
import { parseRoomId } from '@courier/server-domain';
import type { ReadingDeps, Viewer } from './reading-deps';

/**
 * POST /rooms/{roomId}/forget (membership.yaml): the room leaves the user's /sync (its leave
 * section) until the user's membership changes again. Allowed once the user has left or been
 * banned; still joined, invited or knocking is 400 (as Synapse); never a member is a no-op.
 */
export async function forgetRoom(deps: ReadingDeps, viewer: Viewer, rawRoomId: string): Promise<Record<string, never>> {
  const roomId = parseRoomId(rawRoomId);
  const m = await deps.reader.membership(roomId, viewer.userId);
  if (!m) return {};
  if (m.membership !== 'leave' && m.membership !== 'ban') {
    throw new MatrixError('M_UNKNOWN', `User ${viewer.userId} is in room ${roomId}`, { status: 400 });
  }
  await deps.profiles.forgetRoom(viewer.userId, roomId, m.stream);
  return {};
}
