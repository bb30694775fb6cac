import type {
  AdminStore,
  DeviceSummary,
  EventRelations,
  ListQuery,
  Page,
  ReadEvent,
  RoomListing,
  ServerStats,
  UserSummary,
} from '@courier/server-domain';
import type { Database } from '../db/database';
import { createQueryRunner, type QueryRunner } from '../reading/query-runner';
import { toReadEvent, type ReadEventRow } from '../events/rows';
import { adminSql, likePattern } from './admin-sql';

type Num = number | string | bigint;
/** SQLite gives booleans back as 0/1, PostgreSQL as booleans. */
const bool = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 't';
const num = (v: Num | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));

interface UserRow { user_id: string; displayname: string | null; avatar_url: string | null; is_admin: unknown; deactivated: unknown; locked: unknown; created_at: Num }
interface RoomRow { room_id: string; room_version: string; creator: string; created_at: Num; is_public: unknown; name: unknown; joined: Num; last_ts: Num | null }

const toRoom = (r: RoomRow): RoomListing => ({
  roomId: r.room_id,
  roomVersion: r.room_version,
  creator: r.creator,
  createdAt: Number(r.created_at),
  isPublic: bool(r.is_public),
  name: typeof r.name === 'string' ? r.name : null,
  joinedMembers: Number(r.joined),
  lastActivityTs: num(r.last_ts),
});

/** Fetches one row more than asked, to know whether a next page exists without counting. */
function page<R, T>(rows: R[], limit: number, map: (r: R) => T, key: (t: T) => string): Page<T> {
  const items = rows.slice(0, limit).map(map);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? key(last) : null };
}

/** The admin read side over either database; each query written once (see QueryRunner). */
export class SqlAdminStore implements AdminStore {
  private readonly q: QueryRunner;
  private readonly sql: ReturnType<typeof adminSql>;

  constructor(db: Database) {
    this.q = createQueryRunner(db);
    this.sql = adminSql(db.kind);
  }

  private list<R>(plain: string, matching: string, query: ListQuery): Promise<R[]> {
    const params: unknown[] = [query.cursor ?? '', query.limit + 1];
    return query.search ? this.q.all<R>(matching, [...params, likePattern(query.search)]) : this.q.all<R>(plain, params);
  }

  async listUsers(query: ListQuery): Promise<Page<UserSummary>> {
    const rows = await this.list<UserRow>(this.sql.users, this.sql.usersMatching, query);
    const toUser = (r: UserRow): UserSummary => ({
      userId: r.user_id,
      displayname: r.displayname,
      avatarUrl: r.avatar_url,
      isAdmin: bool(r.is_admin),
      deactivated: bool(r.deactivated),
      locked: bool(r.locked),
      createdAt: Number(r.created_at),
    });
    return page(rows, query.limit, toUser, (u) => u.userId);
  }

  async devicesOf(userId: string): Promise<DeviceSummary[]> {
    const rows = await this.q.all<{ device_id: string; display_name: string | null; created_at: Num; last_seen_ts: Num | null; token_count: Num }>(
      this.sql.devices,
      [userId],
    );
    return rows.map((r) => ({
      deviceId: r.device_id,
      displayName: r.display_name,
      createdAt: Number(r.created_at),
      lastSeenTs: num(r.last_seen_ts),
      tokenCount: Number(r.token_count),
    }));
  }

  async listRooms(query: ListQuery): Promise<Page<RoomListing>> {
    const rows = await this.list<RoomRow>(this.sql.rooms, this.sql.roomsMatching, query);
    return page(rows, query.limit, toRoom, (r) => r.roomId);
  }

  async getRoom(roomId: string): Promise<RoomListing | undefined> {
    const row = (await this.q.all<RoomRow>(this.sql.room, [roomId]))[0];
    return row ? toRoom(row) : undefined;
  }

  async stats(since: number): Promise<ServerStats> {
    const row = (await this.q.all<{ users: Num; rooms: Num; events: Num; recent: Num }>(this.sql.stats, [since]))[0];
    return { users: Number(row?.users ?? 0), rooms: Number(row?.rooms ?? 0), events: Number(row?.events ?? 0), eventsSince: Number(row?.recent ?? 0) };
  }

  async eventsAfter(after: number, limit: number, roomId?: string): Promise<ReadEvent[]> {
    const rows = roomId === undefined
      ? await this.q.all<ReadEventRow>(this.sql.eventsAfter, [after, limit])
      : await this.q.all<ReadEventRow>(this.sql.roomEventsAfter, [after, limit, roomId]);
    return rows.map(toReadEvent);
  }

  async relationsOf(eventId: string, limit: number): Promise<EventRelations> {
    const relations = await this.q.all<{ event_id: string; rel_type: string; sender: string; type: string }>(this.sql.relations, [eventId, limit]);
    const annotations = await this.q.all<{ event_type: string; key: string; n: Num }>(this.sql.annotations, [eventId, limit]);
    return {
      relations: relations.map((r) => ({ eventId: r.event_id, relType: r.rel_type, sender: r.sender, type: r.type })),
      annotations: annotations.map((a) => ({ type: a.event_type, key: a.key, count: Number(a.n) })),
    };
  }
}
