import {
  DuplicateAnnotationError,
  TxnConflictError,
  type EventDraft,
  type JsonObject,
  type Pdu,
  type StateEvent,
  type StoredEvent,
  type TxnKey,
} from '@courier/server-domain';

/**
 * The tables of the Prisma schema that the event store writes, in memory, and planRows'
 * writes on them (data-access/src/lib/events/plan-writes.ts). Rows are replaced, never
 * mutated, so a shallow copy of the maps is a transaction's private working copy.
 */

/** `rooms`: the room's version, its head (forward extremity) and state version. */
export interface RoomRow {
  roomId: string;
  roomVersion: string;
  creator: string;
  isPublic: boolean;
  createdAt: number;
  headEventId: string | null;
  headDepth: number;
  stateVersion: number;
}

export interface EventRow {
  stream: number;
  eventId: string;
  roomId: string;
  sender: string;
  type: string;
  stateKey: string | null;
  depth: number;
  originServerTs: number;
  json: string;
  redactedBy: string | null;
}

export interface Tables {
  rooms: Map<string, RoomRow>;
  events: Map<string, EventRow>;
  /** [room, type, state_key] → event id. */
  state: Map<string, string>;
  /** [room, user] → membership row. */
  members: Map<string, { membership: string; eventId: string; stream: number }>;
  /** [user, device, room, type, txn] → event id. */
  txns: Map<string, { eventId: string; createdAt: number }>;
  /** event id → the relation it declares. */
  relations: Map<string, { relatesToId: string; relType: string; roomId: string }>;
  /** [target, sender, type, key] → annotation event id. */
  annotations: Map<string, string>;
  streamPosition: number;
}

export function emptyTables(): Tables {
  return { rooms: new Map(), events: new Map(), state: new Map(), members: new Map(), txns: new Map(), relations: new Map(), annotations: new Map(), streamPosition: 0 };
}

export function cloneTables(t: Tables): Tables {
  return {
    rooms: new Map(t.rooms),
    events: new Map(t.events),
    state: new Map(t.state),
    members: new Map(t.members),
    txns: new Map(t.txns),
    relations: new Map(t.relations),
    annotations: new Map(t.annotations),
    streamPosition: t.streamPosition,
  };
}

// JSON-encoding the parts keeps ("a|b", "c") and ("a", "b|c") apart.
export const slot = (...parts: string[]) => JSON.stringify(parts);
export const txnKeyOf = (k: TxnKey) => slot(k.userId, k.deviceId, k.roomId, k.eventType, k.txnId);

/** planRows' writes (then the room head), in its order, with the unique indexes' guards. */
export function applyDrafts(t: Tables, roomId: string, drafts: EventDraft[], firstStream: number, now: number): void {
  let stateChanged = 0;
  drafts.forEach((d, i) => {
    const stream = firstStream + i;
    const p = d.pdu;
    const stateKey = typeof p['state_key'] === 'string' ? p['state_key'] : null;
    if (t.events.has(d.eventId)) throw new Error(`UNIQUE constraint failed: events.event_id (${d.eventId})`);
    t.events.set(d.eventId, {
      stream,
      eventId: d.eventId,
      roomId,
      sender: p.sender,
      type: p.type,
      stateKey,
      depth: p.depth,
      originServerTs: p.origin_server_ts,
      json: d.json,
      redactedBy: null,
    });
    if (d.txn) {
      const existing = t.txns.get(txnKeyOf(d.txn));
      if (existing) throw new TxnConflictError(existing.eventId);
      t.txns.set(txnKeyOf(d.txn), { eventId: d.eventId, createdAt: now });
    }
    if (d.relation) {
      if (t.relations.has(d.eventId)) throw new Error(`UNIQUE constraint failed: relations.event_id (${d.eventId})`);
      t.relations.set(d.eventId, { relatesToId: d.relation.targetEventId, relType: d.relation.relType, roomId });
    }
    if (d.annotation) {
      const key = slot(d.annotation.targetEventId, p.sender, p.type, d.annotation.key);
      // ON CONFLICT DO NOTHING covers both unique indexes: the key and the event id.
      if (t.annotations.has(key) || [...t.annotations.values()].includes(d.eventId)) throw new DuplicateAnnotationError();
      t.annotations.set(key, d.eventId);
    }
    if (d.redaction) {
      const targetId = d.redaction.targetEventId;
      const target = t.events.get(targetId);
      if (target && target.redactedBy === null) {
        t.events.set(targetId, { ...target, json: d.redaction.prunedJson, redactedBy: d.eventId });
      }
      for (const [key, eventId] of t.annotations) if (eventId === targetId) t.annotations.delete(key);
      t.relations.delete(targetId);
      stateChanged = 1;
    }
    if (stateKey !== null) {
      stateChanged = 1;
      t.state.set(slot(roomId, p.type, stateKey), d.eventId);
      if (p.type === 'm.room.member') {
        const membership = String((p.content as { membership?: unknown }).membership ?? '');
        t.members.set(slot(roomId, stateKey), { membership, eventId: d.eventId, stream });
      }
    }
  });
  const last = drafts[drafts.length - 1];
  const room = t.rooms.get(roomId);
  if (last && room) {
    t.rooms.set(roomId, { ...room, headEventId: last.eventId, headDepth: last.pdu.depth, stateVersion: room.stateVersion + stateChanged });
  }
}

/** As the stores' state map: type, state_key, sender and content read from the event's JSON. */
export function stateEventOf(t: Tables, roomId: string, type: string, stateKey: string): StateEvent | undefined {
  const eventId = t.state.get(slot(roomId, type, stateKey));
  const row = eventId === undefined ? undefined : t.events.get(eventId);
  if (!row) return undefined;
  const pdu = JSON.parse(row.json) as { type: string; state_key: string; sender: string; content: JsonObject };
  return { event_id: row.eventId, type: pdu.type, state_key: pdu.state_key, sender: pdu.sender, content: pdu.content };
}

/** As rows.ts toStoredEvent over `events LEFT JOIN relations`: a fresh parse every time. */
export function storedEvent(t: Tables, eventId: string): StoredEvent | undefined {
  const row = t.events.get(eventId);
  if (!row) return undefined;
  const rel = t.relations.get(eventId);
  return {
    eventId: row.eventId,
    roomId: row.roomId,
    sender: row.sender,
    type: row.type,
    stateKey: row.stateKey,
    stream: row.stream,
    pdu: JSON.parse(row.json) as Pdu,
    redactedBy: row.redactedBy,
    relation: rel ? { relType: rel.relType, targetEventId: rel.relatesToId } : null,
  };
}
