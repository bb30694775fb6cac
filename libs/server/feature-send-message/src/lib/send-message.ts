import { MatrixError, badJson, duplicateAnnotation, limitExceeded } from '@courier/shared-matrix-errors';
import {
  DuplicateAnnotationError,
  RoomNotFoundError,
  TxnConflictError,
  assertCanonicalValue,
  isJsonObject,
  parseRoomId,
  parseStrictJson,
  type EventStore,
  type JsonObject,
  type RateLimiter,
  type SigningKey,
  type TxnKey,
} from '@courier/server-domain';
import { decideMessageEvent } from './decide-message-event';
import { parseRelation } from './parse-relation';
import { loadRedactionTarget, loadRelationTarget } from './load-targets';
import { assertNotStateOnly, notJoined, validateEventType, validateTxnId } from './send-rules';
import { NO_SEND_METRICS, type SendMetrics } from './send-metrics';
import { SingleFlight } from './single-flight';

export interface SendMessageDeps {
  events: EventStore;
  serverName: string;
  signingKey: SigningKey;
  now: () => number;
  rateLimiter: RateLimiter;
  /** Users the rate limiter never applies to. */
  rateLimitExempt: ReadonlySet<string>;
  singleFlight: SingleFlight<string>;
  /** Counters for /metrics; a no-op when absent. */
  metrics?: SendMetrics;
}

export interface SendMessageCommand {
  sender: { userId: string; deviceId: string };
  /** The transaction scope's device: the token's device, or a service token's `svc:<id>`. */
  txnDeviceId?: string;
  roomId: string;
  eventType: string;
  txnId: string;
  /** The endpoint part of the txn scope when it is not the event type ("/redact"). */
  txnEndpoint?: string;
  /** The raw request body (checked as written), or an already-parsed value (tRPC). */
  body: { raw: Buffer } | { value: unknown };
}

export function createSendMessageDeps(deps: Omit<SendMessageDeps, 'singleFlight'>): SendMessageDeps {
  return { ...deps, singleFlight: new SingleFlight<string>() };
}

function parseContent(body: SendMessageCommand['body']): JsonObject {
  const value = 'raw' in body ? parseStrictJson(body.raw) : assertCanonicalValue(body.value);
  if (!isJsonObject(value)) throw badJson('Content must be a JSON object');
  return value;
}

/**
 * PUT /_matrix/client/v3/rooms/{roomId}/send/{eventType}/{txnId} (SEND_CONTRACT.md).
 * Order matters: the path is validated, then the transaction is looked up (a retransmission
 * returns the original event whatever it now carries, §5), then rate limiting (a 429 is not
 * remembered, §8), then the body and the room rules; the append commits event and txn row
 * together, and the txn row's unique index turns a racing duplicate into its original event.
 */
export async function sendMessage(deps: SendMessageDeps, cmd: SendMessageCommand): Promise<{ eventId: string }> {
  const roomId = parseRoomId(cmd.roomId);
  const eventType = validateEventType(cmd.eventType);
  const txn: TxnKey = {
    userId: cmd.sender.userId,
    deviceId: cmd.txnDeviceId ?? cmd.sender.deviceId,
    roomId,
    eventType: cmd.txnEndpoint ?? eventType,
    txnId: validateTxnId(cmd.txnId),
  };
  const flightKey = JSON.stringify([txn.userId, txn.deviceId, roomId, txn.eventType, txn.txnId]);
  // A request that joins an identical one already in flight gets that one's event: a dedupe hit.
  let ranHere = false;
  const eventId = await deps.singleFlight.run(flightKey, () => {
    ranHere = true;
    return sendOnce(deps, { ...cmd, eventType }, txn);
  });
  if (!ranHere) (deps.metrics ?? NO_SEND_METRICS).dedupeHit();
  return { eventId };
}

async function sendOnce(deps: SendMessageDeps, cmd: SendMessageCommand, txn: TxnKey): Promise<string> {
  const metrics = deps.metrics ?? NO_SEND_METRICS;
  const existing = await deps.events.findTxn(txn);
  if (existing) {
    metrics.dedupeHit();
    return existing;
  }

  if (!deps.rateLimitExempt.has(txn.userId)) {
    const decision = await deps.rateLimiter.take(txn.userId);
    if (!decision.allowed) {
      metrics.rateLimited();
      throw limitExceeded(decision.retryAfterMs);
    }
  }

  const content = parseContent(cmd.body);
  assertNotStateOnly(cmd.eventType);
  const relation = parseRelation(content);
  // The target checks read the room's events, so their refusal is only given to a joined
  // sender (decideMessageEvent throws it after the membership check): to anyone else an
  // unknown room and a room they are not in must give the same 403 (§3).
  let targetError: MatrixError | undefined;
  const hold = (err: unknown): undefined => {
    if (!(err instanceof MatrixError)) throw err;
    targetError ??= err;
    return undefined;
  };
  const relationTarget = relation ? await loadRelationTarget(deps.events, relation, txn.roomId).catch(hold) : undefined;
  const redactionTarget =
    cmd.eventType === 'm.room.redaction' ? await loadRedactionTarget(deps.events, content, txn.roomId).catch(hold) : undefined;

  try {
    const [appended] = await deps.events.append(txn.roomId, (snapshot) => [
      decideMessageEvent(snapshot, {
        sender: cmd.sender.userId,
        eventType: cmd.eventType,
        content,
        txn,
        relation,
        relationTarget,
        redactionTarget,
        targetError,
        serverName: deps.serverName,
        signingKey: deps.signingKey,
        now: deps.now(),
      }),
    ]);
    if (!appended) throw new Error('append returned no event');
    metrics.sent();
    return appended.eventId;
  } catch (err) {
    if (err instanceof TxnConflictError && err.eventId) {
      metrics.dedupeHit();
      return err.eventId;
    }
    if (err instanceof DuplicateAnnotationError) {
      metrics.duplicateAnnotation();
      throw duplicateAnnotation('You have already sent this annotation');
    }
    if (err instanceof RoomNotFoundError) throw notJoined();
    throw err;
  }
}
