import { assertNoNul } from '@courier/server-domain';
import { pathParams } from '../path-params';

/** pathParams, refusing NUL (400 M_INVALID_PARAM): these values become database keys. */
export function accountPathParams<K extends string>(params: unknown, names: readonly K[]): Record<K, string> {
  const out = pathParams(params, names);
  for (const name of names) assertNoNul(out[name], name);
  return out;
}
