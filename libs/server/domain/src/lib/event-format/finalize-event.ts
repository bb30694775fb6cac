import type { JsonObject } from '../json';
import type { RoomVersion } from '../pdu';
import { computeContentHash, sha256 } from './content-hash';
import { eventIdFromReferenceHash } from './event-id';
import { redactedSigningJson } from './reference-hash';
import { addSignature, signBytes, type Signatures } from './signatures';
import type { SigningKey } from './signing-key';

export type FinalizedEvent<T extends JsonObject> = {
  pdu: T & { hashes: { sha256: string }; signatures: Signatures };
  eventId: string;
};

/**
 * Turns a PDU without hashes and signatures into a sendable one: adds `hashes.sha256`, then
 * signs the redacted event, and derives the event ID.
 *
 * Two canonical encodings per event, the minimum: the content hash covers the full event, and
 * the signature and the reference hash cover the same redacted bytes (signatures and unsigned
 * are excluded from both), so those bytes are encoded once and used twice.
 */
export function finalizeEvent<T extends JsonObject>(
  proto: T,
  roomVersion: RoomVersion,
  serverName: string,
  key: SigningKey,
): FinalizedEvent<T> {
  const hashed = { ...proto, hashes: { sha256: computeContentHash(proto) } };
  const signed = Buffer.from(redactedSigningJson(hashed, roomVersion), 'utf8');
  const signatures = addSignature(proto['signatures'], serverName, key.keyId, signBytes(key, signed));
  return { pdu: { ...hashed, signatures }, eventId: eventIdFromReferenceHash(sha256(signed)) };
}
