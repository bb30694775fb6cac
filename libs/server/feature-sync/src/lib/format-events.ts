import { toClientEvent, type JsonObject, type ReadEvent } from '@courier/server-domain';
import type { ReadingDeps, Viewer } from './reading-deps';
import { loadAggregations, type EventAggregations } from './relations/aggregations';

export interface FormatOptions {
  /** /sync's ClientEventWithoutRoomID. */
  omitRoomId?: boolean;
  /** Add prev_content/replaces_state to state events (timelines: clients render changes from it). */
  withPrevContent?: boolean;
  /**
   * Bundle aggregations into `unsigned.m.relations` (timelines, /messages, /context, /event,
   * /relations, /threads, search): `true` for m.replace and m.thread, 'edits' for m.replace
   * only (a thread's latest_event itself).
   */
  bundle?: boolean | 'edits';
  /**
   * Which related events the requester may see (the history-visibility check of the page):
   * an edit or a thread's latest reply they may not see is not bundled.
   */
  canSee?: (e: ReadEvent) => boolean;
}

/**
 * Client events for one requester, with the `unsigned` the spec defines per requester:
 * `age`; `transaction_id` only for the device that sent the event (SEND_CONTRACT §5: the
 * client_txns row must match user AND device); `redacted_because` for pruned events; and
 * `prev_content`, `prev_sender`, `replaces_state` for state events in timelines.
 * A few batched lookups per call, never one per event (except prev_content, per state event).
 */
export async function formatEvents(
  deps: ReadingDeps,
  viewer: Viewer,
  events: readonly ReadEvent[],
  options: FormatOptions = {},
): Promise<JsonObject[]> {
  if (events.length === 0) return [];
  const own = events.filter((e) => e.sender === viewer.userId).map((e) => e.eventId);
  const txnIds = await deps.reader.txnIdsFor(own, viewer.userId, viewer.deviceId);
  const redactionIds = events.flatMap((e) => (e.redactedBy ? [e.redactedBy] : []));
  const redactions = new Map((await deps.reader.eventsByIds(redactionIds)).map((e) => [e.eventId, e]));
  const previous = options.withPrevContent
    ? await deps.reader.previousStates(events.filter((e) => e.stateKey !== null))
    : new Map<string, ReadEvent>();
  const now = deps.now();
  const age = (e: ReadEvent) => Math.max(0, now - Number(e.pdu.origin_server_ts));
  const omitRoomId = options.omitRoomId ?? false;
  const bundled = options.bundle
    ? await formatAggregations(deps, viewer, events, { withThreads: options.bundle === true, omitRoomId, canSee: options.canSee ?? (() => true) })
    : new Map<string, JsonObject>();

  return events.map((e) => {
    const unsigned: JsonObject = { age: age(e) };
    const txnId = txnIds.get(e.eventId);
    if (txnId !== undefined) unsigned['transaction_id'] = txnId;
    const prev = previous.get(e.eventId);
    if (prev) {
      unsigned['prev_content'] = prev.pdu.content;
      unsigned['prev_sender'] = prev.sender;
      unsigned['replaces_state'] = prev.eventId;
    }
    const redaction = e.redactedBy ? redactions.get(e.redactedBy) : undefined;
    if (redaction) {
      unsigned['redacted_because'] = toClientEvent(redaction.eventId, redaction.pdu, { omitRoomId, unsigned: { age: age(redaction) } });
    }
    const relations = bundled.get(e.eventId);
    if (relations) unsigned['m.relations'] = relations;
    return toClientEvent(e.eventId, e.pdu, { omitRoomId, unsigned });
  });
}

/**
 * `unsigned.m.relations` per event: `m.replace` is the latest edit event in full (spec v1.7+),
 * `m.thread` has `latest_event` (with its own edit bundled), `count` and
 * `current_user_participated`.
 */
async function formatAggregations(
  deps: ReadingDeps,
  viewer: Viewer,
  events: readonly ReadEvent[],
  o: { withThreads: boolean; omitRoomId: boolean; canSee: (e: ReadEvent) => boolean },
): Promise<Map<string, JsonObject>> {
  const { omitRoomId } = o;
  const loaded = await loadAggregations(deps, viewer, events, o.withThreads, o.canSee);
  if (loaded.size === 0) return new Map();
  const aggs = [...loaded.entries()];
  const edits = aggs.flatMap(([, a]) => (a.edit ? [a.edit] : []));
  const latests = aggs.flatMap(([, a]) => (a.thread ? [a.thread.latest] : []));
  const [formattedEdits, formattedLatests] = await Promise.all([
    formatEvents(deps, viewer, edits, { omitRoomId }),
    formatEvents(deps, viewer, latests, { omitRoomId, bundle: 'edits', canSee: o.canSee }),
  ]);
  const editById = new Map(edits.map((e, i) => [e.eventId, formattedEdits[i] as JsonObject]));
  const latestById = new Map(latests.map((e, i) => [e.eventId, formattedLatests[i] as JsonObject]));
  const out = new Map<string, JsonObject>();
  for (const [eventId, a] of aggs as Array<[string, EventAggregations]>) {
    const relations: JsonObject = {};
    if (a.edit) relations['m.replace'] = editById.get(a.edit.eventId) as JsonObject;
    if (a.thread) {
      relations['m.thread'] = {
        latest_event: latestById.get(a.thread.latest.eventId) as JsonObject,
        count: a.thread.summary.count,
        current_user_participated: a.thread.participated,
      };
    }
    out.set(eventId, relations);
  }
  return out;
}
