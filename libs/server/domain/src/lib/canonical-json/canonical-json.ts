import type { JsonObject, JsonValue } from '../json';
import { compareCodePoints } from './compare-code-points';
import { hasLoneSurrogate } from './lone-surrogate';

// A string needs more than surrounding quotes when it holds a character that must be escaped
// or any surrogate (which might be unpaired). Not a `u` regex: those are slow on non-ASCII text.
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
const NEEDS_CARE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * Encodes a value as Matrix canonical JSON (appendices, "Canonical JSON"): no insignificant
 * whitespace, object keys sorted by code point, integers only, minimal string escapes.
 *
 * Callers guarantee the value is canonical-safe (it came through parseStrictJson or was built
 * by the server), so a violation is a bug and surfaces as a plain Error, not a MatrixError.
 * Object members whose value is `undefined` are skipped, as JSON.stringify does, so the hash
 * of an object matches the hash of what it serialises to on the wire.
 */
export function canonicalJson(value: JsonValue): string {
  return encodeValue(value);
}

function encodeValue(value: JsonValue): string {
  switch (typeof value) {
    case 'string':
      return encodeString(value);
    case 'number':
      return encodeNumber(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? encodeArray(value) : encodeObject(value);
    default:
      throw new Error(`canonical JSON cannot encode a value of type ${typeof value}`);
  }
}

function encodeString(s: string): string {
  if (!NEEDS_CARE.test(s)) return `"${s}"`;
  if (hasLoneSurrogate(s)) throw new Error('canonical JSON cannot encode a lone surrogate');
  // With no lone surrogates, JSON.stringify's escaping is exactly the spec grammar's:
  // `"` and `\`, \b \t \n \f \r, other controls as \u00xx in lowercase hex, the rest literal.
  return JSON.stringify(s);
}

function encodeNumber(n: number): string {
  if (!Number.isSafeInteger(n)) {
    throw new Error(`canonical JSON allows only integers within ±(2^53-1), got ${n}`);
  }
  // String(-0) is "0", which is what the spec's example asks for.
  return String(n);
}

function encodeArray(items: JsonValue[]): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item === undefined) throw new Error('canonical JSON cannot encode an array hole or undefined');
    if (i > 0) out += ',';
    out += encodeValue(item);
  }
  return `${out}]`;
}

function encodeObject(obj: JsonObject): string {
  const proto: unknown = Object.getPrototypeOf(obj);
  // A Date, Buffer or Map would otherwise encode as its enumerable keys and be signed wrongly.
  if (proto !== Object.prototype && proto !== null) {
    throw new Error('canonical JSON can only encode plain objects');
  }
  const keys = Object.keys(obj).sort(compareCodePoints);
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = obj[key];
    if (member === undefined) continue;
    out += first ? '' : ',';
    first = false;
    out += `${encodeString(key)}:${encodeValue(member)}`;
  }
  return `${out}}`;
}
