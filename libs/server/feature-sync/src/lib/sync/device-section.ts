import type { AccountDataChange, JsonObject, SyncPositions } from '@courier/server-domain';
import { matchesEventFilter, roomAllowed } from '../filter/match-filter';
import type { SyncToken } from '../tokens';
import type { SyncContext } from './sync-context';

/** Synapse's per-response cap: a device that was offline long catches up over several syncs. */
const TO_DEVICE_LIMIT = 100;

export interface DeviceSection {
  toDevice: JsonObject[];
  /** The to-device position the next token carries (below `positions` when capped). */
  nextToDevice: number;
  globalAccountData: JsonObject[];
  roomAccountData: Map<string, JsonObject[]>;
  oneTimeKeyCounts: Record<string, number>;
}

/**
 * To-device messages, account data and key counts. A `since` acknowledges every to-device
 * message at or below its position (the client received them), so those are deleted first;
 * the position is capped at the stream's head so a forged token cannot delete unsent messages.
 */
export async function deviceSection(ctx: SyncContext, since: SyncToken | undefined, pos: SyncPositions): Promise<DeviceSection> {
  const { reader } = ctx.deps;
  const { userId, deviceId } = ctx.viewer;
  const tdAfter = since ? Math.min(since.toDevice, pos.toDevice) : 0;
  if (since && tdAfter > 0) await reader.ackToDevice(userId, deviceId, tdAfter);
  const messages = await reader.toDeviceMessages(userId, deviceId, { after: tdAfter, upTo: pos.toDevice }, TO_DEVICE_LIMIT);
  const last = messages[messages.length - 1];
  const nextToDevice = messages.length === TO_DEVICE_LIMIT && last ? last.stream : pos.toDevice;

  const adAfter = since ? Math.min(since.accountData, pos.accountData) : 0;
  const changes = await reader.accountData(userId, { after: adAfter, upTo: pos.accountData });
  const { globalAccountData, roomAccountData } = splitAccountData(ctx, changes);

  const counts = await reader.oneTimeKeyCounts(userId, deviceId);
  return {
    toDevice: messages.map((m) => ({ sender: m.sender, type: m.type, content: m.content })),
    nextToDevice,
    globalAccountData,
    roomAccountData,
    // Always present with signed_curve25519 (as Synapse): clients read a missing count as
    // "unknown" and some never upload keys then.
    oneTimeKeyCounts: { signed_curve25519: 0, ...counts },
  };
}

function splitAccountData(ctx: SyncContext, changes: AccountDataChange[]) {
  const globalAccountData: JsonObject[] = [];
  const roomAccountData = new Map<string, JsonObject[]>();
  const roomFilter = ctx.filter.room;
  for (const c of changes) {
    const event: JsonObject = { type: c.type, content: c.content };
    if (c.roomId === '') {
      if (matchesEventFilter(ctx.filter.account_data, { type: c.type })) globalAccountData.push(event);
      continue;
    }
    if (!roomAllowed(roomFilter, c.roomId) || !matchesEventFilter(roomFilter?.account_data, { type: c.type, roomId: c.roomId })) continue;
    const list = roomAccountData.get(c.roomId) ?? [];
    list.push(event);
    roomAccountData.set(c.roomId, list);
  }
  return { globalAccountData, roomAccountData };
}
