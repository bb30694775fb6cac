import type { JsonObject } from '../json';

/** A shallow copy of `obj` without `keys`; the input is left alone. */
export function omitKeys(obj: JsonObject, keys: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (value === undefined || keys.includes(key)) continue;
    // defineProperty, not assignment: an own `__proto__` key must stay a key in the copy.
    if (key === '__proto__') Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
    else out[key] = value;
  }
  return out;
}
