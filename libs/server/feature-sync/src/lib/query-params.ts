import { invalidParam } from '@courier/shared-matrix-errors';
import type { QueryParams } from './reading-deps';

/** A single-valued query parameter; a repeated one is ambiguous, so 400 M_INVALID_PARAM. */
export function stringParam(query: QueryParams, name: string): string | undefined {
  const v = query[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw invalidParam(`Query parameter ${name} must be given once`);
  return v;
}

/** A non-negative integer query parameter, capped at `max` (a bigger value is not an error). */
export function intParam(query: QueryParams, name: string, max: number): number | undefined {
  const v = stringParam(query, name);
  if (v === undefined) return undefined;
  if (!/^\d{1,15}$/.test(v)) throw invalidParam(`Query parameter ${name} must be a non-negative integer`);
  return Math.min(Number(v), max);
}

/** `true` or `false`, as the spec's boolean query parameters are written. */
export function boolParam(query: QueryParams, name: string): boolean | undefined {
  const v = stringParam(query, name);
  if (v === undefined) return undefined;
  if (v !== 'true' && v !== 'false') throw invalidParam(`Query parameter ${name} must be true or false`);
  return v === 'true';
}
