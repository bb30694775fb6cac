import type { PublicRoomSummary, RoomDirectoryStore } from '@courier/server-domain';
import type { Database } from '../db/database';
import { createQueryRunner, type QueryRunner } from '../reading/query-runner';
import { inList } from '../reading/in-list';

/** The state a directory entry shows (each at state_key ""), and the joined count, per room. */
const SQL = {
  entryState: (inList: string) => `SELECT rs.room_id, rs.type, e.json FROM room_state rs JOIN events e ON e.event_id = rs.event_id
    WHERE rs.room_id IN (${inList}) AND rs.state_key = '' AND rs.type IN ('m.room.name', 'm.room.topic', 'm.room.avatar',
      'm.room.canonical_alias', 'm.room.join_rules', 'm.room.history_visibility', 'm.room.guest_access', 'm.room.create')`,
  joinedCounts: (inList: string) =>
    `SELECT room_id, COUNT(*) AS n FROM room_members WHERE room_id IN (${inList}) AND membership = 'join' GROUP BY room_id`,
  stateEvent: `SELECT e.json FROM room_state rs JOIN events e ON e.event_id = rs.event_id
    WHERE rs.room_id = $1 AND rs.type = $2 AND rs.state_key = $3`,
};

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * The public room list: rooms.is_public, listed through the (is_public, room_id) index, and
 * each listed room's entry read by primary-key seeks on room_state and room_members, so a page
 * costs what it shows, whatever the number of rooms or events.
 */
export class SqlRoomDirectoryStore implements RoomDirectoryStore {
  private readonly q: QueryRunner;
  constructor(db: Database) {
    this.q = createQueryRunner(db);
  }

  async isPublic(roomId: string): Promise<boolean | undefined> {
    const rows = await this.q.all<{ is_public: unknown }>('SELECT is_public FROM rooms WHERE room_id = $1', [roomId]);
    const v = rows[0]?.is_public;
    return v === undefined ? undefined : v === true || v === 1 || v === 1n;
  }

  async setPublic(roomId: string, isPublic: boolean): Promise<void> {
    await this.q.run('UPDATE rooms SET is_public = $1 WHERE room_id = $2', [isPublic, roomId]);
  }

  async publicRoomIds(after: string, limit: number): Promise<string[]> {
    const rows = await this.q.all<{ room_id: string }>('SELECT room_id FROM rooms WHERE is_public = $1 AND room_id > $2 ORDER BY room_id LIMIT $3', [
      true,
      after,
      limit,
    ]);
    return rows.map((r) => r.room_id);
  }

  async stateEvent(roomId: string, type: string, stateKey: string): Promise<{ sender: string; content: Record<string, unknown> } | undefined> {
    const rows = await this.q.all<{ json: string }>(SQL.stateEvent, [roomId, type, stateKey]);
    const json = rows[0]?.json;
    if (json === undefined) return undefined;
    const pdu = JSON.parse(json) as { sender: string; content?: Record<string, unknown> };
    return { sender: pdu.sender, content: pdu.content ?? {} };
  }

  async summaries(roomIds: readonly string[]): Promise<PublicRoomSummary[]> {
    if (roomIds.length === 0) return [];
    const list = inList(roomIds, 1);
    const state = await this.q.all<{ room_id: string; type: string; json: string }>(SQL.entryState(list.sql), list.params);
    const counts = await this.q.all<{ room_id: string; n: unknown }>(SQL.joinedCounts(list.sql), list.params);
    const contents = new Map<string, Map<string, Record<string, unknown>>>();
    for (const row of state) {
      const pdu = JSON.parse(row.json) as { content?: Record<string, unknown> };
      let m = contents.get(row.room_id);
      if (!m) contents.set(row.room_id, (m = new Map()));
      m.set(row.type, pdu.content ?? {});
    }
    const joined = new Map(counts.map((c) => [c.room_id, Number(c.n)]));
    return roomIds.map((roomId) => {
      const c = contents.get(roomId) ?? new Map<string, Record<string, unknown>>();
      const entry: PublicRoomSummary = {
        room_id: roomId,
        num_joined_members: joined.get(roomId) ?? 0,
        world_readable: c.get('m.room.history_visibility')?.['history_visibility'] === 'world_readable',
        guest_can_join: c.get('m.room.guest_access')?.['guest_access'] === 'can_join',
        join_rule: str(c.get('m.room.join_rules')?.['join_rule']) ?? 'invite',
      };
      const name = str(c.get('m.room.name')?.['name']);
      const topic = str(c.get('m.room.topic')?.['topic']);
      const avatar = str(c.get('m.room.avatar')?.['url']);
      const alias = str(c.get('m.room.canonical_alias')?.['alias']);
      const roomType = str(c.get('m.room.create')?.['type']);
      if (name) entry.name = name;
      if (topic) entry.topic = topic;
      if (avatar) entry.avatar_url = avatar;
      if (alias) entry.canonical_alias = alias;
      if (roomType) entry.room_type = roomType;
      return entry;
    });
  }
}
