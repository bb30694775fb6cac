import type { JsonObject } from '../json';
import { canonicalJson } from '../canonical-json';
import { omitKeys } from './omit-keys';
import { addSignature, signBytes, UNSIGNED_KEYS, type Signatures } from './signatures';
import type { SigningKey } from './signing-key';

/**
 * Signs a JSON object (appendices, "Signing JSON"): `signatures` and `unsigned` are left out,
 * the rest is encoded as canonical JSON and signed with ed25519, and the signature is added
 * under `signatures[serverName][keyId]`. Returns a new object; `unsigned` is carried over.
 */
export function signJson<T extends JsonObject>(json: T, serverName: string, key: SigningKey): T & { signatures: Signatures } {
  const signature = signBytes(key, Buffer.from(canonicalJson(omitKeys(json, UNSIGNED_KEYS)), 'utf8'));
  return { ...json, signatures: addSignature(json['signatures'], serverName, key.keyId, signature) };
}
