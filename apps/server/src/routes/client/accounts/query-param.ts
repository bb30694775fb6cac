import type { FastifyRequest } from 'fastify';
import { invalidParam } from '@courier/shared-matrix-errors';

/** A single query parameter: undefined when absent; given twice is 400 M_INVALID_PARAM. */
export function queryParam(request: FastifyRequest, name: string): string | undefined {
  const v = (request.query as Record<string, unknown> | undefined)?.[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw invalidParam(`${name} must be given once`);
  return v;
}
