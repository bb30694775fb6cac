import { badJson } from '@courier/shared-matrix-errors';
import type { JsonValue } from './json';
import { DEFAULT_MAX_JSON_DEPTH } from './canonical-json';

/**
 * Checks a value that arrived already parsed (tRPC input) against canonical JSON's rules, as
 * far as a parsed value still shows them: integers within ±(2^53−1), no -0, no non-finite
 * numbers, plain objects and arrays only, bounded depth. (Duplicate keys and `1.0` are gone by
 * then; REST checks those on the raw text.) Returns the value typed as JSON.
 */
export function assertCanonicalValue(value: unknown, maxDepth = DEFAULT_MAX_JSON_DEPTH): JsonValue {
  const stack: Array<{ v: unknown; depth: number }> = [{ v: value, depth: 0 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop() as { v: unknown; depth: number };
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isSafeInteger(v) || Object.is(v, -0)) throw badJson('Numbers must be integers within ±(2^53−1), not -0');
      continue;
    }
    if (typeof v !== 'object') throw badJson('Content must be JSON');
    if (depth >= maxDepth) throw badJson(`JSON is nested deeper than ${maxDepth} levels`);
    if (Array.isArray(v)) {
      for (const item of v) stack.push({ v: item, depth: depth + 1 });
      continue;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) throw badJson('Content must be plain JSON objects');
    for (const key of Object.keys(v)) stack.push({ v: (v as Record<string, unknown>)[key], depth: depth + 1 });
  }
  return value as JsonValue;
}
