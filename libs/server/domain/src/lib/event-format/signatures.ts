import { isJsonObject, type JsonValue } from '../json';
import { encodeUnpaddedBase64 } from './base64';
import { ed25519Sign } from './ed25519';
import type { SigningKey } from './signing-key';

/** `signatures` of a signed object: server name → key id → unpadded Base64 signature. */
export type Signatures = { [serverName: string]: { [keyId: string]: string } };

/** Keys that signing and hashing leave out, because others may add to them in transit. */
export const UNSIGNED_KEYS = ['signatures', 'unsigned'] as const;

/** The ed25519 signature of `bytes`, in unpadded Base64. */
export function signBytes(key: SigningKey, bytes: Uint8Array): string {
  return encodeUnpaddedBase64(ed25519Sign(key, bytes));
}

/**
 * A copy of `existing` with one signature added, keeping every other server's and key's
 * signature (appendices, "Signing Details": the signature is *added* to `signatures`).
 */
export function addSignature(existing: JsonValue | undefined, serverName: string, keyId: string, signature: string): Signatures {
  if (existing !== undefined && !isJsonObject(existing)) throw new Error('`signatures` must be an object');
  const merged: Signatures = {};
  for (const [server, byKey] of Object.entries(existing ?? {})) {
    if (!isJsonObject(byKey)) throw new Error(`signatures.${server} must be an object`);
    merged[server] = { ...(byKey as Record<string, string>) };
  }
  merged[serverName] = { ...merged[serverName], [keyId]: signature };
  return merged;
}
