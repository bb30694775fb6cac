import type { JsonObject } from '@courier/server-domain';
import { matchesEventFilter } from '../filter/match-filter';
import { presenceContent } from '../presence';
import type { SyncContext } from './sync-context';

/** A device offline long catches up over several syncs. */
const PRESENCE_LIMIT = 500;

/**
 * `presence.events`: the newest presence of each user sharing a joined room with the viewer
 * (and the viewer's own) that changed in (since, head]. `next` is the position the token
 * carries (below head when capped).
 */
export async function presenceSection(ctx: SyncContext, since: number, head: number): Promise<{ events: JsonObject[]; next: number }> {
  const after = Math.min(since, head);
  if (after >= head) return { events: [], next: head };
  const changes = await ctx.deps.presence.changesFor(ctx.viewer.userId, { after, upTo: head }, PRESENCE_LIMIT);
  const last = changes[changes.length - 1];
  const next = changes.length === PRESENCE_LIMIT && last ? last.stream : head;
  const now = ctx.deps.now();
  const events = changes
    .filter((p) => matchesEventFilter(ctx.filter.presence, { type: 'm.presence', sender: p.userId }))
    .map((p) => ({ type: 'm.presence', sender: p.userId, content: presenceContent(p, now) }));
  return { events, next };
}
