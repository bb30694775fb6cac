import { invalidParam, notFound } from '@courier/shared-matrix-errors';
import { parseRoomId, type JsonObject, type RelatedEvent } from '@courier/server-domain';
import { formatEvents } from '../format-events';
import { boolParam, intParam, stringParam } from '../query-params';
import type { QueryParams, ReadingDeps, Viewer } from '../reading-deps';
import { assertMayPaginate, loadRoomAccess } from '../room-access';
import { formatRoomToken, parseRoomToken } from '../tokens';

const DEFAULT_LIMIT = 5;
const MAX_LIMIT = 1000;
/** How deep `recurse` follows relations of relations (Synapse's depth). */
export const RELATIONS_RECURSION_DEPTH = 3;

function tokenParam(query: QueryParams, name: string): number | undefined {
  const v = stringParam(query, name);
  return v === undefined || v === '' ? undefined : parseRoomToken(v);
}

/** Loads the parent and the requester's access; 404 alike for unknown, elsewhere and not visible. */
async function visibleParent(deps: ReadingDeps, viewer: Viewer, roomId: string, eventId: string) {
  const access = await loadRoomAccess(deps, roomId, viewer.userId);
  assertMayPaginate(access);
  const parent = await deps.reader.getEvent(eventId);
  if (!parent || parent.roomId !== roomId || !access.canSee(parent)) throw notFound('Event not found');
  return access;
}

/**
 * GET /_matrix/client/v1/rooms/{roomId}/relations/{eventId}[/{relType}[/{eventType}]]
 * (relations.yaml). Tokens are stream positions, as /messages': `from`/`next_batch` say where
 * the next page starts, `to` where paging stops; `dir` defaults to 'b' (newest first). Pages
 * are read from the relations index (parent, [rel_type,] stream); events the requester may not
 * see are left out of the page (it may then be shorter than `limit`). With `recurse=true`,
 * relations of relations down to depth 3 are included and `recursion_depth` is set.
 */
export async function getRelations(
  deps: ReadingDeps,
  viewer: Viewer,
  input: { roomId: string; eventId: string; relType?: string; eventType?: string; query: QueryParams },
): Promise<JsonObject> {
  const roomId = parseRoomId(input.roomId);
  const { query } = input;
  const dir = stringParam(query, 'dir') ?? 'b';
  if (dir !== 'b' && dir !== 'f') throw invalidParam('dir must be "b" or "f"');
  const limit = intParam(query, 'limit', MAX_LIMIT) ?? DEFAULT_LIMIT;
  const from = tokenParam(query, 'from');
  const to = tokenParam(query, 'to');
  const recurse = boolParam(query, 'recurse') ?? boolParam(query, 'org.matrix.msc3981.recurse') ?? false;
  const access = await visibleParent(deps, viewer, roomId, input.eventId);

  const { events: head } = await deps.reader.positions();
  const ceiling = Math.min(head, access.ceiling ?? head);
  const range =
    dir === 'b' ? { after: to ?? 0, upTo: Math.min(from ?? ceiling, ceiling) } : { after: from ?? 0, upTo: Math.min(to ?? ceiling, ceiling) };
  const filter = { ...(input.relType !== undefined ? { relType: input.relType } : {}), ...(input.eventType !== undefined ? { eventType: input.eventType } : {}) };
  const rows: RelatedEvent[] = await deps.relations.relations(input.eventId, filter, range, dir, limit + 1, recurse ? RELATIONS_RECURSION_DEPTH : 1);

  const page = rows.slice(0, limit);
  const visible = page.map((r) => r.event).filter((e) => access.canSee(e));
  const response: JsonObject = { chunk: await formatEvents(deps, viewer, visible, { bundle: true, canSee: access.canSee }) };
  const lastRead = page[page.length - 1];
  if (rows.length > limit && lastRead) response['next_batch'] = formatRoomToken(dir === 'b' ? lastRead.event.stream - 1 : lastRead.event.stream);
  if (from !== undefined) response['prev_batch'] = stringParam(query, 'from') as string;
  if (recurse) response['recursion_depth'] = RELATIONS_RECURSION_DEPTH;
  return response;
}

const THREAD_TOKEN = /^t(0|[1-9]\d{0,14})$/;

/**
 * GET /_matrix/client/v1/rooms/{roomId}/threads (threads_list.yaml): the room's thread roots,
 * most recent activity first, each with its m.thread aggregation. `include=participated` keeps
 * the threads the requester started or replied to. `from`/`next_batch` are `t{n}`: threads whose
 * newest reply is below position n. Read from the threads index, never from the room's events.
 */
export async function getThreads(deps: ReadingDeps, viewer: Viewer, rawRoomId: string, query: QueryParams): Promise<JsonObject> {
  const roomId = parseRoomId(rawRoomId);
  const include = stringParam(query, 'include') ?? 'all';
  if (include !== 'all' && include !== 'participated') throw invalidParam('include must be "all" or "participated"');
  const limit = intParam(query, 'limit', MAX_LIMIT) ?? DEFAULT_LIMIT;
  const fromText = stringParam(query, 'from');
  let before = Number.MAX_SAFE_INTEGER;
  if (fromText !== undefined && fromText !== '') {
    const m = THREAD_TOKEN.exec(fromText);
    if (!m) throw invalidParam('Invalid pagination token');
    before = Number(m[1]);
  }
  const access = await loadRoomAccess(deps, roomId, viewer.userId);
  assertMayPaginate(access);
  if (limit === 0) return { chunk: [] };

  const threads = await deps.relations.threads(roomId, before, limit + 1, include === 'participated' ? viewer.userId : undefined);
  const page = threads.slice(0, limit);
  const roots = await deps.reader.eventsByIds(page.map((t) => t.threadId));
  const rootById = new Map(roots.map((e) => [e.eventId, e]));
  const visible = page.flatMap((t) => {
    const root = rootById.get(t.threadId);
    return root && root.roomId === roomId && access.canSee(root) ? [root] : [];
  });
  const response: JsonObject = { chunk: await formatEvents(deps, viewer, visible, { bundle: true, canSee: access.canSee }) };
  const last = page[page.length - 1];
  if (threads.length > limit && last) response['next_batch'] = `t${last.latestStream}`;
  return response;
}
