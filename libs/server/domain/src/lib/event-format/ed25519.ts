import { sign } from 'node:crypto';
import { createRequire } from 'node:module';
import { keyObjectsFor, type SigningKey } from './signing-key';

/** The part of sodium-native (libsodium's binding) that signing uses. */
interface Sodium {
  crypto_sign_BYTES: number;
  crypto_sign_PUBLICKEYBYTES: number;
  crypto_sign_SECRETKEYBYTES: number;
  crypto_sign_seed_keypair(publicKey: Buffer, secretKey: Buffer, seed: Buffer): void;
  crypto_sign_detached(signature: Buffer, message: Uint8Array, secretKey: Buffer): void;
}

/**
 * libsodium when its binding loads (sodium-native ships prebuilt binaries for Linux, macOS
 * and Windows in its npm package: no install script), else undefined and node:crypto signs.
 */
function loadSodium(): Sodium | undefined {
  try {
    return createRequire(import.meta.url)('sodium-native') as Sodium;
  } catch {
    return undefined;
  }
}

const sodium = loadSodium();

/** Which implementation signs in this process. */
export const ed25519Implementation: 'libsodium' | 'node:crypto' = sodium === undefined ? 'node:crypto' : 'libsodium';

// libsodium's 64-byte secret key (seed ‖ public key), expanded once per seed Buffer.
const secretKeys = new WeakMap<Buffer, Buffer>();

function sodiumSecretKey(s: Sodium, key: SigningKey): Buffer {
  let secret = secretKeys.get(key.seed);
  if (secret === undefined) {
    secret = Buffer.alloc(s.crypto_sign_SECRETKEYBYTES);
    s.crypto_sign_seed_keypair(Buffer.alloc(s.crypto_sign_PUBLICKEYBYTES), secret, key.seed);
    secretKeys.set(key.seed, secret);
  }
  return secret;
}

/**
 * The ed25519 signature (RFC 8032, deterministic: both implementations give the same bytes) of
 * `bytes`. libsodium signs a bench-sized PDU in about 40% of node:crypto's time (the measurements
 * are in docs/BENCHMARKS.md, "Crypto of a send"): node:crypto goes through OpenSSL's EVP layer
 * on every call, libsodium straight to the curve arithmetic.
 */
export function ed25519Sign(key: SigningKey, bytes: Uint8Array): Buffer {
  if (sodium === undefined) return sign(null, bytes, keyObjectsFor(key).privateKey);
  const signature = Buffer.allocUnsafe(sodium.crypto_sign_BYTES);
  sodium.crypto_sign_detached(signature, bytes, sodiumSecretKey(sodium, key));
  return signature;
}

/** node:crypto's signature, whatever signs in this process: the reference in tests. */
export function ed25519SignWithNodeCrypto(key: SigningKey, bytes: Uint8Array): Buffer {
  return sign(null, bytes, keyObjectsFor(key).privateKey);
}
