import { createPrivateKey, createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import { decodeBase64, encodeUnpaddedBase64 } from './base64';

/** A server's ed25519 signing key: the 32-byte seed is the whole secret. */
export type SigningKey = {
  /** Algorithm and version, e.g. 'ed25519:a_Abc1'. */
  keyId: string;
  /** The 32-byte ed25519 seed (RFC 8032's private key). */
  seed: Buffer;
};

// PKCS#8 wrapping of a raw ed25519 seed: SEQUENCE { version 0, AlgorithmIdentifier
// { id-Ed25519 1.3.101.112 }, OCTET STRING { OCTET STRING seed } } (RFC 8410).
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SEED_BYTES = 32;
const KEY_VERSION = /^[A-Za-z0-9_]+$/;

interface KeyPairObjects {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

// Keyed by the seed Buffer so a key loaded once at startup is parsed once; building KeyObjects
// costs more than an ed25519 signature.
const keyObjectCache = new WeakMap<Buffer, KeyPairObjects>();

/** A fresh key with a random version such as 'a_1b2c3d'. */
export function generateSigningKey(version = `a_${randomBytes(3).toString('hex')}`): SigningKey {
  return signingKeyFromSeed(`ed25519:${version}`, randomBytes(SEED_BYTES));
}

/** Builds a key from its id and seed (raw bytes, or Base64 as in Synapse's signing key file). */
export function signingKeyFromSeed(keyId: string, seed: Buffer | string): SigningKey {
  const [algorithm, version] = keyId.split(':', 2);
  if (algorithm !== 'ed25519' || version === undefined || !KEY_VERSION.test(version) || keyId !== `${algorithm}:${version}`) {
    throw new Error(`Signing key id must look like ed25519:<[A-Za-z0-9_]+>, got ${JSON.stringify(keyId)}`);
  }
  const bytes = typeof seed === 'string' ? decodeBase64(seed) : seed;
  if (bytes === undefined || bytes.length !== SEED_BYTES) {
    throw new Error(`An ed25519 seed is ${SEED_BYTES} bytes`);
  }
  return { keyId, seed: Buffer.from(bytes) };
}

/** The public half in unpadded Base64, as published in /_matrix/key/v2/server. */
export function publicKeyBase64(key: SigningKey): string {
  const raw = keyObjectsFor(key).publicKey.export({ format: 'jwk' }).x;
  if (raw === undefined) throw new Error('ed25519 public key export lacks x');
  return encodeUnpaddedBase64(Buffer.from(raw, 'base64url'));
}

/** The node:crypto key objects for a signing key, built once per seed Buffer. */
export function keyObjectsFor(key: SigningKey): KeyPairObjects {
  const cached = keyObjectCache.get(key.seed);
  if (cached !== undefined) return cached;
  if (key.seed.length !== SEED_BYTES) throw new Error(`An ed25519 seed is ${SEED_BYTES} bytes`);
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, key.seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const objects = { privateKey, publicKey: createPublicKey(privateKey) };
  keyObjectCache.set(key.seed, objects);
  return objects;
}
