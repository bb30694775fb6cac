import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json';
import { signEvent } from './sign-event';
import { signJson } from './sign-json';
import { generateSigningKey, publicKeyBase64 } from './signing-key';
import { messageProto } from './testing/sample-pdu';
import { verifyJsonSignature } from './verify-json-signature';

const first = generateSigningKey('first');
const second = generateSigningKey('second');

describe('signing adds a signature and keeps the others', () => {
  it('keeps other servers and other keys of the same server', () => {
    const json = { a: 1, signatures: { 'other.test': { 'ed25519:x': 'sig' } } };
    const once = signJson(json, 'courier.test', first);
    const twice = signJson(once, 'courier.test', second);
    expect(Object.keys(twice.signatures).sort()).toEqual(['courier.test', 'other.test']);
    expect(Object.keys(twice.signatures['courier.test'] ?? {}).sort()).toEqual(['ed25519:first', 'ed25519:second']);
    expect(twice.signatures['other.test']).toStrictEqual({ 'ed25519:x': 'sig' });
    // Both signatures cover the same bytes, so both still verify.
    for (const key of [first, second]) {
      expect(verifyJsonSignature(twice, 'courier.test', { keyId: key.keyId, publicKey: publicKeyBase64(key) })).toBe(true);
    }
  });

  it('returns a new object and leaves the input, including its signatures, alone', () => {
    const json = { a: 1, signatures: { 'courier.test': { 'ed25519:old': 'x' } } };
    const before = structuredClone(json);
    const signed = signJson(json, 'courier.test', first);
    expect(json).toStrictEqual(before);
    expect(signed).not.toBe(json);
  });

  it('carries unsigned over without signing it', () => {
    const signed = signJson({ a: 1, unsigned: { age: 1 } }, 'courier.test', first);
    expect(signed.unsigned).toStrictEqual({ age: 1 });
    const changed = { ...signed, unsigned: { age: 2 } };
    expect(verifyJsonSignature(changed, 'courier.test', { keyId: first.keyId, publicKey: publicKeyBase64(first) })).toBe(true);
  });

  it('signEvent signs the redacted event, so redactable content is not covered', () => {
    const proto: JsonObject = { ...messageProto('one'), hashes: { sha256: 'h' } };
    const a = signEvent(proto, '11', 'courier.test', first);
    const b = signEvent({ ...proto, content: { body: 'two' } }, '11', 'courier.test', first);
    expect(a.signatures).toStrictEqual(b.signatures);
    expect(a['content']).toStrictEqual(proto['content']);
  });

  it('refuses malformed existing signatures', () => {
    expect(() => signJson({ signatures: 'x' }, 'courier.test', first)).toThrow();
    expect(() => signJson({ signatures: { 'courier.test': [] } }, 'courier.test', first)).toThrow();
  });
});
