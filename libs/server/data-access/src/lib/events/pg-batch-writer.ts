import type { PoolClient } from 'pg';
import {
  DuplicateAnnotationError,
  RoomExistsError,
  RoomNotFoundError,
  TxnConflictError,
  isSupportedRoomVersion,
  type EventDraft,
  type NewRoom,
  type TxnKey,
} from '@courier/server-domain';
import type { PendingAppend } from './append-queue';
import { SQL } from './event-sql';
import { planNewRoom } from './plan-writes';
import { PG_BATCH_SQL } from './pg-batch-sql';
import { BatchOutcomes } from './pg-batch-outcomes';
import { isRefusal } from './refusal';
import { decidePass, judgeRefusals, type Decided, type Pass, type RefusalVerdict } from './pg-batch-pass';
import { guardParams, txnColumns, writeStatement } from './pg-batch-params';
import type { KnownRooms } from './pg-known-rooms';
import { RoomChain } from './pg-room-chain';
import { stateMapFromRows, type StateMap } from './room-state-cache';
import type { RoomRow } from './rows';

interface GuardResult {
  base: string | null;
  fresh?: boolean;
  txns: string[];
  annotations: string[];
}

const byRoom = (a: PendingAppend, b: PendingAppend) => (a.roomId < b.roomId ? -1 : a.roomId > b.roomId ? 1 : 0);

/**
 * The careful path: writes one batch inside an open transaction, in a fixed number of round
 * trips: lock all its rooms (one statement, sorted), load the state KnownRooms lacks (one),
 * decide every append in memory, then one statement that inserts the guard rows and, if none
 * refused, claims the stream positions and writes everything else. A refusal costs one statement
 * to undo the guard rows and a retry without the refused appends; a redaction ends a try (see
 * decidePass). Room creations come first, one at a time, each in a savepoint.
 */
export class PgBatchWriter {
  readonly outcomes = new BatchOutcomes();
  private readonly chains = new Map<string, RoomChain>();
  /** Per room: found under its lock as this instance left it (see KnownRooms). */
  private readonly quiet = new Map<string, boolean>();

  constructor(
    private readonly client: PoolClient,
    private readonly known: KnownRooms,
    private readonly now: number,
  ) {}

  /** Everything before COMMIT. */
  async write(batch: PendingAppend[]): Promise<void> {
    const created: Decided[] = [];
    for (const item of batch.filter((i) => i.options.newRoom).sort(byRoom)) {
      const room = item.options.newRoom;
      const done = room && (await this.createRoom(item, room));
      if (done) created.push(done);
    }
    let queue = await this.lockRooms(batch.filter((i) => !i.options.newRoom));
    let guarded = created;
    while (queue.length > 0 || guarded.length > 0) {
      const pass = decidePass(guarded, queue, this.chains);
      if (pass.decided.every((d) => d.drafts.length === 0)) {
        this.accept(pass, 0);
      } else {
        const { rows } = await this.client.query<GuardResult>(writeStatement(pass, this.chains, this.now, false));
        const result = rows[0];
        // The rooms are locked by this transaction: another writer cannot have moved them.
        if (!result?.fresh) throw new Error('a locked room changed under its lock');
        if (result.base !== null) {
          this.accept(pass, Number(result.base));
        } else {
          const verdict = judgeRefusals(pass, queue, new Set(result.txns), new Set(result.annotations));
          await this.undo(pass, verdict);
          queue = queue.filter((i) => !this.outcomes.has(i));
          continue;
        }
      }
      queue = queue.slice(pass.covers);
      guarded = [];
    }
  }

  /** After COMMIT: caches the rooms as this batch left them, for the next batch and the fast path. */
  remember(): void {
    for (const chain of this.chains.values()) {
      this.known.remember(chain, this.quiet.get(chain.roomId) ?? true);
    }
  }

  private accept(pass: Pass, base: number): void {
    this.outcomes.accept(pass, base, this.chains);
  }

