import { createPublicKey, type KeyObject } from 'node:crypto';
import { decodeBase64 } from './base64';

/** A public key another server published, as found in its key response. */
export type VerifyKey = {
  /** e.g. 'ed25519:abc'. */
  keyId: string;
  /** The 32-byte public key in unpadded Base64. */
  publicKey: string;
};

const PUBLIC_KEY_BYTES = 32;
// Remote keys change rarely but there can be many servers; a bounded map keeps parsing off the
// hot path without growing forever.
const MAX_CACHED = 1024;
const cache = new Map<string, KeyObject>();

/** The node:crypto key for a published ed25519 public key. Throws if it is malformed. */
export function verifyKeyObject(publicKey: string): KeyObject {
  const cached = cache.get(publicKey);
  if (cached !== undefined) return cached;
  const raw = decodeBase64(publicKey);
  if (raw === undefined || raw.length !== PUBLIC_KEY_BYTES) {
    throw new Error('An ed25519 public key is 32 bytes of Base64');
  }
  const keyObject = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') },
    format: 'jwk',
  });
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(publicKey, keyObject);
  return keyObject;
}
