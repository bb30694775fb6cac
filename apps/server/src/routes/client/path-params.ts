import { invalidParam, unrecognized } from '@courier/shared-matrix-errors';

/**
 * Path parameters, percent-decoded once by the router. An empty segment is no resource
 * (contract §1: 404 M_UNRECOGNIZED), as is a value that did not decode. A NUL (`%00`) is no
 * part of any Matrix identifier, and PostgreSQL text cannot hold it: 400 M_INVALID_PARAM.
 */
export function pathParams<K extends string>(params: unknown, names: readonly K[]): Record<K, string> {
  const p = (params ?? {}) as Record<string, unknown>;
  const out = {} as Record<K, string>;
  for (const name of names) {
    const v = p[name];
    if (typeof v !== 'string' || v.length === 0) throw unrecognized('Unrecognized request');
    if (v.includes('\u0000')) throw invalidParam(`${name} must not contain NUL`);
    out[name] = v;
  }
  return out;
}
