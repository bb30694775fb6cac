import {
  DuplicateAnnotationError,
  RoomExistsError,
  RoomNotFoundError,
  TxnConflictError,
  isSupportedRoomVersion,
  type AppendDecision,
  type AppendOptions,
  type AppendedEvent,
  type EventStore,
  type RoomSnapshot,
  type RoomVersion,
  type StoredEvent,
  type TxnKey,
} from '@courier/server-domain';
import type { SqliteDatabase, SqliteWriter } from '../db/database';
import type BetterSqlite3 from 'better-sqlite3';
import { bindForSqlite, compileForSqlite, type CompiledSql } from '../db/sql';
import { withSqliteBusyRetry } from '../db/sqlite-busy';
import { SQL } from './event-sql';
import { isRefusal } from './refusal';
import { planNewRoom, planRows, undoGuards, type PlannedWrite } from './plan-writes';
import { RoomStateCache, stateKeyOf, stateMapFromRows, type StateMap } from './room-state-cache';
import { toStoredEvent, type EventRow, type RoomRow } from './rows';

type Outcome = { ok: true; events: AppendedEvent[] } | { ok: false; err: unknown };

/** A room as the batch being written has left it. */
interface BatchRoom {
  roomVersion: RoomVersion;
  head: string | null;
  depth: number;
  /** The head and state_version its row holds; the batch writes the row if they moved. */
  storedHead: string | null;
  storedStateVersion: number;
  stateVersion: number;
  state?: StateMap;
}

interface PendingAppend {
  roomId: string;
  decide: AppendDecision;
  options: AppendOptions;
  resolve(events: AppendedEvent[]): void;
  reject(err: unknown): void;
}

/**
 * The SQLite event store. Appends are synchronous (SQLite has one writer, and nothing else runs
 * on the event loop while a transaction is open, so the room lock is implicit and a decision
 * always sees current state) and **group-committed**: the appends that arrive within one tick
 * share one IMMEDIATE transaction, one per SAVEPOINT, so each still succeeds or fails on its
 * own (its unique-violation answer included). Every promise resolves only after that commit is
 * on disk: the writer's fsync runs off the event loop (SqliteWriter), so while one batch's
 * fsync is in flight the next batch is already being decided and committed.
 */
export class SqliteEventStore implements EventStore {
  private readonly stateCache = new RoomStateCache();
  private readonly writer: SqliteWriter;
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  /** First stream position of each committed batch whose fsync has not finished, oldest first. */
  private readonly notDurable: number[] = [];

  constructor(db: SqliteDatabase, private readonly now: () => number = Date.now) {
    this.writer = db.eventWriter;
  }

  /**
   * The highest events position a reader may be shown: below this store's oldest commit not yet
   * on disk, so nobody sees an event that a power cut could still take back. Undefined when
   * everything committed here is durable.
   */
  readableCeiling(): number | undefined {
    const first = this.notDurable[0];
    return first === undefined ? undefined : first - 1;
  }

  /** Prepared once per statement text: preparing costs more than running these small statements. */
  private readonly statements = new Map<string, { stmt: BetterSqlite3.Statement; order: CompiledSql }>();

  private prepared(sql: string) {
    let entry = this.statements.get(sql);
    if (!entry) {
      const order = compileForSqlite(sql);
      entry = { stmt: this.writer.raw.prepare(order.text), order };
      this.statements.set(sql, entry);
    }
    return entry;
  }

  private run(sql: string, params: unknown[]) {
    const { stmt, order } = this.prepared(sql);
    return stmt.run(...bindForSqlite(order, params));
  }

  private get<T>(sql: string, params: unknown[]): T | undefined {
    const { stmt, order } = this.prepared(sql);
    return stmt.get(...bindForSqlite(order, params)) as T | undefined;
  }

  private all<T>(sql: string, params: unknown[]): T[] {
    const { stmt, order } = this.prepared(sql);
    return stmt.all(...bindForSqlite(order, params)) as T[];
  }

  /**
   * A stored transaction is answered only once its event is on disk: its commit may be one whose
   * fsync is still running (or failed), made by this process or another on the same file, and
   * a retry must not be acknowledged ahead of the original.
   */
  async findTxn(key: TxnKey): Promise<string | undefined> {
    const eventId = this.get<{ event_id: string }>(SQL.selectTxn, [key.userId, key.deviceId, key.roomId, key.eventType, key.txnId])?.event_id;
    if (eventId !== undefined) await this.writer.durable();
    return eventId;
  }

  append(roomId: string, decide: AppendDecision, options: AppendOptions = {}): Promise<AppendedEvent[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ roomId, decide, options, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    this.flushScheduled = false;
    const batch = this.queue;
    this.queue = [];
    let outcomes: Outcome[] = [];
    const commitBatch = this.writer.raw.transaction(() => {
      outcomes = this.writeBatch(batch);
    });
    try {
      await withSqliteBusyRetry(() => commitBatch.immediate());
    } catch (err) {
      // Nothing was committed; state cached from inside the failed transaction may be ahead of
      // the database, so forget it all.
      this.stateCache.clear();
      for (const item of batch) item.reject(err);
      return;
    }
    const firstStream = outcomes.reduce((min, o) => (o.ok && o.events[0] ? Math.min(min, o.events[0].stream) : min), Infinity);
    if (firstStream !== Infinity) this.notDurable.push(firstStream);
    try {
      await this.writer.durable();
    } catch (err) {
      // Committed but maybe not on disk: no 200 may promise it. A retry of the same txn finds
      // the stored event (if it survived) and answers with it.
      for (const item of batch) item.reject(err);
      return;
    } finally {
      if (firstStream !== Infinity) this.notDurable.splice(this.notDurable.indexOf(firstStream), 1);
    }
    batch.forEach((item, i) => {
      const o = outcomes[i];
      if (o?.ok) item.resolve(o.events);
      else item.reject(o ? o.err : new Error('append lost its outcome'));
    });
  }

