import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeUnpaddedBase64 } from './base64';
import { generateSigningKey, keyObjectsFor, publicKeyBase64, signingKeyFromSeed } from './signing-key';

describe('ed25519 signing keys', () => {
  it('generates a 32-byte seed with a valid key id', () => {
    const key = generateSigningKey();
    expect(key.seed).toHaveLength(32);
    expect(key.keyId).toMatch(/^ed25519:a_[0-9a-f]{6}$/);
    expect(generateSigningKey('v1').keyId).toBe('ed25519:v1');
    expect(generateSigningKey().seed).not.toStrictEqual(key.seed);
  });

  it('derives the same key node:crypto does for that seed', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const jwk = privateKey.export({ format: 'jwk' });
    const key = signingKeyFromSeed('ed25519:x', Buffer.from(jwk.d ?? '', 'base64url'));
    expect(publicKeyBase64(key)).toBe(encodeUnpaddedBase64(Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url')));
    const message = Buffer.from('hello');
    expect(sign(null, message, keyObjectsFor(key).privateKey)).toStrictEqual(sign(null, message, privateKey));
  });

  it('publishes the public key as 43 characters of unpadded Base64', () => {
    expect(publicKeyBase64(generateSigningKey())).toMatch(/^[A-Za-z0-9+/]{43}$/);
  });

  it('reads a seed given as unpadded Base64', () => {
    const key = generateSigningKey();
    expect(signingKeyFromSeed(key.keyId, encodeUnpaddedBase64(key.seed)).seed).toStrictEqual(key.seed);
  });

  it('caches the key objects per seed', () => {
    const key = generateSigningKey();
    expect(keyObjectsFor(key)).toBe(keyObjectsFor({ ...key }));
  });

  it.each([
    ['a wrong algorithm', 'curve25519:a', Buffer.alloc(32)],
    ['no version', 'ed25519:', Buffer.alloc(32)],
    ['a bad character in the version', 'ed25519:a-b', Buffer.alloc(32)],
    ['an extra colon', 'ed25519:a:b', Buffer.alloc(32)],
    ['a short seed', 'ed25519:a', Buffer.alloc(31)],
    ['a seed that is not Base64', 'ed25519:a', '!!!'],
  ])('rejects %s', (_name, keyId, seed) => {
    expect(() => signingKeyFromSeed(keyId, seed)).toThrow();
  });
});
