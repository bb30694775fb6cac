import type { JsonObject } from '../json';
import type { RoomVersion } from '../pdu';
import { redactEvent } from '../redaction';
import { redactedSigningJson } from './reference-hash';
import { addSignature, signBytes, type Signatures } from './signatures';
import type { SigningKey } from './signing-key';
import { verifyJsonSignature } from './verify-json-signature';
import type { VerifyKey } from './verify-key';

/**
 * Signs an event (server-server API, "Adding hashes and signatures to outgoing events"): the
 * signature covers the *redacted* event, so it stays checkable after a redaction, and is then
 * added to the full event. The event should already carry `hashes`, which the signature covers.
 */
export function signEvent<T extends JsonObject>(
  event: T,
  roomVersion: RoomVersion,
  serverName: string,
  key: SigningKey,
): T & { signatures: Signatures } {
  const signature = signBytes(key, Buffer.from(redactedSigningJson(event, roomVersion), 'utf8'));
  return { ...event, signatures: addSignature(event['signatures'], serverName, key.keyId, signature) };
}

/** Checks an event's signature the way it was made: on the redacted form. */
export function verifyEventSignature(
  event: JsonObject,
  roomVersion: RoomVersion,
  serverName: string,
  verifyKey: VerifyKey,
): boolean {
  return verifyJsonSignature(redactEvent(event, roomVersion), serverName, verifyKey);
}
