import type {
  AppendDecision,
  AppendOptions,
  AppendedEvent,
  EventStore,
  StoredEvent,
  TxnKey,
} from '@courier/server-domain';
import type { PostgresDatabase } from '../db/database';
import { rollback, withPoolClient } from '../db/pg-client';
import { AppendQueue, type PendingAppend } from './append-queue';
import { PG_BATCH_SQL } from './pg-batch-sql';
import { txnColumns } from './pg-batch-params';
import { PgBatchWriter } from './pg-batch-writer';
import { writeFastPath } from './pg-fast-path';
import { KnownRooms } from './pg-known-rooms';
import { txnIdOf } from './pg-batch-pass';
import { LookupBatcher } from './pg-lookup-batcher';
import { toStoredEvent, type EventRow } from './rows';

/**
 * The PostgreSQL event store, safe with many server instances on one database.
 *
 * Appends are group-committed: those that arrive while a batch is being written form the next
 * batch, one transaction, so one WAL flush (synchronous_commit=on) covers many sends. Rooms
 * are spread over a few lanes (by a hash of the room ID), each writing its own batches on its
 * own connection. A batch is written set-based, in the same few statements whatever its size:
 * - its rooms are locked in one statement, in sorted order, so two batches (of any instances)
 *   cannot deadlock; appends to one room are serialised and its events stay a line;
 * - the decisions run in memory in batch order, each on its room as the appends before it
 *   left it; the unique indexes (client_txns, annotations) decide exactly-once and duplicates,
 *   and a refusal fails only its own append;
 * - one statement claims the batch's stream positions and writes every row. The stream row
 *   stays locked until the commit, so batches commit in stream order: a reader that has seen
 *   position n can never later find n-1 appear.
 * While this instance is the only writer of the batch's rooms, all of that is one statement on
 * its own (pg-fast-path.ts); otherwise, or when it is refused, the careful path does it in a
 * transaction: BEGIN, lock, load missing state, write, COMMIT (pg-batch-writer.ts).
 */
export class PostgresEventStore implements EventStore {
  private readonly known = new KnownRooms();
  private readonly queues: AppendQueue[];
  /** Concurrent findTxn / getEvent calls share one query each; none is answered from a cache. */
  private readonly txnLookups: LookupBatcher<TxnKey, string>;
  private readonly eventLookups: LookupBatcher<string, EventRow>;

  /**
   * Two lanes: of 1, 2 and 4, measured with `npm run bench` (one instance, 10 rooms) and with the
   * store driven alone, 2 wrote the most alone and no less than the others through HTTP; more
   * lanes mostly queue on the stream row.
   */
  constructor(private readonly db: PostgresDatabase, private readonly now: () => number = Date.now, lanes = 2) {
    this.queues = Array.from({ length: lanes }, () => new AppendQueue((batch) => this.writeBatch(batch)));
    this.txnLookups = new LookupBatcher(async (keys) => {
      const { rows } = await this.db.pool.query<{ ord: string; event_id: string }>({ ...PG_BATCH_SQL.selectTxns, values: txnColumns(keys) });
      const found = new Map(rows.map((r) => [Number(r.ord), r.event_id]));
      return keys.map((_, i) => found.get(i + 1));
    }, txnIdOf);
    this.eventLookups = new LookupBatcher(async (eventIds) => {
      const { rows } = await this.db.pool.query<EventRow>({ ...PG_BATCH_SQL.selectEvents, values: [eventIds] });
      const found = new Map(rows.map((r) => [r.event_id, r]));
      return eventIds.map((id) => found.get(id));
    }, (eventId) => eventId);
  }

  private laneOf(roomId: string): AppendQueue {
    let h = 0;
    for (let i = 0; i < roomId.length; i++) h = (h * 31 + roomId.charCodeAt(i)) | 0;
    return this.queues[Math.abs(h) % this.queues.length] as AppendQueue;
  }

  findTxn(key: TxnKey): Promise<string | undefined> {
    return this.txnLookups.get(key);
  }

  append(roomId: string, decide: AppendDecision, options: AppendOptions = {}): Promise<AppendedEvent[]> {
    return this.laneOf(roomId).push(roomId, decide, options);
  }

  /**
   * The fast path while this instance is the only writer of the batch's rooms; whatever it
   * leaves (a room moved on, a guard refused, a room creation) the careful path writes in one
   * transaction. Each append is answered once the commit that wrote it is done.
   * If the connection dies before the answer (a restart, a failover), an append whose
   * statement or COMMIT was in flight may or may not be committed: it is failed, never
   * acknowledged, and the client's retry with the same txnId finds the stored event or writes
   * it once (the txn primary key).
   */
  private async writeBatch(batch: PendingAppend[]): Promise<void> {
    const now = this.now();
    let rest = batch;
    try {
      await withPoolClient(this.db.pool, async (client, discard) => {
        const quiet = batch.some((i) => i.options.newRoom) ? undefined : this.known.quietChains(batch.map((i) => i.roomId));
        if (quiet) {
          const fast = await writeFastPath(client, batch, quiet, this.known, now);
          rest = fast.outcomes.answer(batch);
          if (fast.error) throw fast.error;
        }
        if (rest.length === 0) return;
        const writer = new PgBatchWriter(client, this.known, now);
        try {
          await client.query('BEGIN');
          await writer.write(rest);
          await client.query('COMMIT');
        } catch (err) {
          await rollback(client, discard);
          throw err;
        }
        writer.remember();
        for (const item of writer.outcomes.answer(rest)) item.reject(new Error('append lost its outcome'));
      });
    } catch (err) {
      // The rooms may now be other than remembered; they are read again under their locks.
      this.known.clear();
      for (const item of rest) item.reject(err);
    }
  }

  async getEvent(eventId: string): Promise<StoredEvent | undefined> {
    // Parsed per caller: callers sharing a row must not share (and so mutate) one object.
    const row = await this.eventLookups.get(eventId);
    return row ? toStoredEvent(row) : undefined;
  }
}
