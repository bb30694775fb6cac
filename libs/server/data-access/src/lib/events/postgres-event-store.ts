import { randomInt } from 'node:crypto';
import type { PoolClient } from 'pg';
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
import type { PostgresDatabase } from '../db/database';
import { AppendQueue, type PendingAppend } from './append-queue';
import { SQL } from './event-sql';
import { planAppend, planNewRoom, undoGuards, type PlannedWrite } from './plan-writes';
import { RoomStateCache, stateKeyOf, stateMapFromRows } from './room-state-cache';
import { toStoredEvent, type EventRow, type RoomRow } from './rows';

/**
 * An append's own refusal (the decision said no, or a unique index did), which fails only that
 * append. A database driver error carries a SQLSTATE `code`: that is an infrastructure failure,
 * and the transaction is aborted, so it fails the whole batch.
 */
function isRefusal(err: unknown): boolean {
  return !(err instanceof Error && 'code' in err);
}

const REMAP_EVENTS =
  'UPDATE events SET stream = m.real FROM (SELECT unnest($1::bigint[]) AS tmp, unnest($2::bigint[]) AS real) m WHERE events.stream = m.tmp';
const REMAP_MEMBERS =
  'UPDATE room_members SET stream = m.real FROM (SELECT unnest($1::bigint[]) AS tmp, unnest($2::bigint[]) AS real) m WHERE room_members.stream = m.tmp';

/**
 * The PostgreSQL event store, safe with many server instances on one database.
 *
 * Appends are group-committed: those that arrive while a batch is being written form the next
 * batch, one transaction, so one WAL flush (synchronous_commit=on) covers many sends. Rooms
 * are spread over a few queues (by a hash of the room ID), each writing its own batches on its
 * own connection, so sends to different rooms do not wait for each other's round trips.
 * - Phase 1, per append, each failing alone: `SELECT … FOR UPDATE` on the room row (appends to
 *   one room are serialised: its events stay a line), the decision on current state, then the
 *   guarded inserts (txn, annotation; a refusal undoes the txn row before it) and every other
 *   row, events under temporary negative positions. Only a room creation uses a SAVEPOINT.
 *   Rooms are locked in sorted order, so two batches (of any instances) cannot deadlock.
 * - Phase 2: the batch claims its real stream positions by updating the one stream row and
 *   renumbers its events. That row lock is held until COMMIT, so batches commit in stream
 *   order: a reader that has seen position n can never later find n-1 appear.
 * The unique indexes (client_txns, annotations) decide exactly-once and duplicates.
 */
export class PostgresEventStore implements EventStore {
  private readonly stateCache = new RoomStateCache();
  private readonly queues: AppendQueue[];

  constructor(private readonly db: PostgresDatabase, private readonly now: () => number = Date.now, lanes = 4) {
    this.queues = Array.from({ length: lanes }, () => new AppendQueue((batch) => this.writeBatch(batch)));
  }

  private laneOf(roomId: string): AppendQueue {
    let h = 0;
    for (let i = 0; i < roomId.length; i++) h = (h * 31 + roomId.charCodeAt(i)) | 0;
    return this.queues[Math.abs(h) % this.queues.length] as AppendQueue;
  }

  async findTxn(key: TxnKey): Promise<string | undefined> {
    const { rows } = await this.db.pool.query<{ event_id: string }>(SQL.selectTxn, [key.userId, key.deviceId, key.roomId, key.eventType, key.txnId]);
    return rows[0]?.event_id;
  }

  append(roomId: string, decide: AppendDecision, options: AppendOptions = {}): Promise<AppendedEvent[]> {
    return this.laneOf(roomId).push(roomId, decide, options);
  }

