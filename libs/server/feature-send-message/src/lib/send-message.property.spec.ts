import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, parseStrictJson, type EventDraft, type EventStore, type JsonObject, type JsonValue } from '@courier/server-domain';
import { createSendMessageDeps, type SendMessageDeps } from './send-message';
import { BOB, send, sendWorld, type SendWorld } from './test-support';

// Each run signs and stores an event; 100 runs keep the file near a second.
const RUNS = Number(process.env['FC_NUM_RUNS'] ?? 100);

/** Keys that have meant trouble in JavaScript servers: prototype setters and shadowed builtins. */
const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__');
const key = fc.oneof(hostileKey, fc.string({ unit: 'binary', maxLength: 6 }));
const poison = fc.constantFrom<JsonValue>({ polluted: 1 }, { prototype: { polluted: 1 } }, { constructor: { prototype: { polluted: 1 } } });

/** Objects built with defineProperty, so `__proto__` is an own key as JSON.parse makes it. */
function own(entries: ReadonlyArray<readonly [string, JsonValue]>): JsonObject {
  const obj: JsonObject = {};
  for (const [k, v] of entries) Object.defineProperty(obj, k, { value: v, writable: true, enumerable: true, configurable: true });
  return obj;
}

const value: fc.Arbitrary<JsonValue> = fc.letrec<{ v: JsonValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.maxSafeInteger(),
    fc.string({ unit: 'binary', maxLength: 10 }),
    poison,
    fc.array(tie('v'), { maxLength: 3 }),
    fc.uniqueArray(fc.tuple(key, tie('v')), { maxLength: 4, selector: ([k]) => k }).map(own),
  ),
})).v;
const content = fc.uniqueArray(fc.tuple(key, value), { maxLength: 6, selector: ([k]) => k }).map(own);

/** An EventStore that records the drafts it commits: their `json` is what the database stores. */
function recording(store: EventStore, drafts: EventDraft[]): EventStore {
  return {
    findTxn: (k) => store.findTxn(k),
    getEvent: (id) => store.getEvent(id),
    append: (roomId, decide, options) =>
      store.append(
        roomId,
        (snapshot) => {
          const out = decide(snapshot);
          drafts.push(...out);
          return out;
        },
        options,
      ),
  };
}

/** Every own `__proto__` key in `expected` is still an own key, holding data, in `actual`. */
function protoKeysKept(expected: JsonValue, actual: JsonValue): boolean {
  if (expected === null || typeof expected !== 'object') return true;
  if (actual === null || typeof actual !== 'object') return false;
  if (!Array.isArray(actual) && Object.getPrototypeOf(actual) !== Object.prototype) return false;
  const e = expected as Record<string, JsonValue>;
  const a = actual as Record<string, JsonValue>;
  return Object.keys(e).every((k) => Object.hasOwn(a, k) && protoKeysKept(e[k] as JsonValue, a[k] as JsonValue));
}

describe('sendMessage with random content (fast-check, FakeEventStore)', () => {
  let w: SendWorld;
  let deps: SendMessageDeps;
  const drafts: EventDraft[] = [];
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
  let n = 0;

  beforeAll(async () => {
    w = await sendWorld();
    deps = createSendMessageDeps({ ...w.base, events: recording(w.store, drafts) });
  });

  it('stores content byte-exact in canonical form, hostile keys as plain data, no prototype pollution', async () => {
    await fc.assert(
      fc.asyncProperty(content, fc.constantFrom(undefined, 0, 2, '\t'), fc.boolean(), async (body, indent, parsed) => {
        const text = JSON.stringify(body, null, indent);
        const sent = parsed ? (JSON.parse(text) as unknown) : text;
        const eventId = await send(deps, { roomId: w.roomId, txnId: `prop-${n++}`, body: sent, user: BOB, parsed });
        const draft = drafts.find((d) => d.eventId === eventId);
        const stored = await w.event(eventId);

        expect(canonicalJson(stored.pdu.content)).toBe(canonicalJson(body));
        expect(protoKeysKept(body, stored.pdu.content)).toBe(true);
        // The bytes a database stores: exactly the canonical PDU, containing exactly the canonical content.
        expect(draft?.json).toBe(canonicalJson(stored.pdu));
        expect(draft?.json).toContain(`"content":${canonicalJson(body)}`);
        expect(canonicalJson(parseStrictJson(draft?.json ?? ''))).toBe(draft?.json);

        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
      }),
      { numRuns: RUNS },
    );
  });
});
