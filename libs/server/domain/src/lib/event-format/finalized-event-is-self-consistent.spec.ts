import { describe, expect, it } from 'vitest';
import { redactEvent } from '../redaction';
import { computeContentHash } from './content-hash';
import { computeEventId } from './event-id';
import { finalizeEvent } from './finalize-event';
import { computeReferenceHash } from './reference-hash';
import { verifyEventSignature } from './sign-event';
import { generateSigningKey, publicKeyBase64 } from './signing-key';
import { messageProto } from './testing/sample-pdu';

const key = generateSigningKey();
const verifyKey = { keyId: key.keyId, publicKey: publicKeyBase64(key) };

describe.each(['10', '11'] as const)('finalizeEvent (room version %s)', (version) => {
  it('adds the content hash, a verifiable signature and the matching event ID', () => {
    const { pdu, eventId } = finalizeEvent(messageProto(), version, 'courier.test', key);
    expect(pdu.hashes.sha256).toBe(computeContentHash(pdu));
    expect(eventId).toBe(computeEventId(pdu, version));
    expect(eventId).toMatch(/^\$[A-Za-z0-9_-]{43}$/);
    expect(Object.keys(pdu.signatures)).toEqual(['courier.test']);
    expect(verifyEventSignature(pdu, version, 'courier.test', verifyKey)).toBe(true);
  });

  it('leaves its input alone', () => {
    const proto = messageProto();
    const before = structuredClone(proto);
    finalizeEvent(proto, version, 'courier.test', key);
    expect(proto).toStrictEqual(before);
  });

  it('keeps event ID and signature valid after the event is redacted', () => {
    const { pdu, eventId } = finalizeEvent(messageProto(), version, 'courier.test', key);
    const redacted = redactEvent(pdu, version);
    expect(computeEventId(redacted, version)).toBe(eventId);
    expect(verifyEventSignature(redacted, version, 'courier.test', verifyKey)).toBe(true);
  });

  it('ties the event ID to the content through hashes.sha256', () => {
    const a = finalizeEvent(messageProto('one'), version, 'courier.test', key);
    const b = finalizeEvent(messageProto('two'), version, 'courier.test', key);
    expect(a.eventId).not.toBe(b.eventId);
  });

  it('is deterministic (ed25519 signatures are)', () => {
    expect(finalizeEvent(messageProto(), version, 'courier.test', key)).toStrictEqual(
      finalizeEvent(messageProto(), version, 'courier.test', key),
    );
  });

  it('ignores unsigned data for the hashes, and keeps it on the PDU', () => {
    const plain = finalizeEvent(messageProto(), version, 'courier.test', key);
    const withUnsigned = finalizeEvent({ ...messageProto(), unsigned: { age_ts: 5 } }, version, 'courier.test', key);
    expect(withUnsigned.eventId).toBe(plain.eventId);
    expect(withUnsigned.pdu['unsigned']).toStrictEqual({ age_ts: 5 });
  });
});

describe('hashes', () => {
  it('the content hash ignores unsigned, signatures and hashes, but not content', () => {
    const base = messageProto();
    const hash = computeContentHash(base);
    expect(computeContentHash({ ...base, unsigned: { x: 1 }, signatures: { a: { b: 'c' } }, hashes: { sha256: 'x' } })).toBe(hash);
    expect(computeContentHash({ ...base, content: { body: 'other' } })).not.toBe(hash);
    expect(hash).toMatch(/^[A-Za-z0-9+/]{43}$/);
  });

  it('the reference hash ignores unprotected keys but covers hashes', () => {
    const event = { ...messageProto(), hashes: { sha256: 'abc' } };
    const ref = computeReferenceHash(event, '11');
    expect(ref).toHaveLength(32);
    expect(computeReferenceHash({ ...event, content: {}, unsigned: { a: 1 }, signatures: {} }, '11')).toStrictEqual(ref);
    expect(computeReferenceHash({ ...event, hashes: { sha256: 'abd' } }, '11')).not.toStrictEqual(ref);
  });

  it('the reference hash follows the room version: v11 drops origin, v10 keeps it', () => {
    const event = messageProto();
    const withOrigin = { ...event, origin: 'courier.test' };
    expect(computeReferenceHash(withOrigin, '11')).toStrictEqual(computeReferenceHash(event, '11'));
    expect(computeReferenceHash(withOrigin, '10')).not.toStrictEqual(computeReferenceHash(event, '10'));
  });
});
