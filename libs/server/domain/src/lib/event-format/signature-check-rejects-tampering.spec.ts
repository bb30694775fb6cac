import { describe, expect, it } from 'vitest';
import { signJson } from './sign-json';
import { generateSigningKey, publicKeyBase64 } from './signing-key';
import { verifyJsonSignature } from './verify-json-signature';

const key = generateSigningKey();
const verifyKey = { keyId: key.keyId, publicKey: publicKeyBase64(key) };
const signed = signJson({ name: 'courier.test', valid_until_ts: 1_700_000_000_000 }, 'courier.test', key);
const signatureOf = (json: typeof signed) => json.signatures['courier.test']?.[key.keyId] ?? '';

describe('checking a signature', () => {
  it('accepts the untouched object', () => {
    expect(verifyJsonSignature(signed, 'courier.test', verifyKey)).toBe(true);
  });

  it.each([
    ['a changed value', { ...signed, valid_until_ts: 1 }],
    ['an added key', { ...signed, extra: true }],
    ['a removed key', (({ name: _name, ...rest }) => rest)(signed)],
  ])('rejects %s', (_name, json) => {
    expect(verifyJsonSignature(json, 'courier.test', verifyKey)).toBe(false);
  });

  it('rejects a missing server entry or key id', () => {
    expect(verifyJsonSignature(signed, 'other.test', verifyKey)).toBe(false);
    expect(verifyJsonSignature(signed, 'courier.test', { ...verifyKey, keyId: 'ed25519:other' })).toBe(false);
    expect(verifyJsonSignature({ name: 'courier.test' }, 'courier.test', verifyKey)).toBe(false);
  });

  it('rejects algorithms other than ed25519', () => {
    const json = { ...signed, signatures: { 'courier.test': { 'curve25519:x': signatureOf(signed) } } };
    expect(verifyJsonSignature(json, 'courier.test', { ...verifyKey, keyId: 'curve25519:x' })).toBe(false);
  });

  it.each([
    ['not Base64', '!!!'],
    ['too short', signatureOf(signed).slice(0, 40)],
    ['not a string', 42],
  ])('rejects a signature that is %s', (_name, bad) => {
    const json = { ...signed, signatures: { 'courier.test': { [key.keyId]: bad } } };
    expect(verifyJsonSignature(json, 'courier.test', verifyKey)).toBe(false);
  });

  it('accepts a padded signature, as decoders should', () => {
    const padded = `${signatureOf(signed)}==`;
    const json = { ...signed, signatures: { 'courier.test': { [key.keyId]: padded } } };
    expect(verifyJsonSignature(json, 'courier.test', verifyKey)).toBe(true);
  });

  it('rejects the signature of a different key', () => {
    const other = generateSigningKey();
    expect(verifyJsonSignature(signed, 'courier.test', { keyId: key.keyId, publicKey: publicKeyBase64(other) })).toBe(false);
  });

  it('answers false for an object canonical JSON cannot encode', () => {
    expect(verifyJsonSignature({ ...signed, n: 1.5 }, 'courier.test', verifyKey)).toBe(false);
  });

  it('throws on a malformed verify key, which is a bug of ours', () => {
    expect(() => verifyJsonSignature(signed, 'courier.test', { ...verifyKey, publicKey: 'abc' })).toThrow();
  });
});
