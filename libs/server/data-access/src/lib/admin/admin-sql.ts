import type { Database } from '../db/database';

/** The admin read queries, in PostgreSQL placeholder style (compiled for SQLite). */
const EVENT_COLUMNS = 'e.stream, e.event_id, e.room_id, e.sender, e.type, e.state_key, e.json, e.redacted_by';

/** A case-insensitive substring match of `$n`, a pattern made by likePattern(). */
const matches = (expr: string, n: number) => `LOWER(COALESCE(${expr}, '')) LIKE $${n} ESCAPE '\\'`;

/** The room name from its m.room.name state event's JSON: the one place the dialects differ. */
function roomNameExpr(kind: Database['kind']): string {
  return kind === 'sqlite' ? "json_extract(ne.json, '$.content.name')" : "(ne.json::jsonb -> 'content' ->> 'name')";
}

/**
 * A room's last activity, one backward seek on (room_id, stream). On PostgreSQL, given
 * `e.room_id = r.room_id ORDER BY e.stream DESC`, the planner may walk the primary key backwards
 * through every newer event instead; there it is the newest event at or below the room in index
 * order (NULL when that belongs to another room). SQLite seeks with the plain form.
 */
function lastActivityExpr(kind: Database['kind']): string {
  return kind === 'sqlite'
    ? '(SELECT e.origin_server_ts FROM events e WHERE e.room_id = r.room_id ORDER BY e.stream DESC LIMIT 1)'
    : `(SELECT CASE WHEN e.room_id = r.room_id THEN e.origin_server_ts END FROM events e WHERE e.room_id <= r.room_id
        ORDER BY e.room_id DESC, e.stream DESC LIMIT 1)`;
}

export function adminSql(kind: Database['kind']) {
  const name = roomNameExpr(kind);
  const lastActivity = lastActivityExpr(kind);
  const rooms = (where: string) => `SELECT r.room_id, r.room_version, r.creator, r.created_at, r.is_public, ${name} AS name,
      (SELECT COUNT(*) FROM room_members m WHERE m.room_id = r.room_id AND m.membership = 'join') AS joined,
      ${lastActivity} AS last_ts
    FROM rooms r
    LEFT JOIN room_state rs ON rs.room_id = r.room_id AND rs.type = 'm.room.name' AND rs.state_key = ''
    LEFT JOIN events ne ON ne.event_id = rs.event_id
    WHERE ${where}`;
  const users = (where: string) => `SELECT user_id, displayname, is_admin, deactivated, locked, created_at FROM users
    WHERE ${where} ORDER BY user_id LIMIT $2`;
  return {
    users: users('user_id > $1'),
    usersMatching: users(`user_id > $1 AND (${matches('user_id', 3)} OR ${matches('displayname', 3)})`),
    devices: `SELECT d.device_id, d.display_name, d.created_at, d.last_seen_ts,
        (SELECT COUNT(*) FROM access_tokens t WHERE t.user_id = d.user_id AND t.device_id = d.device_id) AS token_count
      FROM devices d WHERE d.user_id = $1 ORDER BY d.created_at, d.device_id`,
    rooms: `${rooms('r.room_id > $1')} ORDER BY r.room_id LIMIT $2`,
    roomsMatching: `${rooms(`r.room_id > $1 AND (${matches('r.room_id', 3)} OR ${matches(name, 3)})`)} ORDER BY r.room_id LIMIT $2`,
    room: rooms('r.room_id = $1'),
    // Neither count reads the events table: the number of events is the events stream position
    // (every event claims exactly one position in the transaction that writes it, and events are
    // never deleted), and the events of the last minute are a range of the origin_server_ts
    // index (migration 0003), as long as what it counts.
    stats: `SELECT (SELECT COUNT(*) FROM users) AS users, (SELECT COUNT(*) FROM rooms) AS rooms,
        (SELECT position FROM stream_positions WHERE name = 'events') AS events,
        (SELECT COUNT(*) FROM events WHERE origin_server_ts >= $1) AS recent`,
    eventsAfter: `SELECT ${EVENT_COLUMNS} FROM events e WHERE e.stream > $1 ORDER BY e.stream LIMIT $2`,
    roomEventsAfter: `SELECT ${EVENT_COLUMNS} FROM events e WHERE e.room_id = $3 AND e.stream > $1 ORDER BY e.stream LIMIT $2`,
    relations: `SELECT r.event_id, r.rel_type, e.sender, e.type FROM relations r JOIN events e ON e.event_id = r.event_id
      WHERE r.relates_to_id = $1 AND r.rel_type <> 'm.annotation' ORDER BY e.stream LIMIT $2`,
    annotations: `SELECT a.event_type, a.key, COUNT(*) AS n FROM annotations a WHERE a.target_event_id = $1
      GROUP BY a.event_type, a.key ORDER BY COUNT(*) DESC, a.key LIMIT $2`,
  } as const;
}

/** `%text%` for LIKE with its wildcards escaped, lower-cased (the column side is LOWER()ed too). */
export function likePattern(search: string): string {
  return `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
