import type { JsonObject } from '../json';
import type { Pdu, RoomVersion } from '../pdu';

/** The transaction key of spec v1.7+: scoped to the device and the endpoint. */
export interface TxnKey {
  userId: string;
  /** The device, or for gateway sends the service token's scope (`svc:<token id>`). */
  deviceId: string;
  roomId: string;
  /** The event type for /send; "/redact" for the redact endpoint. */
  eventType: string;
  txnId: string;
}

/** A current-state event as the authorization rules need it. */
export interface StateEvent {
  event_id: string;
  type: string;
  state_key: string;
  sender: string;
  content: JsonObject;
}

/** What a writer sees of a room under its write lock: consistent until the commit. */
export interface RoomSnapshot {
  roomId: string;
  roomVersion: RoomVersion;
  /** The forward extremities (one: Courier keeps each room's events in a line). */
  prevEventIds: string[];
  depth: number;
  state(type: string, stateKey: string): StateEvent | undefined;
}

/** One finished event to persist, with the index rows it implies. */
export interface EventDraft {
  eventId: string;
  pdu: Pdu;
  /** The canonical JSON of `pdu`, computed once by whoever finalised it. */
  json: string;
  txn?: TxnKey;
  relation?: { relType: string; targetEventId: string };
  annotation?: { targetEventId: string; key: string };
  /** A redaction: the target's pruned JSON replaces it, and its annotation row (if any) goes. */
  redaction?: { targetEventId: string; prunedJson: string };
}

/** The room row a creation writes before its first event. */
export interface NewRoom {
  roomId: string;
  roomVersion: RoomVersion;
  creator: string;
  isPublic: boolean;
}

/** Stored facts about an event that validation of later events needs. */
export interface StoredEvent {
  eventId: string;
  roomId: string;
  sender: string;
  type: string;
  stateKey: string | null;
  stream: number;
  pdu: Pdu;
  redactedBy: string | null;
  relation: { relType: string; targetEventId: string } | null;
}

/**
 * Decides, under the room's write lock, what to append. It must be synchronous and pure
 * apart from the snapshot, so SQLite can run it inside one synchronous transaction.
 */
export type AppendDecision = (snapshot: RoomSnapshot) => EventDraft[];

export interface AppendOptions {
  /** Create the room row first (createRoom); the room must not exist. */
  newRoom?: NewRoom;
}

export interface AppendedEvent {
  eventId: string;
  stream: number;
}

export interface EventStore {
  /** The event a transaction already produced, if any. */
  findTxn(key: TxnKey): Promise<string | undefined>;
  /**
   * Runs `decide` under the room's write lock and commits its drafts, their state, txn,
   * relation and annotation rows and stream positions in one database transaction.
   * Throws TxnConflictError / DuplicateAnnotationError (domain errors) on unique violations,
   * RoomNotFoundError when the room does not exist (and newRoom was not given).
   */
  append(roomId: string, decide: AppendDecision, options?: AppendOptions): Promise<AppendedEvent[]>;
  getEvent(eventId: string): Promise<StoredEvent | undefined>;
}
