import type {
  AccessHistory,
  AccountDataChange,
  EventReader,
  PendingToDevice,
  ReadEvent,
  StreamRange,
  SyncPositions,
  UserMembership,
} from '@courier/server-domain';
import type { Database } from '../db/database';
import { inList } from './in-list';
import { createQueryRunner, type QueryRunner } from './query-runner';
import { readSql, type ReadSql } from './reading-sql';
import { contentString, parseObject, toUserMembership, type MembershipRow } from './read-rows';
import { toReadEvent, type ReadEventRow } from '../events/rows';

type Num = number | string | bigint;

/** Events looked up per statement by stream (inList pads to a power of two: 512 stays one text). */
const STATE_CHUNK = 512;

/**
 * The read side over either database, each query written once (see QueryRunner) but for the
 * two correlated seeks that need a form per database (see readSql). Writers own
 * the stream positions; this only reads them, and deletes to-device messages once acknowledged.
 */
export class SqlEventReader implements EventReader {
  private readonly q: QueryRunner;
  private readonly sql: ReadSql;

  /**
   * @param eventsCeiling the highest events position a reader may see while a writer in this
   *   process has commits not yet on disk (SqliteEventStore.readableCeiling); undefined: no cap.
   */
  constructor(db: Database, private readonly eventsCeiling: () => number | undefined = () => undefined) {
    this.q = createQueryRunner(db);
    this.sql = readSql(db.kind);
  }

  async positions(): Promise<SyncPositions> {
    const rows = await this.q.all<{ name: string; position: Num }>(this.sql.positions, []);
    const of = (name: string) => Number(rows.find((r) => r.name === name)?.position ?? 0);
    const ceiling = this.eventsCeiling();
    const events = ceiling === undefined ? of('events') : Math.min(of('events'), ceiling);
    return { events, toDevice: of('to_device'), accountData: of('account_data') };
  }

  async roomsOfUser(userId: string): Promise<UserMembership[]> {
    return (await this.q.all<MembershipRow>(this.sql.roomsOfUser, [userId])).map(toUserMembership);
  }

  async joinedRooms(userId: string): Promise<string[]> {
    return (await this.q.all<{ room_id: string }>(this.sql.joinedRooms, [userId])).map((r) => r.room_id);
  }

  async membership(roomId: string, userId: string): Promise<UserMembership | undefined> {
    const row = (await this.q.all<MembershipRow>(this.sql.membership, [roomId, userId]))[0];
    return row ? toUserMembership(row) : undefined;
  }

  async accessHistory(roomId: string, userId: string): Promise<AccessHistory> {
    const rows = await this.q.all<{ stream: Num; event_id: string; type: string; json: string }>(this.sql.accessHistory, [roomId, userId]);
    const history: AccessHistory = { memberships: [], visibilities: [] };
    for (const r of rows) {
      if (r.type === 'm.room.member') {
        history.memberships.push({ stream: Number(r.stream), eventId: r.event_id, membership: contentString(r.json, 'membership') });
      } else {
        history.visibilities.push({ stream: Number(r.stream), visibility: contentString(r.json, 'history_visibility') });
      }
    }
    return history;
  }

  async joinedRoomsWithEvents(userId: string, range: StreamRange): Promise<Map<string, number>> {
    const rows = await this.q.all<{ room_id: string; latest: Num }>(this.sql.joinedRoomsWithEvents, [userId, range.after, range.upTo]);
    return new Map(rows.map((r) => [r.room_id, Number(r.latest)]));
  }

  async getEvent(eventId: string): Promise<ReadEvent | undefined> {
    const row = (await this.q.all<ReadEventRow>(this.sql.event, [eventId]))[0];
    return row ? toReadEvent(row) : undefined;
  }

  async eventsByIds(eventIds: readonly string[]): Promise<ReadEvent[]> {
    if (eventIds.length === 0) return [];
    const list = inList([...new Set(eventIds)], 1);
    return (await this.q.all<ReadEventRow>(this.sql.eventsByIds(list.sql), list.params)).map(toReadEvent);
  }

  async paginate(roomId: string, range: StreamRange, dir: 'b' | 'f', limit: number): Promise<ReadEvent[]> {
    if (limit <= 0 || range.upTo <= range.after) return [];
    const sql = dir === 'b' ? this.sql.paginateBackwards : this.sql.paginateForwards;
    return (await this.q.all<ReadEventRow>(sql, [roomId, range.after, range.upTo, limit])).map(toReadEvent);
  }

  async currentState(roomId: string): Promise<ReadEvent[]> {
    return (await this.q.all<ReadEventRow>(this.sql.currentState, [roomId])).map(toReadEvent);
  }

