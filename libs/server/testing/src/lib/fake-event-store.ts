import {
  RoomExistsError,
  RoomNotFoundError,
  isSupportedRoomVersion,
  type AppendDecision,
  type AppendOptions,
  type AppendedEvent,
  type EventStore,
  type RoomSnapshot,
  type StateEvent,
  type StoredEvent,
  type TxnKey,
} from '@courier/server-domain';
import { applyDrafts, cloneTables, emptyTables, slot, stateEventOf, storedEvent, txnKeyOf, type RoomRow, type Tables } from './fake-event-tables';

/**
 * An in-memory EventStore with the semantics of data-access's SQLite and PostgreSQL stores
 * (sqlite-event-store.ts, plan-writes.ts), row for row:
 * - `append` runs `decide` under a per-room lock on a snapshot of committed state, then
 *   applies the drafts in planRows' order to a copy of every table and swaps the copy in
 *   only if all of it succeeded: a throw anywhere (decide, a unique guard) writes nothing,
 *   not even the room row of `newRoom` or the stream positions it claimed;
 * - unique keys: event_id (plain Error), txn (user, device, room, type, txn id) →
 *   TxnConflictError(existing event id), annotation (target, sender, type, key) or its
 *   event_id → DuplicateAnnotationError, relation event_id (plain Error);
 * - a redaction replaces the target's JSON with the pruned JSON and sets redactedBy (only
 *   if not redacted yet), deletes the target's annotation and relation rows, and counts as
 *   a state change (state content is read from the event rows, so redacted state shows
 *   pruned content);
 * - state events upsert current state, m.room.member events the membership table;
 * - the room's head (event, depth) moves to the last draft; stream positions are global.
 *
 * `interleave` makes every call yield to the event loop (a macrotask) before it reads, and
 * `append` yield again while it holds the room lock, so concurrent requests interleave the
 * way they do against a real database.
 */
export class FakeEventStore implements EventStore {
  interleave: boolean;
  /** Every append, in call order, with its outcome: for tests that check which path ran. */
  readonly appends: AppendRecord[] = [];
  private tables: Tables = emptyTables();
  private readonly locks = new Map<string, Promise<void>>();
  private readonly now: () => number;

  constructor(options: { now?: () => number; interleave?: boolean } = {}) {
    this.now = options.now ?? Date.now;
    this.interleave = options.interleave ?? false;
  }

  async findTxn(key: TxnKey): Promise<string | undefined> {
    await this.pause();
    return this.tables.txns.get(txnKeyOf(key))?.eventId;
  }

  async getEvent(eventId: string): Promise<StoredEvent | undefined> {
    await this.pause();
    return storedEvent(this.tables, eventId);
  }

  async append(roomId: string, decide: AppendDecision, options: AppendOptions = {}): Promise<AppendedEvent[]> {
    await this.pause();
    try {
      const appended = await this.withRoomLock(roomId, async () => {
        await this.pause();
        return this.appendInTransaction(roomId, decide, options);
      });
      this.appends.push({ roomId, eventIds: appended.map((a) => a.eventId) });
      return appended;
    } catch (error) {
      this.appends.push({ roomId, error });
      throw error;
    }
  }

  /** Synchronous from snapshot to swap, so nothing else can commit in between. */
  private appendInTransaction(roomId: string, decide: AppendDecision, options: AppendOptions): AppendedEvent[] {
    const committed = this.tables;
    const t = cloneTables(committed);
    const now = this.now();
    if (options.newRoom) {
      const r = options.newRoom;
      if (t.rooms.has(r.roomId)) throw new RoomExistsError(roomId);
      t.rooms.set(r.roomId, { ...r, createdAt: now, headEventId: null, headDepth: 0, stateVersion: 0 });
    }
    const room = t.rooms.get(roomId);
    if (!room || !isSupportedRoomVersion(room.roomVersion)) throw new RoomNotFoundError(roomId);
    const snapshot: RoomSnapshot = {
      roomId,
      roomVersion: room.roomVersion,
      prevEventIds: room.headEventId ? [room.headEventId] : [],
      depth: room.headDepth,
      state: (type, stateKey) => stateEventOf(committed, roomId, type, stateKey),
    };
    const drafts = decide(snapshot);
    const first = t.streamPosition + 1;
    if (drafts.length > 0) {
      t.streamPosition += drafts.length;
      applyDrafts(t, roomId, drafts, first, now);
    }
    this.tables = t;
    return drafts.map((d, i) => ({ eventId: d.eventId, stream: first + i }));
  }

  private async withRoomLock<T>(roomId: string, fn: () => Promise<T>): Promise<T> {
    const before = this.locks.get(roomId) ?? Promise.resolve();
    let release = () => undefined as void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = before.then(() => mine);
    this.locks.set(roomId, tail);
    await before;
    try {
      return await fn();
    } finally {
      release();
      if (this.locks.get(roomId) === tail) this.locks.delete(roomId);
    }
  }

  private async pause(): Promise<void> {
    if (this.interleave) await new Promise<void>((resolve) => setImmediate(resolve));
  }

  // Inspection, for assertions: committed data only, never live references.

  /** The room row: version, head and how often its state changed. */
  room(roomId: string): Readonly<RoomRow> | undefined {
    const row = this.tables.rooms.get(roomId);
    return row ? { ...row } : undefined;
  }

  /** A room's events in stream order. */
  roomEvents(roomId: string): StoredEvent[] {
    return [...this.tables.events.values()]
      .filter((e) => e.roomId === roomId)
      .sort((a, b) => a.stream - b.stream)
      .map((e) => storedEvent(this.tables, e.eventId) as StoredEvent);
  }

  /** The current state event of a slot, with its (possibly pruned) content. */
  stateEvent(roomId: string, type: string, stateKey: string): StateEvent | undefined {
    return stateEventOf(this.tables, roomId, type, stateKey);
  }

  /** The membership table's row for a user. */
  membership(roomId: string, userId: string): string | undefined {
    return this.tables.members.get(slot(roomId, userId))?.membership;
  }

  /** The event holding an annotation key, if the unique index has one. */
  annotation(targetEventId: string, sender: string, eventType: string, key: string): string | undefined {
    return this.tables.annotations.get(slot(targetEventId, sender, eventType, key));
  }

  /** How many transaction rows exist (one per committed transaction). */
  get txnCount(): number {
    return this.tables.txns.size;
  }

  /** The last stream position handed out. */
  get streamPosition(): number {
    return this.tables.streamPosition;
  }
}

export type AppendRecord = { roomId: string; eventIds: string[]; error?: undefined } | { roomId: string; error: unknown; eventIds?: undefined };

export type { RoomRow } from './fake-event-tables';
