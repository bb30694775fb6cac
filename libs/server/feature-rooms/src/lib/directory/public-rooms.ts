import { parseRoomId, type PublicRoomSummary } from '@courier/server-domain';
import { invalidParam, notFound } from '@courier/shared-matrix-errors';
import type { DirectoryDeps, DirectoryRequester } from './directory-deps';
import { canSendCanonicalAlias } from './aliases';
import { forbidden } from '@courier/shared-matrix-errors';

export const DEFAULT_PUBLIC_ROOMS_LIMIT = 100;
export const MAX_PUBLIC_ROOMS_LIMIT = 500;
/** A search reads at most this many directory entries per request, then hands back next_batch. */
const SEARCH_SCAN_BUDGET = 1000;

export interface PublicRoomsQuery {
  limit?: unknown;
  since?: unknown;
  searchTerm?: unknown;
}

export interface PublicRoomsPage {
  chunk: PublicRoomSummary[];
  next_batch?: string;
}

const encodeSince = (roomId: string) => `r${Buffer.from(roomId, 'utf8').toString('base64url')}`;

function decodeSince(since: unknown): string {
  if (since === undefined || since === null || since === '') return '';
  if (typeof since !== 'string' || !/^r[A-Za-z0-9_-]+$/.test(since)) throw invalidParam('Invalid since token');
  return Buffer.from(since.slice(1), 'base64url').toString('utf8');
}

function parseLimit(limit: unknown): number {
  if (limit === undefined || limit === null) return DEFAULT_PUBLIC_ROOMS_LIMIT;
  const n = typeof limit === 'string' && /^\d+$/.test(limit) ? Number(limit) : limit;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw invalidParam('limit must be a non-negative integer');
  return Math.min(Math.max(n, 1), MAX_PUBLIC_ROOMS_LIMIT);
}

function matches(entry: PublicRoomSummary, term: string): boolean {
  return [entry.name, entry.topic, entry.canonical_alias].some((v) => v !== undefined && v.toLowerCase().includes(term));
}

/**
 * GET and POST /publicRooms: the rooms published in the directory, in room-ID order (Synapse
 * orders by size; a maintained order by size is left for later), `limit` per page with an
 * opaque `next_batch`. Each page is an index seek over rooms.is_public plus primary-key seeks
 * for the entries it shows. `generic_search_term` matches name, topic and canonical alias,
 * case-insensitively; a search reads at most 1,000 entries per request and then answers what
 * it found with a next_batch to go on from.
 */
export async function listPublicRooms(deps: DirectoryDeps, query: PublicRoomsQuery): Promise<PublicRoomsPage> {
  const limit = parseLimit(query.limit);
  let after = decodeSince(query.since);
  const term = typeof query.searchTerm === 'string' ? query.searchTerm.trim().toLowerCase() : '';
  if (!term) {
    const ids = await deps.directory.publicRoomIds(after, limit + 1);
    const page = ids.slice(0, limit);
    const chunk = await deps.directory.summaries(page);
    const last = page[page.length - 1];
    return ids.length > limit && last ? { chunk, next_batch: encodeSince(last) } : { chunk };
  }
  const chunk: PublicRoomSummary[] = [];
  let scanned = 0;
  for (;;) {
    const batch = Math.min(limit * 2, SEARCH_SCAN_BUDGET - scanned);
    const ids = await deps.directory.publicRoomIds(after, batch);
    scanned += ids.length;
    for (const entry of await deps.directory.summaries(ids)) {
      after = entry.room_id;
      if (!matches(entry, term)) continue;
      chunk.push(entry);
      if (chunk.length === limit) break;
    }
    const exhausted = ids.length < batch;
    if (chunk.length === limit || scanned >= SEARCH_SCAN_BUDGET) {
      const more = !(exhausted && after === ids[ids.length - 1]);
      return more ? { chunk, next_batch: encodeSince(after) } : { chunk };
    }
    if (exhausted) return { chunk };
  }
}

/** GET /directory/list/room/{roomId}: public or private; an unknown room is 404 M_NOT_FOUND. */
export async function roomDirectoryVisibility(deps: DirectoryDeps, roomId: string): Promise<'public' | 'private'> {
  const isPublic = await deps.directory.isPublic(parseRoomId(roomId));
  if (isPublic === undefined) throw notFound('Room not found');
  return isPublic ? 'public' : 'private';
}

/**
 * PUT /directory/list/room/{roomId} (Synapse's check_can_change_room_list): a server admin, or
 * a joined member allowed to send m.room.canonical_alias; else 403 M_FORBIDDEN.
 */
export async function setRoomDirectoryVisibility(deps: DirectoryDeps, requester: DirectoryRequester, roomId: string, visibility: unknown): Promise<void> {
  parseRoomId(roomId);
  if (visibility !== 'public' && visibility !== 'private') throw invalidParam('visibility must be public or private');
  if ((await deps.directory.isPublic(roomId)) === undefined) throw notFound('Room not found');
  if (!requester.isAdmin && !(await canSendCanonicalAlias(deps, roomId, requester.userId))) {
    throw forbidden('You may not change this room\'s directory entry');
  }
  await deps.directory.setPublic(roomId, visibility === 'public');
}
