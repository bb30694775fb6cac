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
  type StoredEvent,
  type TxnKey,
} from '@courier/server-domain';
import type { SqliteDatabase } from '../db/database';
import { bindForSqlite, compileForSqlite } from '../db/sql';
import { withSqliteBusyRetry } from '../db/sqlite-busy';
import { SQL } from './event-sql';
import { planAppend, planNewRoom, type PlannedWrite } from './plan-writes';
import { RoomStateCache, stateKeyOf, stateMapFromRows } from './room-state-cache';
import { toStoredEvent, type EventRow, type RoomRow } from './rows';

/**
 * The SQLite event store. Every append is one synchronous IMMEDIATE transaction: SQLite has a
 * single writer, and nothing else runs on the event loop while it is open, so the room lock is
 * implicit and the decision always sees committed, current state.
 */
export class SqliteEventStore implements EventStore {
  private readonly stateCache = new RoomStateCache();

  constructor(private readonly db: SqliteDatabase, private readonly now: () => number = Date.now) {}

  private run(sql: string, params: unknown[]) {
    const c = compileForSqlite(sql);
    return this.db.raw.prepare(c.text).run(...bindForSqlite(c, params));
  }

  private get<T>(sql: string, params: unknown[]): T | undefined {
    const c = compileForSqlite(sql);
    return this.db.raw.prepare(c.text).get(...bindForSqlite(c, params)) as T | undefined;
  }

  private all<T>(sql: string, params: unknown[]): T[] {
    const c = compileForSqlite(sql);
    return this.db.raw.prepare(c.text).all(...bindForSqlite(c, params)) as T[];
  }

  async findTxn(key: TxnKey): Promise<string | undefined> {
    return this.get<{ event_id: string }>(SQL.selectTxn, [key.userId, key.deviceId, key.roomId, key.eventType, key.txnId])?.event_id;
  }

  async append(roomId: string, decide: AppendDecision, options: AppendOptions = {}): Promise<AppendedEvent[]> {
    const tx = this.db.raw.transaction(() => this.appendInTransaction(roomId, decide, options));
    return withSqliteBusyRetry(() => tx.immediate());
  }

  private appendInTransaction(roomId: string, decide: AppendDecision, options: AppendOptions): AppendedEvent[] {
    const now = this.now();
    if (options.newRoom) {
      const w = planNewRoom(options.newRoom, now);
      if (this.run(w.sql, w.params).changes === 0) throw new RoomExistsError(roomId);
    }
    const room = this.get<RoomRow>(SQL.selectRoom, [roomId]);
    if (!room || !isSupportedRoomVersion(room.room_version)) throw new RoomNotFoundError(roomId);
    const version = Number(room.state_version);
    let state = this.stateCache.get(roomId, version);
    if (!state) {
      state = stateMapFromRows(this.all(SQL.selectState, [roomId]));
      this.stateCache.set(roomId, version, state);
    }
    const stateMap = state;
    const snapshot: RoomSnapshot = {
      roomId,
      roomVersion: room.room_version,
      prevEventIds: room.head_event_id ? [room.head_event_id] : [],
      depth: Number(room.head_depth),
      state: (type, key) => stateMap.get(stateKeyOf(type, key)),
    };
    const drafts = decide(snapshot);
    if (drafts.length === 0) return [];
    const claimed = this.get<{ position: number | bigint }>(SQL.claimStream, [drafts.length]);
    const first = Number(claimed?.position) - drafts.length + 1;
    for (const w of planAppend(roomId, drafts, first, now)) this.applyWrite(w);
    return drafts.map((d, i) => ({ eventId: d.eventId, stream: first + i }));
  }

  private applyWrite(w: PlannedWrite): void {
    const changes = this.run(w.sql, w.params).changes;
    if (changes > 0 || !w.guard) return;
    if (w.guard === 'annotation') throw new DuplicateAnnotationError();
    const [userId, deviceId, roomId, eventType, txnId] = w.params as string[];
    const existing = this.get<{ event_id: string }>(SQL.selectTxn, [userId, deviceId, roomId, eventType, txnId]);
    throw new TxnConflictError(existing?.event_id);
  }

  async getEvent(eventId: string): Promise<StoredEvent | undefined> {
    const row = this.get<EventRow>(SQL.selectEvent, [eventId]);
    return row ? toStoredEvent(row) : undefined;
  }
}
