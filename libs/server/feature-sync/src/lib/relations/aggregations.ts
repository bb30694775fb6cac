import { isJsonObject, type ReadEvent, type ThreadSummary } from '@courier/server-domain';
import type { ReadingDeps, Viewer } from '../reading-deps';

/** What is bundled into one event's `unsigned.m.relations`, before formatting. */
export interface EventAggregations {
  /** m.replace: the newest valid edit by the event's sender. */
  edit?: ReadEvent;
  /** m.thread: the event is a thread root. */
  thread?: { summary: ThreadSummary; latest: ReadEvent; participated: boolean };
}

/**
 * The bundled aggregations (spec "Aggregations of child events") of a page of events: for each,
 * its latest edit and, for a thread root, the thread's summary. A fixed number of batched
 * queries per page (each an index seek per event), whatever the page holds: thread summaries
 * and latest edits, then who participated, then the referenced events. Redacted and state
 * events get none (the spec forbids bundling edits of either).
 * An edit counts only if it is of the same type and carries `m.new_content` (spec m.replace).
 * Related events the requester may not see (`canSee`) are never bundled.
 */
export async function loadAggregations(
  deps: ReadingDeps,
  viewer: Viewer,
  events: readonly ReadEvent[],
  withThreads: boolean,
  canSee: (e: ReadEvent) => boolean = () => true,
): Promise<Map<string, EventAggregations>> {
  const out = new Map<string, EventAggregations>();
  const candidates = events.filter((e) => e.redactedBy === null && e.stateKey === null);
  if (candidates.length === 0) return out;
  const ids = candidates.map((e) => e.eventId);
  const [summaries, edits] = await Promise.all([
    withThreads ? deps.relations.threadSummaries(ids) : Promise.resolve([] as ThreadSummary[]),
    deps.relations.latestEdits(ids),
  ]);
  if (summaries.length === 0 && edits.size === 0) return out;
  const [participated, referenced] = await Promise.all([
    deps.relations.participatedThreads(
      summaries.map((s) => s.threadId),
      viewer.userId,
    ),
    deps.reader.eventsByIds([...edits.values(), ...summaries.map((s) => s.latestEventId)]),
  ]);
  const byId = new Map(referenced.map((e) => [e.eventId, e]));
  const summaryOf = new Map(summaries.map((s) => [s.threadId, s]));
  for (const e of candidates) {
    const agg: EventAggregations = {};
    const editId = edits.get(e.eventId);
    const edit = editId ? byId.get(editId) : undefined;
    if (edit && edit.type === e.type && edit.redactedBy === null && isJsonObject(edit.pdu.content['m.new_content']) && canSee(edit)) agg.edit = edit;
    const summary = summaryOf.get(e.eventId);
    const latest = summary ? byId.get(summary.latestEventId) : undefined;
    // A latest reply the requester may not see (sent after they left) hides the whole summary.
    if (summary && latest && summary.count > 0 && canSee(latest)) agg.thread = { summary, latest, participated: participated.has(summary.threadId) };
    if (agg.edit || agg.thread) out.set(e.eventId, agg);
  }
  return out;
}
