import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MatrixError } from '@courier/shared-matrix-errors';
import type { JsonValue } from '../json';
import { canonicalJson } from './canonical-json';
import { parseStrictJson } from './parse-strict-json';
import { canonicalVerdict, type Verdict } from './testing/canonical-oracle';
import { jsonEqual } from './testing/json-equal';
import { canonicalValue, jsonishText, mutatedText, nestedText, shuffledCopy } from './testing/json-arbitraries';
import { seededRandom } from './testing/random-json';

// Modest run counts: the suite shares two cores with everyone else's tests. Raise locally
// with FC_NUM_RUNS when hunting.
const RUNS = Number(process.env['FC_NUM_RUNS'] ?? 400);

type Outcome = { ok: true; value: JsonValue } | { ok: false; errcode: string };

/** Runs the parser and fails the property on any throw that is not a 400 MatrixError. */
function outcomeOf(input: string | Buffer, maxDepth?: number): Outcome {
  try {
    return { ok: true, value: parseStrictJson(input, maxDepth === undefined ? {} : { maxDepth }) };
  } catch (err) {
    if (!(err instanceof MatrixError)) throw new Error(`non-MatrixError thrown: ${String(err)}`);
    expect(err.status).toBe(400);
    return { ok: false, errcode: err.errcode };
  }
}

function verdictOf(o: Outcome): Verdict {
  return o.ok ? 'ok' : (o.errcode as Verdict);
}

/** accept ⇔ the oracle says valid; a rejection carries the oracle's errcode; values match V8's. */
function agreesWithOracle(text: string): void {
  const outcome = outcomeOf(text);
  expect(verdictOf(outcome), JSON.stringify(text)).toBe(canonicalVerdict(text));
  if (outcome.ok) {
    expect(jsonEqual(outcome.value, JSON.parse(text))).toBe(true);
    expect(canonicalJson(outcome.value)).toBe(canonicalJson(JSON.parse(text) as JsonValue));
  }
}

describe('parseStrictJson against random texts (fast-check)', () => {
  it('grammar-built texts with edge numbers, escapes, duplicate keys: accept ⇔ valid canonical JSON', () => {
    fc.assert(fc.property(jsonishText, agreesWithOracle), { numRuns: RUNS });
  });

  it('texts one edit away from JSON: same verdicts, never a crash', () => {
    fc.assert(fc.property(mutatedText, agreesWithOracle), { numRuns: RUNS });
  });

  it('arbitrary strings: only M_NOT_JSON / M_BAD_JSON, agreeing with the oracle', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), agreesWithOracle), { numRuns: RUNS });
  });

  it('arbitrary bytes: invalid UTF-8 is M_NOT_JSON, valid UTF-8 parses as its text does', () => {
    const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      jsonishText.map((t) => new Uint8Array(Buffer.from(t, 'utf8'))),
      fc.tuple(jsonishText, fc.uint8Array({ minLength: 1, maxLength: 3 })).map(([t, junk]) => new Uint8Array(Buffer.concat([Buffer.from(t), junk]))),
    );
    fc.assert(
      fc.property(bytes, (raw) => {
        const buf = Buffer.from(raw);
        let text: string;
        try {
          text = utf8.decode(buf);
        } catch {
          expect(outcomeOf(buf)).toEqual({ ok: false, errcode: 'M_NOT_JSON' });
          return;
        }
        const [fromBytes, fromText] = [outcomeOf(buf), outcomeOf(text)];
        expect(verdictOf(fromBytes)).toBe(verdictOf(fromText));
        if (fromBytes.ok && fromText.ok) expect(jsonEqual(fromBytes.value, fromText.value)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('nesting: accepted up to maxDepth, M_BAD_JSON one level beyond', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 150 }), fc.integer({ min: 1, max: 150 }), fc.constantFrom('array', 'object'), (depth, maxDepth, kind) => {
        const outcome = outcomeOf(nestedText(depth, kind as 'array' | 'object'), maxDepth);
        expect(verdictOf(outcome)).toBe(depth <= maxDepth ? 'ok' : 'M_BAD_JSON');
      }),
      { numRuns: RUNS },
    );
  });
});

describe('canonicalJson and parseStrictJson round-trip (fast-check)', () => {
  it('parse ∘ encode is the identity, and encode is a fixed point', () => {
    fc.assert(
      fc.property(canonicalValue, (value) => {
        const text = canonicalJson(value);
        expect(jsonEqual(parseStrictJson(text), value)).toBe(true);
        expect(jsonEqual(parseStrictJson(Buffer.from(text, 'utf8')), value)).toBe(true);
        expect(canonicalJson(parseStrictJson(text))).toBe(text);
        expect(canonicalVerdict(text)).toBe('ok');
      }),
      { numRuns: RUNS },
    );
  });

  it('formatting and key order of the input never change the canonical form', () => {
    fc.assert(
      fc.property(canonicalValue, fc.constantFrom(undefined, 0, 1, 2, '\t'), fc.integer(), (value, indent, seed) => {
        const text = canonicalJson(value);
        const reordered = shuffledCopy(value, seededRandom(seed));
        expect(canonicalJson(reordered)).toBe(text);
        expect(canonicalJson(parseStrictJson(JSON.stringify(reordered, null, indent)))).toBe(text);
      }),
      { numRuns: RUNS },
    );
  });
});
