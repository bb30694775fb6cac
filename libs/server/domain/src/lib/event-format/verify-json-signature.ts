import { verify } from 'node:crypto';
import { isJsonObject, type JsonObject } from '../json';
import { canonicalJson } from '../canonical-json';
import { decodeBase64 } from './base64';
import { omitKeys } from './omit-keys';
import { UNSIGNED_KEYS } from './signatures';
import { verifyKeyObject, type VerifyKey } from './verify-key';

const ED25519_SIGNATURE_BYTES = 64;

/**
 * Whether `json` carries a valid signature by `serverName` with `verifyKey` (appendices,
 * "Checking for a Signature"). Every way the object can fail — no entry for the server or
 * key, an algorithm other than ed25519, bad Base64, a value canonical JSON cannot encode, a
 * wrong signature — is `false`. A malformed `verifyKey` is our bug and throws.
 */
export function verifyJsonSignature(json: JsonObject, serverName: string, verifyKey: VerifyKey): boolean {
  if (!verifyKey.keyId.startsWith('ed25519:')) return false;
  const publicKey = verifyKeyObject(verifyKey.publicKey);
  const signatures = json['signatures'];
  const byServer = isJsonObject(signatures) && Object.hasOwn(signatures, serverName) ? signatures[serverName] : undefined;
  const encoded = isJsonObject(byServer) && Object.hasOwn(byServer, verifyKey.keyId) ? byServer[verifyKey.keyId] : undefined;
  if (typeof encoded !== 'string') return false;
  const signature = decodeBase64(encoded);
  if (signature === undefined || signature.length !== ED25519_SIGNATURE_BYTES) return false;
  let bytes: Buffer;
  try {
    bytes = Buffer.from(canonicalJson(omitKeys(json, UNSIGNED_KEYS)), 'utf8');
  } catch {
    return false; // not canonical-encodable, so it cannot carry a valid signature
  }
  return verify(null, bytes, publicKey, signature);
}
