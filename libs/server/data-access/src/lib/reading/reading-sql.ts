/** The read side's statements, in PostgreSQL placeholder style (compiled for SQLite). */
const EVENT_COLUMNS = 'e.stream, e.event_id, e.room_id, e.sender, e.type, e.state_key, e.json, e.redacted_by';

const SHARED_SQL = {
  positions: "SELECT name, position FROM stream_positions WHERE name IN ('events', 'to_device', 'account_data')",
  roomsOfUser: 'SELECT room_id, membership, event_id, stream FROM room_members WHERE user_id = $1',
  joinedRooms: "SELECT room_id FROM room_members WHERE user_id = $1 AND membership = 'join' ORDER BY room_id",
  membership: 'SELECT room_id, membership, event_id, stream FROM room_members WHERE room_id = $1 AND user_id = $2',
  // Both kinds of event decide visibility. Two index seeks on (room_id, type, state_key, stream)
  // (migration 0002), one per kind: behind an OR the planners walked the room's events instead.
  accessHistory: `SELECT m.stream, m.event_id, m.type, m.json FROM events m
      WHERE m.room_id = $1 AND m.type = 'm.room.member' AND m.state_key = $2
    UNION ALL
    SELECT v.stream, v.event_id, v.type, v.json FROM events v
      WHERE v.room_id = $1 AND v.type = 'm.room.history_visibility' AND v.state_key = ''
    ORDER BY 1`,
  event: `SELECT ${EVENT_COLUMNS} FROM events e WHERE e.event_id = $1`,
  eventsByIds: (inList: string) => `SELECT ${EVENT_COLUMNS} FROM events e WHERE e.event_id IN (${inList})`,
  paginateBackwards: `SELECT ${EVENT_COLUMNS} FROM events e
    WHERE e.room_id = $1 AND e.stream > $2 AND e.stream <= $3 ORDER BY e.stream DESC LIMIT $4`,
  paginateForwards: `SELECT ${EVENT_COLUMNS} FROM events e
    WHERE e.room_id = $1 AND e.stream > $2 AND e.stream <= $3 ORDER BY e.stream ASC LIMIT $4`,
  currentState: `SELECT ${EVENT_COLUMNS} FROM room_state rs JOIN events e ON e.event_id = rs.event_id WHERE rs.room_id = $1`,
  latestStreamOfRoom: 'SELECT MAX(stream) AS latest FROM events WHERE room_id = $1',
  eventsByStreams: (inList: string) => `SELECT ${EVENT_COLUMNS} FROM events e WHERE e.stream IN (${inList})`,
  previousState: `SELECT ${EVENT_COLUMNS} FROM events e
    WHERE e.room_id = $1 AND e.type = $2 AND e.state_key = $3 AND e.stream < $4 ORDER BY e.stream DESC LIMIT 1`,
  memberCounts: "SELECT membership, COUNT(*) AS n FROM room_members WHERE room_id = $1 AND membership IN ('join', 'invite') GROUP BY membership",
  heroes: `SELECT user_id FROM room_members WHERE room_id = $1 AND user_id <> $2 AND membership IN ('join', 'invite')
    ORDER BY stream LIMIT $3`,
  // Looked up by event only (its own index): with user and device in the WHERE clause SQLite
  // prefers the primary key's (user_id, device_id) prefix and walks every txn of the device.
  txnIds: (inList: string) => `SELECT event_id, txn_id, user_id, device_id FROM client_txns WHERE event_id IN (${inList})`,
  toDevice: `SELECT stream, sender, type, content FROM to_device_messages
    WHERE user_id = $1 AND device_id = $2 AND stream > $3 AND stream <= $4 ORDER BY stream LIMIT $5`,
  ackToDevice: 'DELETE FROM to_device_messages WHERE user_id = $1 AND device_id = $2 AND stream <= $3',
  accountData: `SELECT room_id, type, content, stream FROM account_data
    WHERE user_id = $1 AND stream > $2 AND stream <= $3 ORDER BY stream`,
  oneTimeKeyCounts: 'SELECT algorithm, COUNT(*) AS n FROM one_time_keys WHERE user_id = $1 AND device_id = $2 GROUP BY algorithm',
} as const;

/**
 * The correlated seeks for "the newest row at or below a position", one per database: the same
 * text is a seek on one and a walk on the other.
 * - joinedRoomsWithEvents: the newest event of each joined room at or below $3, one backward
 *   seek on (room_id, stream) per room, so a user's 500 rooms cost 500 seeks, not a walk over
 *   what arrived since `since`.
 * - stateStreamsAt: a room's events form one line, so its state at a position is the newest
 *   state event per (type, state_key) at or below it. Every (type, state_key) the room ever had
 *   is a row of room_state (written with the event, never deleted), so this is one seek per row
 *   of the room's current state on (room_id, type, state_key, stream), whatever its history.
 * SQLite answers MAX() over an equality prefix with one seek. PostgreSQL, given
 * `e.room_id = m.room_id`, may walk the primary key backwards filtering on room_id instead, which
 * for a quiet room reads every newer event of the server; there the seek is a row comparison
 * (the nearest row at or below (room, …, position) in index order, NULL when it belongs to
 * another key). SQLite walks such a row-comparison range, so it keeps the plain form.
 */
const SEEK_SQL: Record<'sqlite' | 'postgres', { joinedRoomsWithEvents: string; stateStreamsAt: string }> = {
  sqlite: {
    joinedRoomsWithEvents: `SELECT j.room_id, j.latest FROM (
        SELECT m.room_id, (SELECT MAX(e.stream) FROM events e WHERE e.room_id = m.room_id AND e.stream <= $3) AS latest
        FROM room_members m WHERE m.user_id = $1 AND m.membership = 'join'
      ) j WHERE j.latest > $2`,
    stateStreamsAt: `SELECT (SELECT MAX(x.stream) FROM events x
          WHERE x.room_id = rs.room_id AND x.type = rs.type AND x.state_key = rs.state_key AND x.stream <= $2) AS stream
      FROM room_state rs WHERE rs.room_id = $1`,
  },
  postgres: {
    joinedRoomsWithEvents: `SELECT j.room_id, j.latest FROM (
        SELECT m.room_id, (SELECT CASE WHEN e.room_id = m.room_id THEN e.stream END FROM events e
            WHERE (e.room_id, e.stream) <= (m.room_id, $3) ORDER BY e.room_id DESC, e.stream DESC LIMIT 1) AS latest
        FROM room_members m WHERE m.user_id = $1 AND m.membership = 'join'
      ) j WHERE j.latest > $2`,
    stateStreamsAt: `SELECT (SELECT CASE WHEN x.room_id = rs.room_id AND x.type = rs.type AND x.state_key = rs.state_key THEN x.stream END
          FROM events x WHERE (x.room_id, x.type, x.state_key, x.stream) <= (rs.room_id, rs.type, rs.state_key, $2)
          ORDER BY x.room_id DESC, x.type DESC, x.state_key DESC, x.stream DESC LIMIT 1) AS stream
      FROM room_state rs WHERE rs.room_id = $1`,
  },
};

export type ReadSql = typeof SHARED_SQL & { joinedRoomsWithEvents: string; stateStreamsAt: string };

/** The read side's statements for one database. */
export function readSql(kind: 'sqlite' | 'postgres'): ReadSql {
  return { ...SHARED_SQL, ...SEEK_SQL[kind] };
}
