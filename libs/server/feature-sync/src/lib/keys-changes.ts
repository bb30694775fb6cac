import { missingParam } from '@courier/shared-matrix-errors';
import type { JsonObject } from '@courier/server-domain';
import { stringParam } from './query-params';
import type { QueryParams, ReadingDeps, Viewer } from './reading-deps';
import { parseSyncToken } from './tokens';

/**
 * GET /keys/changes?from&to (keys.yaml): the device_lists a /sync from `from` up to `to` would
 * have given, both sync tokens. A `to` beyond what is committed is read as "now".
 */
export async function keysChanges(deps: ReadingDeps, viewer: Viewer, query: QueryParams): Promise<JsonObject> {
  const rawFrom = stringParam(query, 'from');
  const rawTo = stringParam(query, 'to');
  if (rawFrom === undefined) throw missingParam('from is required');
  if (rawTo === undefined) throw missingParam('to is required');
  const from = parseSyncToken(rawFrom);
  const to = parseSyncToken(rawTo);
  const pos = await deps.reader.positions();
  const upTo = { deviceLists: Math.min(to.deviceLists, pos.deviceLists), events: Math.min(to.events, pos.events) };
  const devices = { after: Math.min(from.deviceLists, upTo.deviceLists), upTo: upTo.deviceLists };
  const members = { after: Math.min(from.events, upTo.events), upTo: upTo.events };
  const { changed, left } = await deps.reader.deviceListChanges(viewer.userId, devices, members);
  return { changed, left };
}
