/** The statements of the write path, in PostgreSQL placeholder style (compiled for SQLite). */
export const SQL = {
  insertRoom:
    'INSERT INTO rooms (room_id, room_version, creator, created_at, is_public, head_depth, state_version) VALUES ($1, $2, $3, $4, $5, 0, 0) ON CONFLICT (room_id) DO NOTHING',
  selectRoom: 'SELECT room_version, head_event_id, head_depth, state_version FROM rooms WHERE room_id = $1',
  selectRoomForUpdate:
    'SELECT room_version, head_event_id, head_depth, state_version FROM rooms WHERE room_id = $1 FOR UPDATE',
  selectState:
    'SELECT rs.event_id, e.json FROM room_state rs JOIN events e ON e.event_id = rs.event_id WHERE rs.room_id = $1',
  selectTxn:
    'SELECT event_id FROM client_txns WHERE user_id = $1 AND device_id = $2 AND room_id = $3 AND event_type = $4 AND txn_id = $5',
  claimStream: "UPDATE stream_positions SET position = position + $1 WHERE name = 'events' RETURNING position",
  /** SQLite's batch, which holds the write lock, reads the position once and sets it once. */
  selectEventsPosition: "SELECT position FROM stream_positions WHERE name = 'events'",
  setEventsPosition: "UPDATE stream_positions SET position = $1 WHERE name = 'events'",
  insertEvent:
    'INSERT INTO events (stream, event_id, room_id, sender, type, state_key, depth, origin_server_ts, json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
  insertTxn:
    'INSERT INTO client_txns (user_id, device_id, room_id, event_type, txn_id, event_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING',
  insertRelation:
    'INSERT INTO relations (event_id, relates_to_id, rel_type, room_id, stream, sender, type) VALUES ($1, $2, $3, $4, $5, $6, $7)',
  insertAnnotation:
    'INSERT INTO annotations (target_event_id, sender, event_type, key, event_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
  redactTarget: 'UPDATE events SET json = $1, redacted_by = $2 WHERE event_id = $3 AND redacted_by IS NULL',
  deleteTxnOf:
    'DELETE FROM client_txns WHERE user_id = $1 AND device_id = $2 AND room_id = $3 AND event_type = $4 AND txn_id = $5 AND event_id = $6',
  deleteAnnotationOf: 'DELETE FROM annotations WHERE event_id = $1',
  deleteRelationOf: 'DELETE FROM relations WHERE event_id = $1',
  upsertState:
    'INSERT INTO room_state (room_id, type, state_key, event_id) VALUES ($1, $2, $3, $4) ON CONFLICT (room_id, type, state_key) DO UPDATE SET event_id = excluded.event_id',
  upsertMember:
    'INSERT INTO room_members (room_id, user_id, membership, event_id, stream) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (room_id, user_id) DO UPDATE SET membership = excluded.membership, event_id = excluded.event_id, stream = excluded.stream',
  updateRoomHead:
    'UPDATE rooms SET head_event_id = $1, head_depth = $2, state_version = state_version + $3 WHERE room_id = $4',
  selectEvent:
    'SELECT e.stream, e.event_id, e.room_id, e.sender, e.type, e.state_key, e.json, e.redacted_by, r.rel_type, r.relates_to_id FROM events e LEFT JOIN relations r ON r.event_id = e.event_id WHERE e.event_id = $1',
} as const;
