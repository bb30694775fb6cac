import { createHash } from 'node:crypto';
import { forbidden, invalidParam, notFound } from '@courier/shared-matrix-errors';
import type { JsonObject } from '@courier/server-domain';
import type { SyncFilter } from './filter/filter-types';
import { parseJsonParam, parseSyncFilter } from './filter/parse-filter';
import type { ReadingDeps, Viewer } from './reading-deps';

/**
 * POST /user/{userId}/filter (filter.yaml): only for oneself (403 otherwise). The filter is
 * validated loosely and stored as sent; its ID is a hash of that text, so uploading the same
 * filter twice (clients do, at every start) yields the same ID and no second row.
 */
export async function createFilter(deps: ReadingDeps, viewer: Viewer, userId: string, body: Record<string, unknown>): Promise<JsonObject> {
  if (userId !== viewer.userId) throw forbidden('You can only create filters for yourself');
  parseSyncFilter(body);
  const json = JSON.stringify(body);
  const filterId = createHash('sha256').update(json).digest('base64url').slice(0, 16);
  await deps.filters.saveFilter(userId, filterId, json);
  return { filter_id: filterId };
}

/** GET /user/{userId}/filter/{filterId}: the stored filter, 404 M_NOT_FOUND when unknown. */
export async function getFilter(deps: ReadingDeps, viewer: Viewer, userId: string, filterId: string): Promise<JsonObject> {
  if (userId !== viewer.userId) throw forbidden('You can only read your own filters');
  const json = await deps.filters.getFilter(userId, filterId);
  if (json === undefined) throw notFound('No such filter');
  return JSON.parse(json) as JsonObject;
}

/**
 * /sync's `filter`: inline JSON when it starts with `{` (sync.yaml), else a filter ID. Bad
 * JSON → 400 M_NOT_JSON, a bad shape → M_BAD_JSON, an unknown ID → 400 M_INVALID_PARAM
 * (Synapse's answer).
 */
export async function resolveSyncFilter(deps: ReadingDeps, userId: string, param: string | undefined): Promise<SyncFilter> {
  if (param === undefined || param === '') return {};
  if (param.startsWith('{')) return parseSyncFilter(parseJsonParam(param));
  const json = await deps.filters.getFilter(userId, param);
  if (json === undefined) throw invalidParam('No such filter');
  return parseSyncFilter(JSON.parse(json));
}
