import type { JsonObject } from '../json';
import type { RoomVersion } from '../pdu';
import { encodeUrlSafeBase64 } from './base64';
import { computeReferenceHash } from './reference-hash';

/**
 * The event ID of an event in room versions 4 and later ("Event IDs"): `$` followed by the
 * reference hash in URL-safe unpadded Base64.
 */
export function computeEventId(event: JsonObject, roomVersion: RoomVersion): string {
  return eventIdFromReferenceHash(computeReferenceHash(event, roomVersion));
}

export function eventIdFromReferenceHash(referenceHash: Uint8Array): string {
  return `$${encodeUrlSafeBase64(referenceHash)}`;
}
