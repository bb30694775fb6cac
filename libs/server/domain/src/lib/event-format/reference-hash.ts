import type { JsonObject } from '../json';
import type { RoomVersion } from '../pdu';
import { canonicalJson } from '../canonical-json';
import { redactEvent } from '../redaction';
import { sha256 } from './content-hash';
import { omitKeys } from './omit-keys';
import { UNSIGNED_KEYS } from './signatures';

/**
 * The canonical JSON both the reference hash and the event signature cover: the event
 * redacted per its room version, without `signatures` and `unsigned`. Because the two are the
 * same bytes, finalizeEvent encodes them once.
 */
export function redactedSigningJson(event: JsonObject, roomVersion: RoomVersion): string {
  return canonicalJson(omitKeys(redactEvent(event, roomVersion), UNSIGNED_KEYS));
}

/**
 * The reference hash of an event (server-server API, "Calculating the reference hash for an
 * event"): SHA-256 of its redacted form without `signatures` and `unsigned`.
 */
export function computeReferenceHash(event: JsonObject, roomVersion: RoomVersion): Buffer {
  return sha256(redactedSigningJson(event, roomVersion));
}
