import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json';
import { computeContentHash } from './content-hash';
import { finalizeEvent } from './finalize-event';
import { signEvent, verifyEventSignature } from './sign-event';
import { signJson } from './sign-json';
import { publicKeyBase64 } from './signing-key';
import { SPEC_SERVER_NAME as SERVER, SPEC_SIGNING_KEY as KEY } from './testing/spec-test-key';
import { verifyJsonSignature } from './verify-json-signature';

// Inputs and expected outputs copied from the spec, appendices, "Cryptographic Test Vectors".
// The event vectors predate room version 11: they keep top-level `origin` in the redacted
// form that is signed, which is the v10 algorithm (v11 strips `origin`).

const minimalEvent = (): JsonObject => ({
  room_id: '!x:domain',
  sender: '@a:domain',
  origin: 'domain',
  origin_server_ts: 1000000,
  signatures: {},
  hashes: {},
  type: 'X',
  content: {},
  prev_events: [],
  auth_events: [],
  depth: 3,
  unsigned: { age_ts: 1000000 },
});

const redactableEvent = (): JsonObject => ({
  content: { body: 'Here is the message content' },
  event_id: '$0:domain',
  origin: 'domain',
  origin_server_ts: 1000000,
  type: 'm.room.message',
  room_id: '!r:domain',
  sender: '@u:domain',
  signatures: {},
  unsigned: { age_ts: 1000000 },
});

describe('spec test vectors: JSON signing', () => {
  it('signs the empty object', () => {
    expect(signJson({}, SERVER, KEY)).toStrictEqual({
      signatures: {
        domain: {
          'ed25519:1': 'K8280/U9SSy9IVtjBuVeLr+HpOB4BQFWbg+UZaADMtTdGYI7Geitb76LTrr5QV/7Xg4ahLwYGYZzuHGZKM5ZAQ',
        },
      },
    });
  });

  it('signs an object with data values', () => {
    expect(signJson({ one: 1, two: 'Two' }, SERVER, KEY)).toStrictEqual({
      one: 1,
      signatures: {
        domain: {
          'ed25519:1': 'KqmLSbO39/Bzb0QIYE82zqLwsA+PDzYIpIRA2sRQ4sL53+sN6/fpNSoqE7BP7vBZhG6kYdD13EIMJpvhJI+6Bw',
        },
      },
      two: 'Two',
    });
  });

  it('verifies both with the public key derived from the seed', () => {
    const verifyKey = { keyId: 'ed25519:1', publicKey: publicKeyBase64(KEY) };
    expect(verifyJsonSignature(signJson({}, SERVER, KEY), SERVER, verifyKey)).toBe(true);
    expect(verifyJsonSignature(signJson({ one: 1, two: 'Two' }, SERVER, KEY), SERVER, verifyKey)).toBe(true);
  });
});

describe('spec test vectors: event signing', () => {
  const expectedMinimal = {
    auth_events: [],
    content: {},
    depth: 3,
    hashes: { sha256: '5jM4wQpv6lnBo7CLIghJuHdW+s2CMBJPUOGOC89ncos' },
    origin: 'domain',
    origin_server_ts: 1000000,
    prev_events: [],
    room_id: '!x:domain',
    sender: '@a:domain',
    signatures: {
      domain: {
        'ed25519:1': 'KxwGjPSDEtvnFgU00fwFz+l6d2pJM6XBIaMEn81SXPTRl16AqLAYqfIReFGZlHi5KLjAWbOoMszkwsQma+lYAg',
      },
    },
    type: 'X',
    unsigned: { age_ts: 1000000 },
  };
  const expectedRedactable = {
    content: { body: 'Here is the message content' },
    event_id: '$0:domain',
    hashes: { sha256: 'onLKD1bGljeBWQhWZ1kaP9SorVmRQNdN5aM2JYU2n/g' },
    origin: 'domain',
    origin_server_ts: 1000000,
    type: 'm.room.message',
    room_id: '!r:domain',
    sender: '@u:domain',
    signatures: {
      domain: {
        'ed25519:1': 'Wm+VzmOUOz08Ds+0NTWb1d4CZrVsJSikkeRxh6aCcUwu6pNC78FunoD7KNWzqFn241eYHYMGCA5McEiVPdhzBA',
      },
    },
    unsigned: { age_ts: 1000000 },
  };

  it.each([
    ['the minimally-sized event', minimalEvent, expectedMinimal],
    ['the event with redactable content', redactableEvent, expectedRedactable],
  ])('%s: hash, then sign (v10 rules)', (_name, input, expected) => {
    const event = input();
    const hashed = { ...event, hashes: { sha256: computeContentHash(event) } };
    expect(signEvent(hashed, '10', SERVER, KEY)).toStrictEqual(expected);
  });

  it.each([
    ['the minimally-sized event', minimalEvent, expectedMinimal],
    ['the event with redactable content', redactableEvent, expectedRedactable],
  ])('%s: finalizeEvent gives the same result', (_name, input, expected) => {
    expect(finalizeEvent(input(), '10', SERVER, KEY).pdu).toStrictEqual(expected);
  });

  it('verifies the expected events', () => {
    const verifyKey = { keyId: 'ed25519:1', publicKey: publicKeyBase64(KEY) };
    expect(verifyEventSignature(expectedMinimal, '10', SERVER, verifyKey)).toBe(true);
    expect(verifyEventSignature(expectedRedactable, '10', SERVER, verifyKey)).toBe(true);
  });

  it('signs differently under v11 rules, which do not protect `origin`', () => {
    const { pdu } = finalizeEvent(minimalEvent(), '11', SERVER, KEY);
    expect(pdu.hashes).toStrictEqual(expectedMinimal.hashes); // the content hash is version-independent
    expect(pdu.signatures).not.toStrictEqual(expectedMinimal.signatures);
  });
});
