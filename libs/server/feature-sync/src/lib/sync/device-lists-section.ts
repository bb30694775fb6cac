import type { DeviceListChanges, SyncPositions } from '@courier/server-domain';
import type { SyncToken } from '../tokens';
import type { SyncContext } from './sync-context';

export interface DeviceListsSection {
  deviceLists: DeviceListChanges;
  unusedFallbackKeyTypes: string[];
}

/**
 * device_lists and device_unused_fallback_key_types (spec: "Tracking the device list for a
 * user"). An initial sync names nobody: the client queries every member's keys anyway. An
 * incremental one names the users who share a room with the viewer (and the viewer) whose
 * devices, device keys, cross-signing keys or signatures changed since `since`, or who joined
 * a shared room since; `left` names those who no longer share any room with the viewer.
 */
export async function deviceListsSection(ctx: SyncContext, since: SyncToken | undefined, pos: SyncPositions): Promise<DeviceListsSection> {
  const { reader } = ctx.deps;
  const { userId, deviceId } = ctx.viewer;
  const unusedFallbackKeyTypes = await reader.unusedFallbackKeyTypes(userId, deviceId);
  if (!since || ctx.sinceEvents === undefined) return { deviceLists: { changed: [], left: [] }, unusedFallbackKeyTypes };
  const devices = { after: Math.min(since.deviceLists, pos.deviceLists), upTo: pos.deviceLists };
  const members = { after: ctx.sinceEvents, upTo: pos.events };
  return { deviceLists: await reader.deviceListChanges(userId, devices, members), unusedFallbackKeyTypes };
}
