import { unrecognized } from '@courier/shared-matrix-errors';

/**
 * Path parameters, percent-decoded once by the router. An empty segment is no resource
 * (contract §1: 404 M_UNRECOGNIZED), as is a value that did not decode.
 */
export function pathParams<K extends string>(params: unknown, names: readonly K[]): Record<K, string> {
  const p = (params ?? {}) as Record<string, unknown>;
  const out = {} as Record<K, string>;
  for (const name of names) {
    const v = p[name];
    if (typeof v !== 'string' || v.length === 0) throw unrecognized('Unrecognized request');
    out[name] = v;
  }
  return out;
}
