import { invalidParam } from '@courier/shared-matrix-errors';
import { randomBytes } from 'node:crypto';

const ROOM_ID_V1_TO_V11 = /^![^:\s]+:[A-Za-z0-9.\-[\]:]+$/;
const ROOM_ID_V12 = /^![A-Za-z0-9_-]{43}$/;

/**
 * A room ID from a request path (contract §3): `!opaque:server` (room versions ≤ 11) or
 * `!<hash>` (v12). Anything else is 400 M_INVALID_PARAM, before any lookup.
 */
export function parseRoomId(value: string): string {
  if (value.length > 255 || !(ROOM_ID_V1_TO_V11.test(value) || ROOM_ID_V12.test(value))) {
    throw invalidParam(`Invalid room ID: ${value.slice(0, 80)}`);
  }
  return value;
}

export function generateRoomId(serverName: string): string {
  const opaque = randomBytes(12).toString('base64url').replace(/[-_]/g, 'x');
  return `!${opaque}:${serverName}`;
}
