import { toClientEvent, type JsonObject, type ReadEvent } from '@courier/server-domain';
import type { ReadingDeps, Viewer } from './reading-deps';

export interface FormatOptions {
  /** /sync's ClientEventWithoutRoomID. */
  omitRoomId?: boolean;
  /** Add prev_content/replaces_state to state events (timelines: clients render changes from it). */
  withPrevContent?: boolean;
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
    return toClientEvent(e.eventId, e.pdu, { omitRoomId, unsigned });
  });
}
