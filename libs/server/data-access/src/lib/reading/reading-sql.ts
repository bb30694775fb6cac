/** The read side's statements, in PostgreSQL placeholder style (compiled for SQLite). */
const EVENT_COLUMNS = 'e.stream, e.event_id, e.room_id, e.sender, e.type, e.state_key, e.json, e.redacted_by';

export const READ_SQL = {
  positions: "SELECT name, position FROM stream_positions WHERE name IN ('events', 'to_device', 'account_data', 'device_lists')",
  roomsOfUser: 'SELECT room_id, membership, event_id, stream FROM room_members WHERE user_id = $1',
  joinedRooms: "SELECT room_id FROM room_members WHERE user_id = $1 AND membership = 'join' ORDER BY room_id",
  membership: 'SELECT room_id, membership, event_id, stream FROM room_members WHERE room_id = $1 AND user_id = $2',
  // Both kinds of event decide visibility; without an index on (type, state_key) this walks
  // the room's events once, which is still one query per room and request.
  accessHistory: `SELECT e.stream, e.event_id, e.type, e.json FROM events e
    WHERE e.room_id = $1 AND ((e.type = 'm.room.member' AND e.state_key = $2)
      OR (e.type = 'm.room.history_visibility' AND e.state_key = ''))
    ORDER BY e.stream`,
  joinedRoomsWithEvents: `SELECT e.room_id, MAX(e.stream) AS latest FROM events e
    WHERE e.room_id IN (SELECT m.room_id FROM room_members m WHERE m.user_id = $1 AND m.membership = 'join')
      AND e.stream > $2 AND e.stream <= $3
    GROUP BY e.room_id`,
  event: `SELECT ${EVENT_COLUMNS} FROM events e WHERE e.event_id = $1`,
  eventsByIds: (inList: string) => `SELECT ${EVENT_COLUMNS} FROM events e WHERE e.event_id IN (${inList})`,
  paginateBackwards: `SELECT ${EVENT_COLUMNS} FROM events e
    WHERE e.room_id = $1 AND e.stream > $2 AND e.stream <= $3 ORDER BY e.stream DESC LIMIT $4`,
  paginateForwards: `SELECT ${EVENT_COLUMNS} FROM events e
    WHERE e.room_id = $1 AND e.stream > $2 AND e.stream <= $3 ORDER BY e.stream ASC LIMIT $4`,
  currentState: `SELECT ${EVENT_COLUMNS} FROM room_state rs JOIN events e ON e.event_id = rs.event_id WHERE rs.room_id = $1`,
  latestStreamOfRoom: 'SELECT MAX(stream) AS latest FROM events WHERE room_id = $1',
  // A room's events form one line, so its state at a position is the newest state event per
  // (type, state_key) at or below it: no state resolution needed.
  stateAt: `SELECT s.stream, s.event_id, s.room_id, s.sender, s.type, s.state_key, s.json, s.redacted_by FROM (
      SELECT ${EVENT_COLUMNS}, ROW_NUMBER() OVER (PARTITION BY e.type, e.state_key ORDER BY e.stream DESC) AS rn
      FROM events e WHERE e.room_id = $1 AND e.state_key IS NOT NULL AND e.stream <= $2
    ) s WHERE s.rn = 1 AND s.stream > $3`,
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
  // Fallback keys share the table under a "fallback:" or "fallback-used:" algorithm (SqlE2eKeyStore).
  oneTimeKeyCounts: `SELECT algorithm, COUNT(*) AS n FROM one_time_keys WHERE user_id = $1 AND device_id = $2
    AND algorithm NOT LIKE 'fallback:%' AND algorithm NOT LIKE 'fallback-used:%' GROUP BY algorithm`,
  unusedFallbackKeyTypes: "SELECT algorithm FROM one_time_keys WHERE user_id = $1 AND device_id = $2 AND algorithm LIKE 'fallback:%'",
  // The viewer and everyone joined to one of the viewer's joined rooms (room_members' two
  // indexes), kept when the (user_id, stream) index finds a change in the range.
  deviceListsChanged: `SELECT u.user_id FROM (
      SELECT CAST($1 AS TEXT) AS user_id
      UNION SELECT m2.user_id FROM room_members m1 JOIN room_members m2 ON m2.room_id = m1.room_id
        WHERE m1.user_id = $1 AND m1.membership = 'join' AND m2.membership = 'join'
    ) u WHERE EXISTS (SELECT 1 FROM device_list_changes c WHERE c.user_id = u.user_id AND c.stream > $2 AND c.stream <= $3)`,
  // Members who joined a room shared with the viewer, or all members of a room the viewer joined, in the range.
  deviceListsJoined: `SELECT DISTINCT m2.user_id FROM room_members m1 JOIN room_members m2 ON m2.room_id = m1.room_id
    WHERE m1.user_id = $1 AND m1.membership = 'join' AND m2.membership = 'join' AND m2.user_id <> $1
      AND (m1.stream > $2 OR m2.stream > $2) AND m1.stream <= $3 AND m2.stream <= $3`,
  // Members whose membership of a room shared with the viewer ended in the range, or the members
  // of a room the viewer left in the range, who share no joined room with the viewer any more.
  deviceListsLeft: `SELECT DISTINCT m2.user_id FROM room_members m1 JOIN room_members m2 ON m2.room_id = m1.room_id
    WHERE m1.user_id = $1 AND m2.user_id <> $1 AND (
        (m1.membership = 'join' AND m2.membership IN ('leave', 'ban') AND m2.stream > $2 AND m2.stream <= $3)
        OR (m1.membership IN ('leave', 'ban') AND m1.stream > $2 AND m1.stream <= $3 AND m2.membership = 'join'))
      AND NOT EXISTS (SELECT 1 FROM room_members a JOIN room_members b ON b.room_id = a.room_id
        WHERE a.user_id = $1 AND a.membership = 'join' AND b.user_id = m2.user_id AND b.membership = 'join')`,
} as const;