  /**
   * Inside the batch's IMMEDIATE transaction (the write lock is ours, so nothing else moves
   * the stream or a room meanwhile): each room's row is read once, its head carried from append
   * to append in memory and written once at the end, and the stream position is read once and
   * written once. An append's refusal (its decision or a guard said no) fails it alone and
   * leaves nothing behind: the guarded inserts come first and a refused one undoes the txn row
   * before it. Any other error aborts the whole batch.
   */
  private writeBatch(batch: PendingAppend[]): Outcome[] {
    const rooms = new Map<string, BatchRoom>();
    const stream = { next: Number(this.get<{ position: number | bigint }>(SQL.selectEventsPosition, [])?.position ?? 0) + 1 };
    const firstOfBatch = stream.next;
    const outcomes = batch.map((item): Outcome => {
      try {
        const events = item.options.newRoom
          ? this.inSavepoint(() => this.appendOne(item, rooms, stream))
          : this.appendOne(item, rooms, stream);
        return { ok: true, events };
      } catch (err) {
        if (!isRefusal(err)) throw err;
        // A refused creation's room row was rolled back with its savepoint.
        if (item.options.newRoom) rooms.delete(item.roomId);
        return { ok: false, err };
      }
    });
    for (const [roomId, room] of rooms) {
      if (room.head !== room.storedHead) this.run(SQL.updateRoomHead, [room.head, room.depth, room.stateVersion - room.storedStateVersion, roomId]);
    }
    if (stream.next > firstOfBatch) this.run(SQL.setEventsPosition, [stream.next - 1]);
    return outcomes;
  }

  private inSavepoint<T>(fn: () => T): T {
    return this.writer.raw.transaction(fn)();
  }

  private appendOne(item: PendingAppend, rooms: Map<string, BatchRoom>, stream: { next: number }): AppendedEvent[] {
    const { roomId, decide, options } = item;
    const now = this.now();
    if (options.newRoom) {
      const w = planNewRoom(options.newRoom, now);
      if (this.run(w.sql, w.params).changes === 0) throw new RoomExistsError(roomId);
    }
    const room = this.roomOf(roomId, rooms);
    const state = this.stateOf(roomId, room);
    const snapshot: RoomSnapshot = {
      roomId,
      roomVersion: room.roomVersion,
      prevEventIds: room.head ? [room.head] : [],
      depth: room.depth,
      state: (type, key) => state.get(stateKeyOf(type, key)),
    };
    const drafts = decide(snapshot);
    const last = drafts[drafts.length - 1];
    if (!last) return [];
    const first = stream.next;
    const { writes, stateChanged } = planRows(roomId, drafts, first, now);
    for (const w of writes) {
      const refusal = this.applyWrite(w);
      if (refusal) {
        for (const undo of undoGuards(drafts)) this.run(undo.sql, undo.params);
        throw refusal;
      }
    }
    stream.next += drafts.length;
    room.head = last.eventId;
    room.depth = last.pdu.depth;
    if (stateChanged) {
      room.stateVersion += 1;
      room.state = undefined;
    }
    return drafts.map((d, i) => ({ eventId: d.eventId, stream: first + i }));
  }

  /** The room as this batch has left it so far (read from its row on first use). */
  private roomOf(roomId: string, rooms: Map<string, BatchRoom>): BatchRoom {
    const known = rooms.get(roomId);
    if (known) return known;
    const row = this.get<RoomRow>(SQL.selectRoom, [roomId]);
    if (!row || !isSupportedRoomVersion(row.room_version)) throw new RoomNotFoundError(roomId);
    const version = Number(row.state_version);
    const room: BatchRoom = {
      roomVersion: row.room_version,
      head: row.head_event_id,
      depth: Number(row.head_depth),
      storedHead: row.head_event_id,
      storedStateVersion: version,
      stateVersion: version,
    };
    rooms.set(roomId, room);
    return room;
  }

  /**
   * Current state, from the cache when it holds the room's state_version. After a state change
   * in this batch it is read again: the transaction sees its own writes.
   */
  private stateOf(roomId: string, room: BatchRoom): StateMap {
    if (room.state) return room.state;
    let state = this.stateCache.get(roomId, room.stateVersion);
    if (!state) {
      state = stateMapFromRows(this.all(SQL.selectState, [roomId]));
      this.stateCache.set(roomId, room.stateVersion, state);
    }
    room.state = state;
    return state;
  }

  /** Runs one write; a guarded insert that changed nothing returns the refusal to throw. */
  private applyWrite(w: PlannedWrite): Error | undefined {
    const changes = this.run(w.sql, w.params).changes;
    if (changes > 0 || !w.guard) return undefined;
    if (w.guard === 'annotation') return new DuplicateAnnotationError();
    const [userId, deviceId, roomId, eventType, txnId] = w.params as string[];
    const existing = this.get<{ event_id: string }>(SQL.selectTxn, [userId, deviceId, roomId, eventType, txnId]);
    return new TxnConflictError(existing?.event_id);
  }

  async getEvent(eventId: string): Promise<StoredEvent | undefined> {
    const row = this.get<EventRow>(SQL.selectEvent, [eventId]);
    return row ? toStoredEvent(row) : undefined;
  }
}