  private async writeBatch(batch: PendingAppend[]): Promise<void> {
    const ordered = [...batch].sort((a, b) => (a.roomId < b.roomId ? -1 : a.roomId > b.roomId ? 1 : 0));
    const client = await this.db.pool.connect();
    const outcomes = new Map<PendingAppend, { temp: number[]; err?: unknown }>();
    // Temporary positions: a random negative range, so two transactions' rows almost never
    // collide (and if they do, the index makes the later one wait, never fail). Kept well
    // inside ±2^53 so every position is exact as a JS number.
    let nextTemp = -(randomInt(1, 2 ** 30) * 1_000_000);
    try {
      await client.query('BEGIN');
      for (const item of ordered) {
        const first = nextTemp;
        try {
          const count = await this.appendOne(client, item, first);
          nextTemp += count;
          outcomes.set(item, { temp: Array.from({ length: count }, (_, i) => first + i) });
        } catch (err) {
          if (!isRefusal(err)) throw err;
          outcomes.set(item, { temp: [], err });
        }
      }
      const temps = ordered.flatMap((item) => outcomes.get(item)?.temp ?? []);
      const real = await this.claimAndRenumber(client, temps);
      await client.query('COMMIT');
      for (const item of ordered) {
        const o = outcomes.get(item);
        if (!o || o.err !== undefined) item.reject(o?.err ?? new Error('append lost its outcome'));
        else item.resolve(item.eventIds.map((eventId, i) => ({ eventId, stream: real.get(o.temp[i] ?? 0) ?? 0 })));
      }
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      // State cached inside the failed transaction may be ahead of the database.
      this.stateCache.clear();
      for (const item of batch) item.reject(err);
    } finally {
      client.release();
    }
  }

  /** Claims one real position per temporary one, in order, and renumbers the batch's rows. */
  private async claimAndRenumber(client: PoolClient, temps: number[]): Promise<Map<number, number>> {
    const real = new Map<number, number>();
    if (temps.length === 0) return real;
    const claimed = await client.query<{ position: string }>(SQL.claimStream, [temps.length]);
    const first = Number(claimed.rows[0]?.position) - temps.length + 1;
    temps.forEach((t, i) => real.set(t, first + i));
    const reals = temps.map((t) => real.get(t));
    await client.query(REMAP_EVENTS, [temps, reals]);
    await client.query(REMAP_MEMBERS, [temps, reals]);
    return real;
  }

  /**
   * Phase 1 of one append. A refusal (a domain or Matrix error) leaves nothing behind: the
   * decision throws before any write, and a refused guard undoes the txn row before it. A
   * room creation writes its room row first, so it alone runs inside a savepoint.
   */
  private async appendOne(client: PoolClient, item: PendingAppend, firstTemp: number): Promise<number> {
    if (!item.options.newRoom) return this.appendInTransaction(client, item, firstTemp);
    await client.query('SAVEPOINT create_room');
    try {
      const count = await this.appendInTransaction(client, item, firstTemp);
      await client.query('RELEASE SAVEPOINT create_room');
      return count;
    } catch (err) {
      await client.query('ROLLBACK TO SAVEPOINT create_room');
      throw err;
    }
  }

  /** Returns how many events it wrote (under temporary positions). */
  private async appendInTransaction(client: PoolClient, item: PendingAppend, firstTemp: number): Promise<number> {
    const { roomId, decide, options } = item;
    const now = this.now();
    if (options.newRoom) {
      const w = planNewRoom(options.newRoom, now);
      if ((await client.query(w.sql, w.params)).rowCount === 0) throw new RoomExistsError(roomId);
    }
    const room = (await client.query<RoomRow>(SQL.selectRoomForUpdate, [roomId])).rows[0];
    if (!room || !isSupportedRoomVersion(room.room_version)) throw new RoomNotFoundError(roomId);
    const version = Number(room.state_version);
    let state = this.stateCache.get(roomId, version);
    if (!state) {
      state = stateMapFromRows((await client.query<{ event_id: string; json: string }>(SQL.selectState, [roomId])).rows);
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
    for (const w of planAppend(roomId, drafts, firstTemp, now)) {
      const refusal = await this.applyWrite(client, w);
      if (refusal) {
        for (const undo of undoGuards(drafts)) await client.query(undo.sql, undo.params);
        throw refusal;
      }
    }
    item.eventIds = drafts.map((d) => d.eventId);
    return drafts.length;
  }

  /** Runs one write; a guarded insert that changed nothing returns the refusal to throw. */
  private async applyWrite(client: PoolClient, w: PlannedWrite): Promise<Error | undefined> {
    const { rowCount } = await client.query(w.sql, w.params);
    if ((rowCount ?? 0) > 0 || !w.guard) return undefined;
    if (w.guard === 'annotation') return new DuplicateAnnotationError();
    const [userId, deviceId, roomId, eventType, txnId] = w.params as string[];
    const existing = await client.query<{ event_id: string }>(SQL.selectTxn, [userId, deviceId, roomId, eventType, txnId]);
    return new TxnConflictError(existing.rows[0]?.event_id);
  }

  async getEvent(eventId: string): Promise<StoredEvent | undefined> {
    const { rows } = await this.db.pool.query<EventRow>(SQL.selectEvent, [eventId]);
    return rows[0] ? toStoredEvent(rows[0]) : undefined;
  }
}
