import {
  assertCanRedact,
  buildRoomEvent,
  canonicalJson,
  redactEvent,
  type EventDraft,
  type JsonObject,
  type RoomSnapshot,
  type SigningKey,
  type StoredEvent,
  type TxnKey,
} from '@courier/server-domain';
import type { MatrixError } from '@courier/shared-matrix-errors';
import type { ParsedRelation } from './parse-relation';
import { notJoined } from './send-rules';

export interface MessageEventInput {
  sender: string;
  eventType: string;
  content: JsonObject;
  txn: TxnKey;
  relation: ParsedRelation | undefined;
  relationTarget: StoredEvent | undefined;
  redactionTarget: StoredEvent | undefined;
  /** A refusal of the relation or redaction target, held until the sender is known to be joined. */
  targetError?: MatrixError;
  serverName: string;
  signingKey: SigningKey;
  now: number;
}

/**
 * Runs under the room's write lock: the sender must be joined and allowed to send the type
 * (power levels), may redact only what the redact rules allow; then the PDU is built on the
 * room's current head (buildRoomEvent holds it to the 64 KiB PDU limit).
 */
export function decideMessageEvent(snapshot: RoomSnapshot, input: MessageEventInput): EventDraft {
  const state = snapshot.state;
  if (state('m.room.member', input.sender)?.content['membership'] !== 'join') throw notJoined();
  if (input.targetError) throw input.targetError;
  const target = input.redactionTarget;
  if (target) assertCanRedact(input.sender, target.sender, state);
  const redactsTopLevel = target && snapshot.roomVersion !== '11' ? target.eventId : undefined;
  const built = buildRoomEvent(snapshot, state, {
    type: input.eventType,
    sender: input.sender,
    content: input.content,
    ...(redactsTopLevel ? { redacts: redactsTopLevel } : {}),
    now: input.now,
    serverName: input.serverName,
    signingKey: input.signingKey,
  });
  const rel = input.relation;
  return {
    ...built,
    txn: input.txn,
    ...(rel ? { relation: { relType: rel.relType, targetEventId: rel.targetEventId } } : {}),
    ...(rel?.key !== undefined ? { annotation: { targetEventId: rel.targetEventId, key: rel.key } } : {}),
    ...(target
      ? { redaction: { targetEventId: target.eventId, prunedJson: canonicalJson(redactEvent(target.pdu, snapshot.roomVersion)) } }
      : {}),
  };
}
