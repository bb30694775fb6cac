import { forbidden, invalidParam, missingParam } from '@courier/shared-matrix-errors';
import type { JsonObject, PresenceRecord, PresenceState } from '@courier/server-domain';
import type { ReadingDeps, Viewer } from './reading-deps';

const STATES: readonly PresenceState[] = ['online', 'offline', 'unavailable'];
/** Synapse's limit on status_msg is none; a bound keeps the row small. */
const MAX_STATUS_MSG = 1000;

/** The content of an m.presence event (presence.yaml), as now. */
export function presenceContent(p: PresenceRecord | undefined, now: number): JsonObject {
  if (!p) return { presence: 'offline' };
  const out: JsonObject = {
    presence: p.state,
    last_active_ago: Math.max(0, now - p.lastActiveTs),
    currently_active: p.state === 'online',
  };
  if (p.statusMsg !== null) out['status_msg'] = p.statusMsg;
  return out;
}

/**
 * PUT /presence/{userId}/status: one's own only (403); `presence` one of online, offline,
 * unavailable; optional `status_msg`. Stored under the next 'presence' position, then every
 * /sync of a user sharing a room with the user is woken (cross-instance through the notifier).
 */
export async function setPresence(deps: ReadingDeps, viewer: Viewer, userId: string, body: Record<string, unknown>): Promise<JsonObject> {
  if (userId !== viewer.userId) throw forbidden('Can only set your own presence state');
  const state = body['presence'];
  if (state === undefined) throw missingParam('presence is required');
  if (typeof state !== 'string' || !STATES.includes(state as PresenceState)) throw invalidParam('presence must be online, offline or unavailable');
  const msg = body['status_msg'];
  if (msg !== undefined && msg !== null && typeof msg !== 'string') throw invalidParam('status_msg must be a string');
  if (typeof msg === 'string' && msg.length > MAX_STATUS_MSG) throw invalidParam(`status_msg is at most ${MAX_STATUS_MSG} characters`);
  await deps.presence.set(userId, state as PresenceState, typeof msg === 'string' ? msg : null, deps.now());
  deps.notifier.notify({ userIds: [userId], rooms: await deps.reader.joinedRooms(userId) });
  return {};
}

/** GET /presence/{userId}/status: one's own, or that of a user sharing a room (else 403, as Synapse). */
export async function getPresence(deps: ReadingDeps, viewer: Viewer, userId: string): Promise<JsonObject> {
  if (userId !== viewer.userId && !(await deps.presence.sharesRoom(viewer.userId, userId))) {
    throw forbidden('You are not allowed to see their presence.');
  }
  return presenceContent(await deps.presence.get(userId), deps.now());
}

/**
 * /sync's `set_presence` (sync.yaml): `online` or `unavailable` mark the user so when they are
 * not already (one primary-key read per sync, a write only on a change); `offline` leaves the
 * presence as it is. Absent, Courier changes nothing either: unlike Synapse, a /sync does not
 * mark a user online unless the client asks (PUT /presence or this parameter).
 */
export async function applySyncPresence(deps: ReadingDeps, viewer: Viewer, wanted: 'online' | 'unavailable' | 'offline' | undefined): Promise<void> {
  if (wanted !== 'online' && wanted !== 'unavailable') return;
  const current = await deps.presence.get(viewer.userId);
  if (current?.state === wanted) return;
  await deps.presence.set(viewer.userId, wanted, current?.statusMsg ?? null, deps.now());
  deps.notifier.notify({ userIds: [viewer.userId], rooms: await deps.reader.joinedRooms(viewer.userId) });
}
