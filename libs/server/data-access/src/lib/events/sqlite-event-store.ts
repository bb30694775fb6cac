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
import type BetterSqlite3 from 'better-sqlite3';
import { bindForSqlite, compileForSqlite, type CompiledSql } from '../db/sql';
import { withSqliteBusyRetry } from '../db/sqlite-busy';
import { SQL } from './event-sql';
import { planAppend, planNewRoom, type PlannedWrite } from './plan-writes';
import { RoomStateCache, stateKeyOf, stateMapFromRows } from './room-state-cache';
import { toStoredEvent, type EventRow, type RoomRow } from './rows';

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
 * own (its unique-violation answer included) while the fsync of synchronous=FULL is paid once.
 * Every promise resolves only after that commit.
 */
export class SqliteEventStore implements EventStore {
  private readonly stateCache = new RoomStateCache();
  private queue: PendingAppend[] = [];
  private flushScheduled = false;

  constructor(private readonly db: SqliteDatabase, private readonly now: () => number = Date.now) {}

  /** Prepared once per statement text: preparing costs more than running these small statements. */
  private readonly statements = new Map<string, { stmt: BetterSqlite3.Statement; order: CompiledSql }>();

  private prepared(sql: string) {
    let entry = this.statements.get(sql);
    if (!entry) {
      const order = compileForSqlite(sql);
      entry = { stmt: this.db.raw.prepare(order.text), order };
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

  async findTxn(key: TxnKey): Promise<string | undefined> {
    return this.get<{ event_id: string }>(SQL.selectTxn, [key.userId, key.deviceId, key.roomId, key.eventType, key.txnId])?.event_id;
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
    const outcomes: Array<{ ok: true; events: AppendedEvent[] } | { ok: false; err: unknown }> = [];
    const commitBatch = this.db.raw.transaction(() => {
      outcomes.length = 0;
      for (const item of batch) {
        const one = this.db.raw.transaction(() => this.appendInTransaction(item.roomId, item.decide, item.options));
        try {
          outcomes.push({ ok: true, events: one() });
        } catch (err) {
          outcomes.push({ ok: false, err });
        }
      }
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
    batch.forEach((item, i) => {
      const o = outcomes[i];
      if (o?.ok) item.resolve(o.events);
      else item.reject(o ? o.err : new Error('append lost its outcome'));
    });
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
