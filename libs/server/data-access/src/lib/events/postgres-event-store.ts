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
import { SQL } from './event-sql';
import { planAppend, planNewRoom, type PlannedWrite } from './plan-writes';
import { RoomStateCache, stateKeyOf, stateMapFromRows } from './room-state-cache';
import { toStoredEvent, type EventRow, type RoomRow } from './rows';

/**
 * The PostgreSQL event store, safe with many server instances on one database:
 * - `SELECT … FOR UPDATE` on the room row serialises writers per room, so each room's events
 *   stay a line (prev_events/depth) and auth decisions see the state they commit on;
 * - the stream row is claimed with UPDATE as the last step before the inserts, so its row
 *   lock orders commits: a reader that has seen position n can never later find n-1 appear;
 * - the unique indexes (client_txns, annotations) decide exactly-once and duplicates.
 */
export class PostgresEventStore implements EventStore {
  private readonly stateCache = new RoomStateCache();

  constructor(private readonly db: PostgresDatabase, private readonly now: () => number = Date.now) {}

  async findTxn(key: TxnKey): Promise<string | undefined> {
    const { rows } = await this.db.pool.query<{ event_id: string }>(SQL.selectTxn, [
      key.userId,
      key.deviceId,
      key.roomId,
      key.eventType,
      key.txnId,
    ]);
    return rows[0]?.event_id;
  }

  async append(roomId: string, decide: AppendDecision, options: AppendOptions = {}): Promise<AppendedEvent[]> {
    const client = await this.db.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await this.appendInTransaction(client, roomId, decide, options);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  private async appendInTransaction(
    client: PoolClient,
    roomId: string,
    decide: AppendDecision,
    options: AppendOptions,
  ): Promise<AppendedEvent[]> {
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
    if (drafts.length === 0) return [];
    const claimed = await client.query<{ position: string }>(SQL.claimStream, [drafts.length]);
    const first = Number(claimed.rows[0]?.position) - drafts.length + 1;
    for (const w of planAppend(roomId, drafts, first, now)) await this.applyWrite(client, w);
    return drafts.map((d, i) => ({ eventId: d.eventId, stream: first + i }));
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
