import type { JsonObject } from './json';

/** Room versions Courier can create and serve. 11 is the default for new rooms. */
export const SUPPORTED_ROOM_VERSIONS = ['10', '11'] as const;
export type RoomVersion = (typeof SUPPORTED_ROOM_VERSIONS)[number];
export const DEFAULT_ROOM_VERSION: RoomVersion = '11';

export function isSupportedRoomVersion(value: string): value is RoomVersion {
  return (SUPPORTED_ROOM_VERSIONS as readonly string[]).includes(value);
}

/**
 * A persistent data unit as room versions 4–11 define it (event_id is not part of the PDU;
 * it is derived from the reference hash). Fields a room version does not use are absent.
 */
export interface Pdu extends JsonObject {
  auth_events: string[];
  content: JsonObject;
  depth: number;
  hashes: { sha256: string };
  origin_server_ts: number;
  prev_events: string[];
  room_id: string;
  sender: string;
  signatures: { [server: string]: { [keyId: string]: string } };
  type: string;
}