  async stateAt(roomId: string, at: number, changedAfter = 0): Promise<ReadEvent[]> {
    if (at <= changedAfter) return [];
    // At or past the room's newest event the answer is current state: a primary-key lookup
    // instead of a walk over the room's state events.
    if (changedAfter === 0) {
      const latest = Number((await this.q.all<{ latest: Num | null }>(this.sql.latestStreamOfRoom, [roomId]))[0]?.latest ?? 0);
      if (at >= latest) {
        const current = await this.currentState(roomId);
        // A state event committed since `latest` was read is past `at`: read the state at `at`.
        if (current.every((e) => e.stream <= at)) return current;
      }
    }
    // Two steps, each an index seek per state key: which event held each key at `at`, then those events.
    const rows = await this.q.all<{ stream: Num | null }>(this.sql.stateStreamsAt, [roomId, at]);
    const streams = rows.flatMap((r) => (r.stream === null ? [] : [Number(r.stream)])).filter((s) => s > changedAfter);
    const events: ReadEvent[] = [];
    // In chunks: a room's state can outgrow SQLite's limit on bound parameters.
    for (let i = 0; i < streams.length; i += STATE_CHUNK) {
      const list = inList(streams.slice(i, i + STATE_CHUNK), 1);
      events.push(...(await this.q.all<ReadEventRow>(this.sql.eventsByStreams(list.sql), list.params)).map(toReadEvent));
    }
    return events.sort((a, b) => a.stream - b.stream);
  }

  async previousStates(events: readonly ReadEvent[]): Promise<Map<string, ReadEvent>> {
    const out = new Map<string, ReadEvent>();
    for (const e of events) {
      if (e.stateKey === null) continue;
      const row = (await this.q.all<ReadEventRow>(this.sql.previousState, [e.roomId, e.type, e.stateKey, e.stream]))[0];
      if (row) out.set(e.eventId, toReadEvent(row));
    }
    return out;
  }

  async memberSummary(roomId: string, exceptUserId: string, heroLimit: number) {
    const counts = await this.q.all<{ membership: string; n: Num }>(this.sql.memberCounts, [roomId]);
    const heroes = await this.q.all<{ user_id: string }>(this.sql.heroes, [roomId, exceptUserId, heroLimit]);
    const count = (m: string) => Number(counts.find((c) => c.membership === m)?.n ?? 0);
    return { joined: count('join'), invited: count('invite'), heroes: heroes.map((h) => h.user_id) };
  }

  async txnIdsFor(eventIds: readonly string[], userId: string, deviceId: string): Promise<Map<string, string>> {
    if (eventIds.length === 0) return new Map();
    const list = inList([...new Set(eventIds)], 1);
    const rows = await this.q.all<{ event_id: string; txn_id: string; user_id: string; device_id: string }>(this.sql.txnIds(list.sql), list.params);
    return new Map(rows.filter((r) => r.user_id === userId && r.device_id === deviceId).map((r) => [r.event_id, r.txn_id]));
  }

  async toDeviceMessages(userId: string, deviceId: string, range: StreamRange, limit: number): Promise<PendingToDevice[]> {
    if (range.upTo <= range.after) return [];
    const rows = await this.q.all<{ stream: Num; sender: string; type: string; content: string }>(this.sql.toDevice, [
      userId,
      deviceId,
      range.after,
      range.upTo,
      limit,
    ]);
    return rows.map((r) => ({ stream: Number(r.stream), sender: r.sender, type: r.type, content: parseObject(r.content) }));
  }

  async ackToDevice(userId: string, deviceId: string, upTo: number): Promise<void> {
    if (upTo <= 0) return;
    await this.q.run(this.sql.ackToDevice, [userId, deviceId, upTo]);
  }

  async accountData(userId: string, range: StreamRange): Promise<AccountDataChange[]> {
    if (range.upTo <= range.after) return [];
    const rows = await this.q.all<{ room_id: string; type: string; content: string; stream: Num }>(this.sql.accountData, [
      userId,
      range.after,
      range.upTo,
    ]);
    return rows.map((r) => ({ roomId: r.room_id, type: r.type, content: parseObject(r.content), stream: Number(r.stream) }));
  }

  async oneTimeKeyCounts(userId: string, deviceId: string): Promise<Record<string, number>> {
    const rows = await this.q.all<{ algorithm: string; n: Num }>(this.sql.oneTimeKeyCounts, [userId, deviceId]);
    return Object.fromEntries(rows.map((r) => [r.algorithm, Number(r.n)]));
  }
}
