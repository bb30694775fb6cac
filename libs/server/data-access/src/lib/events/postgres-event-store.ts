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
import { planAppend, planNewRoom, type PlannedWrite } from './plan-writes';
import { RoomStateCache, stateKeyOf, stateMapFromRows } from './room-state-cache';
import { toStoredEvent, type EventRow, type RoomRow } from './rows';

const REMAP_EVENTS =
  'UPDATE events SET stream = m.real FROM (SELECT unnest($1::bigint[]) AS tmp, unnest($2::bigint[]) AS real) m WHERE events.stream = m.tmp';
const REMAP_MEMBERS =
  'UPDATE room_members SET stream = m.real FROM (SELECT unnest($1::bigint[]) AS tmp, unnest($2::bigint[]) AS real) m WHERE room_members.stream = m.tmp';

/**
 * The PostgreSQL event store, safe with many server instances on one database.
 *
 * Appends are group-committed: those that arrive while a batch is being written form the next
 * batch, one transaction, so one WAL flush (synchronous_commit=on) covers many sends.
 * - Phase 1, per append in its own SAVEPOINT (so each fails alone): `SELECT … FOR UPDATE` on
 *   the room row (appends to one room are serialised: its events stay a line), the decision
 *   on current state, and every row written — events under temporary negative positions.
 *   Rooms are locked in sorted order, so two instances' batches cannot deadlock.
 * - Phase 2: the batch claims its real stream positions by updating the one stream row and
 *   renumbers its events. That row lock is held until COMMIT, so batches commit in stream
 *   order: a reader that has seen position n can never later find n-1 appear.
 * The unique indexes (client_txns, annotations) decide exactly-once and duplicates.
 */
export class PostgresEventStore implements EventStore {
  private readonly stateCache = new RoomStateCache();
  private readonly queue: AppendQueue;

  constructor(private readonly db: PostgresDatabase, private readonly now: () => number = Date.now) {
    this.queue = new AppendQueue((batch) => this.writeBatch(batch));
  }

  async findTxn(key: TxnKey): Promise<string | undefined> {
    const { rows } = await this.db.pool.query<{ event_id: string }>(SQL.selectTxn, [key.userId, key.deviceId, key.roomId, key.eventType, key.txnId]);
    return rows[0]?.event_id;
  }

  append(roomId: string, decide: AppendDecision, options: AppendOptions = {}): Promise<AppendedEvent[]> {
    return this.queue.push(roomId, decide, options);
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
        await client.query('SAVEPOINT append');
        try {
          const first = nextTemp;
          const count = await this.appendInTransaction(client, item, first);
          nextTemp += count;
          await client.query('RELEASE SAVEPOINT append');
          outcomes.set(item, { temp: Array.from({ length: count }, (_, i) => first + i) });
        } catch (err) {
          await client.query('ROLLBACK TO SAVEPOINT append');
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

  /** Phase 1 of one append; returns how many events it wrote (under temporary positions). */
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
    for (const w of planAppend(roomId, drafts, firstTemp, now)) await this.applyWrite(client, w);
    item.eventIds = drafts.map((d) => d.eventId);
    return drafts.length;
  }

  private async applyWrite(client: PoolClient, w: PlannedWrite): Promise<void> {
    const { rowCount } = await client.query(w.sql, w.params);
    if ((rowCount ?? 0) > 0 || !w.guard) return;
    if (w.guard === 'annotation') throw new DuplicateAnnotationError();
    const [userId, deviceId, roomId, eventType, txnId] = w.params as string[];
    const existing = await client.query<{ event_id: string }>(SQL.selectTxn, [userId, deviceId, roomId, eventType, txnId]);
    throw new TxnConflictError(existing.rows[0]?.event_id);
  }

  async getEvent(eventId: string): Promise<StoredEvent | undefined> {
    const { rows } = await this.db.pool.query<EventRow>(SQL.selectEvent, [eventId]);
    return rows[0] ? toStoredEvent(rows[0]) : undefined;
  }
}
