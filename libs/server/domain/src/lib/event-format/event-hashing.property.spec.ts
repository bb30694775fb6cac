import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json';
import { canonicalJson } from '../canonical-json';
import { canonicalObject, shuffledCopy } from '../canonical-json/testing/json-arbitraries';
import { seededRandom } from '../canonical-json/testing/random-json';
import { redactEvent } from '../redaction';
import { computeContentHash } from './content-hash';
import { computeEventId } from './event-id';
import { finalizeEvent } from './finalize-event';
import { verifyEventSignature } from './sign-event';
import { generateSigningKey, publicKeyBase64 } from './signing-key';
import { messageProto } from './testing/sample-pdu';

// ed25519 signing dominates; 150 runs per property keeps the file around a second.
const RUNS = Number(process.env['FC_NUM_RUNS'] ?? 150);
const SERVER = 'courier.test';
const key = generateSigningKey();
const verifyKey = { keyId: key.keyId, publicKey: publicKeyBase64(key) };

const withContent = (content: JsonObject): JsonObject => ({ ...messageProto(), content });
const version = fc.constantFrom('10' as const, '11' as const);

describe('event hashes, IDs and signatures under random content (fast-check)', () => {
  it('the content hash and event ID do not depend on key order anywhere in the content', () => {
    fc.assert(
      fc.property(canonicalObject, fc.integer(), version, (content, seed, v) => {
        const reordered = shuffledCopy(content, seededRandom(seed)) as JsonObject;
        expect(computeContentHash(withContent(reordered))).toBe(computeContentHash(withContent(content)));
        expect(finalizeEvent(withContent(reordered), v, SERVER, key).eventId).toBe(finalizeEvent(withContent(content), v, SERVER, key).eventId);
      }),
      { numRuns: RUNS },
    );
  });

  it('different content (as canonical JSON) gives a different content hash and event ID', () => {
    fc.assert(
      fc.property(canonicalObject, canonicalObject, version, (a, b, v) => {
        fc.pre(canonicalJson(a) !== canonicalJson(b));
        expect(computeContentHash(withContent(a))).not.toBe(computeContentHash(withContent(b)));
        expect(finalizeEvent(withContent(a), v, SERVER, key).eventId).not.toBe(finalizeEvent(withContent(b), v, SERVER, key).eventId);
      }),
      { numRuns: RUNS },
    );
  });

  it('a finalised event verifies, keeps its ID through redaction, and is consistent with its hash', () => {
    fc.assert(
      fc.property(canonicalObject, version, (content, v) => {
        const { pdu, eventId } = finalizeEvent(withContent(content), v, SERVER, key);
        expect(eventId).toMatch(/^\$[A-Za-z0-9_-]{43}$/);
        expect(computeEventId(pdu, v)).toBe(eventId);
        expect(pdu.hashes.sha256).toBe(computeContentHash(pdu));
        expect(verifyEventSignature(pdu, v, SERVER, verifyKey)).toBe(true);
        const redacted = redactEvent(pdu, v);
        expect(computeEventId(redacted, v)).toBe(eventId);
        expect(verifyEventSignature(redacted, v, SERVER, verifyKey)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('tampering is detected: new content breaks the content hash, a changed hash breaks the signature', () => {
    fc.assert(
      fc.property(canonicalObject, canonicalObject, version, (content, other, v) => {
        fc.pre(canonicalJson(content) !== canonicalJson(other));
        const { pdu, eventId } = finalizeEvent(withContent(content), v, SERVER, key);
        const swapped = { ...pdu, content: other };
        expect(computeContentHash(swapped)).not.toBe(pdu.hashes.sha256);
        const rehashed = { ...swapped, hashes: { sha256: computeContentHash(swapped) } };
        expect(verifyEventSignature(rehashed, v, SERVER, verifyKey)).toBe(false);
        expect(computeEventId(rehashed, v)).not.toBe(eventId);
      }),
      { numRuns: RUNS },
    );
  });
});