  /** A refused try: deletes its guard rows and records the refusals that stand. */
  private async undo(pass: Pass, verdict: RefusalVerdict): Promise<void> {
    const eventIds = pass.decided.filter((d) => !d.guarded).flatMap((d) => d.drafts.map((x) => x.eventId));
    const taken: Array<[PendingAppend, TxnKey]> = [];
    for (const [item, r] of verdict.final) {
      if (r.kind === 'annotation') this.outcomes.fail(item, new DuplicateAnnotationError());
      else if (r.winner) this.outcomes.loseTxn(item, r.key);
      else taken.push([item, r.key]);
    }
    const { rows } = await this.client.query<{ ord: string; event_id: string }>({ ...PG_BATCH_SQL.undoGuards, values: [...txnColumns(taken.map(([, k]) => k)), eventIds] });
    const existing = new Map(rows.map((r) => [Number(r.ord), r.event_id]));
    taken.forEach(([item], i) => this.outcomes.fail(item, new TxnConflictError(existing.get(i + 1))));
    for (const item of verdict.finalDecisions) this.outcomes.fail(item, pass.refused.get(item));
    if (verdict.final.size === 0 && verdict.finalDecisions.length === 0) throw new Error('a refused try refused no append');
  }

  /** Locks the rooms of `items` and builds their chains; returns the appends whose room exists. */
  private async lockRooms(items: PendingAppend[]): Promise<PendingAppend[]> {
    const roomIds = [...new Set(items.map((i) => i.roomId))].filter((id) => !this.chains.has(id));
    if (roomIds.length > 0) {
      const { rows } = await this.client.query<RoomRow & { room_id: string }>({ ...PG_BATCH_SQL.lockRooms, values: [roomIds] });
      const uncached = rows.filter((r) => !this.known.stateAt(r.room_id, Number(r.state_version))).map((r) => r.room_id);
      const loaded = await this.loadStates(uncached);
      for (const row of rows) {
        if (!isSupportedRoomVersion(row.room_version)) continue;
        const version = Number(row.state_version);
        this.quiet.set(row.room_id, this.known.isAsLeft(row.room_id, row.head_event_id, version));
        const state = this.known.stateAt(row.room_id, version) ?? loaded.get(row.room_id) ?? new Map();
        this.chains.set(row.room_id, new RoomChain(row.room_id, row.room_version, row.head_event_id, Number(row.head_depth), state, version));
      }
    }
    return items.filter((item) => {
      if (this.chains.has(item.roomId)) return true;
      this.outcomes.fail(item, new RoomNotFoundError(item.roomId));
      return false;
    });
  }

  private async loadStates(roomIds: string[]): Promise<Map<string, StateMap>> {
    const states = new Map<string, StateMap>();
    if (roomIds.length === 0) return states;
    const { rows } = await this.client.query<{ room_id: string; event_id: string; json: string }>({ ...PG_BATCH_SQL.selectStates, values: [roomIds] });
    const byRoom = new Map<string, typeof rows>(roomIds.map((id) => [id, []]));
    for (const row of rows) byRoom.get(row.room_id)?.push(row);
    for (const [roomId, roomRows] of byRoom) states.set(roomId, stateMapFromRows(roomRows));
    return states;
  }

  /** A room creation: its room row, decision and guard rows, alone in a savepoint. */
  private async createRoom(item: PendingAppend, room: NewRoom): Promise<Decided | undefined> {
    await this.client.query('SAVEPOINT create_room');
    try {
      const w = planNewRoom(room, this.now);
      if ((await this.client.query(w.sql, w.params)).rowCount === 0) throw new RoomExistsError(item.roomId);
      const chain = new RoomChain(item.roomId, room.roomVersion, null, 0, new Map(), 0);
      const drafts = item.decide(chain.snapshot());
      const { rows } = await this.client.query<GuardResult>({ ...PG_BATCH_SQL.guardOnly, values: guardParams([{ item, drafts }], this.now) });
      await this.throwIfRefused(drafts, new Set(rows[0]?.txns), new Set(rows[0]?.annotations));
      await this.client.query('RELEASE SAVEPOINT create_room');
      this.chains.set(item.roomId, chain);
      return { item, drafts, guarded: true };
    } catch (err) {
      await this.client.query('ROLLBACK TO SAVEPOINT create_room');
      if (!isRefusal(err)) throw err;
      this.outcomes.fail(item, err);
      return undefined;
    }
  }

  private async throwIfRefused(drafts: EventDraft[], txns: Set<string>, annotations: Set<string>): Promise<void> {
    for (const d of drafts) {
      if (d.txn && !txns.has(d.eventId)) {
        const t = d.txn;
        const existing = await this.client.query<{ event_id: string }>(SQL.selectTxn, [t.userId, t.deviceId, t.roomId, t.eventType, t.txnId]);
        throw new TxnConflictError(existing.rows[0]?.event_id);
      }
      if (d.annotation && !annotations.has(d.eventId)) throw new DuplicateAnnotationError();
    }
  }
}
