/**
 * The set-based statements of the PostgreSQL write path: each takes whole columns as arrays
 * (`unnest`), so a batch costs the same few round trips whatever its size. The texts are
 * composed only of the constant fragments below; every value is a parameter.
 */

/** Locks the batch's rooms. Rows are locked after the sort, so every batch locks in room order. */
const lockRooms =
  'SELECT room_id, room_version, head_event_id, head_depth, state_version FROM rooms WHERE room_id = ANY($1::text[]) ORDER BY room_id FOR UPDATE';

const selectStates =
  'SELECT rs.room_id, rs.event_id, e.json FROM room_state rs JOIN events e ON e.event_id = rs.event_id WHERE rs.room_id = ANY($1::text[])';

/** The event each of a list of transaction keys ($1-$5) produced: one row (ord, event_id) per key found. */
const selectTxns =
  'SELECT u.ord, c.event_id FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS u(user_id, device_id, room_id, event_type, txn_id, ord) ' +
  'JOIN client_txns c ON c.user_id = u.user_id AND c.device_id = u.device_id AND c.room_id = u.room_id AND c.event_type = u.event_type AND c.txn_id = u.txn_id';

/** The events of a list of IDs, as SQL.selectEvent gives one. */
const selectEvents =
  'SELECT e.stream, e.event_id, e.room_id, e.sender, e.type, e.state_key, e.json, e.redacted_by, r.rel_type, r.relates_to_id ' +
  'FROM events e LEFT JOIN relations r ON r.event_id = e.event_id WHERE e.event_id = ANY($1::text[])';

/**
 * Locks the rooms ($38, sorted) and checks that each still has the head and state_version
 * ($39, $40) the decisions were made on (on the careful path, where the transaction holds the
 * locks already, they always have).
 */
const LOCK_AND_CHECK =
  'locked AS (SELECT room_id, head_event_id, state_version FROM rooms WHERE room_id = ANY($38::text[]) ORDER BY room_id FOR UPDATE), ' +
  'fresh AS (SELECT coalesce(count(*) = cardinality($38::text[]) AND bool_and(l.head_event_id IS NOT DISTINCT FROM x.head_event_id AND l.state_version = x.state_version), false) AS ok ' +
  'FROM locked l JOIN unnest($38::text[], $39::text[], $40::int[]) AS x(room_id, head_event_id, state_version) ON x.room_id = l.room_id), ';

/**
 * The guarded inserts, in batch order (so of two identical annotations the first wins), only
 * if the rooms are fresh; each returns the event IDs it inserted. $1-$6 txn columns,
 * $7 created_at, $8-$12 annotation columns.
 */
const GUARDS =
  'txn_rows AS (' +
  'INSERT INTO client_txns (user_id, device_id, room_id, event_type, txn_id, event_id, created_at) ' +
  'SELECT u.user_id, u.device_id, u.room_id, u.event_type, u.txn_id, u.event_id, $7::bigint ' +
  'FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS u(user_id, device_id, room_id, event_type, txn_id, event_id, ord) ' +
  'WHERE (SELECT ok FROM fresh) ORDER BY u.ord ON CONFLICT DO NOTHING RETURNING event_id' +
  '), ann_rows AS (' +
  'INSERT INTO annotations (target_event_id, sender, event_type, key, event_id) ' +
  'SELECT u.target_event_id, u.sender, u.event_type, u.key, u.event_id ' +
  'FROM unnest($8::text[], $9::text[], $10::text[], $11::text[], $12::text[]) WITH ORDINALITY AS u(target_event_id, sender, event_type, key, event_id, ord) ' +
  'WHERE (SELECT ok FROM fresh) ORDER BY u.ord ON CONFLICT DO NOTHING RETURNING event_id' +
  '), guards_ok AS (SELECT (SELECT ok FROM fresh) AND ' +
  '(SELECT count(*) FROM txn_rows) = cardinality($1::text[]) AND (SELECT count(*) FROM ann_rows) = cardinality($8::text[]) AS ok), ';

/**
 * Only if every guard row went in: the stream positions are claimed (the stream row stays
 * locked until the transaction commits, so batches commit in stream order) and events,
 * relations, current state, membership and the rooms' heads are written. These only insert
 * (conflicts found through the unique indexes) or update rooms and stream_positions by key,
 * so no plan of them scans events, client_txns, annotations or relations, however it was made.
 * Event i of $13-$20 gets position base + i.
 * $13-$20 events (event_id, room_id, sender, type, state_key, depth, origin_server_ts, json);
 * $21-$24 relations; $25-$28 state (room_id, type, state_key, event_id); $29-$33 members
 * (room_id, user_id, membership, event_id, event ordinal); $34-$37 heads (room_id,
 * head_event_id, head_depth, state_version increment).
 */
const WRITES =
  'claim AS (' +
  'UPDATE stream_positions SET position = position + cardinality($13::text[]) ' +
  "WHERE name = 'events' AND cardinality($13::text[]) > 0 AND (SELECT ok FROM guards_ok) " +
  'RETURNING position - cardinality($13::text[]) AS base' +
  '), new_events AS (' +
  'INSERT INTO events (stream, event_id, room_id, sender, type, state_key, depth, origin_server_ts, json) ' +
  'SELECT c.base + u.ord, u.event_id, u.room_id, u.sender, u.type, u.state_key, u.depth, u.ts, u.json FROM claim c, ' +
  'unnest($13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::int[], $19::bigint[], $20::text[]) WITH ORDINALITY AS u(event_id, room_id, sender, type, state_key, depth, ts, json, ord) ' +
  'RETURNING stream, event_id, sender, type' +
  '), new_relations AS (' +
  'INSERT INTO relations (event_id, relates_to_id, rel_type, room_id, stream, sender, type) ' +
  'SELECT u.event_id, u.relates_to_id, u.rel_type, u.room_id, n.stream, n.sender, n.type FROM ' +
  'unnest($21::text[], $22::text[], $23::text[], $24::text[]) AS u(event_id, relates_to_id, rel_type, room_id) ' +
  'JOIN new_events n ON n.event_id = u.event_id' +
  '), state_rows AS (' +
  'INSERT INTO room_state (room_id, type, state_key, event_id) ' +
  'SELECT u.room_id, u.type, u.state_key, u.event_id FROM claim, ' +
  'unnest($25::text[], $26::text[], $27::text[], $28::text[]) AS u(room_id, type, state_key, event_id) ' +
  'ON CONFLICT (room_id, type, state_key) DO UPDATE SET event_id = excluded.event_id' +
  '), member_rows AS (' +
  'INSERT INTO room_members (room_id, user_id, membership, event_id, stream) ' +
  'SELECT u.room_id, u.user_id, u.membership, u.event_id, c.base + u.ord FROM claim c, ' +
  'unnest($29::text[], $30::text[], $31::text[], $32::text[], $33::bigint[]) AS u(room_id, user_id, membership, event_id, ord) ' +
  'ON CONFLICT (room_id, user_id) DO UPDATE SET membership = excluded.membership, event_id = excluded.event_id, stream = excluded.stream' +
  '), heads AS (' +
  'UPDATE rooms r SET head_event_id = u.head_event_id, head_depth = u.head_depth, state_version = r.state_version + u.bump FROM claim, ' +
  'unnest($34::text[], $35::text[], $36::int[], $37::int[]) AS u(room_id, head_event_id, head_depth, bump) WHERE r.room_id = u.room_id' +
  ') ';

/** A redaction's effects, $42-$44 (target, pruned json, redaction id): these look rows up in growing tables. */
const REDACTION_EFFECTS =
  ', redacted AS (' +
  'UPDATE events e SET json = u.json, redacted_by = u.redactor FROM claim, ' +
  'unnest($42::text[], $43::text[], $44::text[]) AS u(target, json, redactor) WHERE e.event_id = u.target AND e.redacted_by IS NULL' +
  '), unannotated AS (DELETE FROM annotations WHERE event_id = ANY($42::text[]) AND EXISTS (SELECT 1 FROM claim)' +
  '), unrelated AS (DELETE FROM relations WHERE event_id = ANY($42::text[]) AND EXISTS (SELECT 1 FROM claim)) ';

/**
 * Returns base (NULL when nothing was written), fresh, and the event IDs whose guard rows went
 * in. With $41 true (the fast path, a statement of its own), a refused guard fails the whole
 * statement with division_by_zero instead, so nothing of it stays.
 */
const RESULT =
  'SELECT (SELECT base FROM claim) AS base, (SELECT ok FROM fresh) AS fresh, ' +
  'ARRAY(SELECT event_id FROM txn_rows) AS txns, ARRAY(SELECT event_id FROM ann_rows) AS annotations, ' +
  '1 / (CASE WHEN $41::boolean AND (SELECT ok FROM fresh) AND NOT (SELECT ok FROM guards_ok) THEN 0 ELSE 1 END) AS guards_held';

/**
 * One try of a batch, in one statement: lock the rooms and check them, the guards, and, if no
 * guard refused, the writes. The fast path sends it on its own, so the server commits it as
 * soon as it ends (no client round trip while the stream row is locked); the careful path
 * sends it inside its transaction.
 */
const writeBatch = 'WITH ' + LOCK_AND_CHECK + GUARDS + WRITES + RESULT;
const writeBatchRedacting = 'WITH ' + LOCK_AND_CHECK + GUARDS + WRITES + REDACTION_EFFECTS + RESULT;

/** SQLSTATE of writeBatch's deliberate failure when a guard refused on the fast path. */
export const GUARD_REFUSED_SQLSTATE = '22012';

/** The guards alone, $1-$12 (a room creation, inside its savepoint). */
const guardOnly =
  'WITH fresh AS (SELECT true AS ok), ' +
  GUARDS +
  'done AS (SELECT 1) SELECT ARRAY(SELECT event_id FROM txn_rows) AS txns, ARRAY(SELECT event_id FROM ann_rows) AS annotations';

/**
 * Undoes a refused try: deletes the guard rows of its events ($6), and returns, as selectTxns
 * does, the event each transaction key ($1-$5) refused by a row from outside the try has.
 */
const undoGuards =
  'WITH dropped_txns AS (DELETE FROM client_txns WHERE event_id = ANY($6::text[])), ' +
  'dropped_annotations AS (DELETE FROM annotations WHERE event_id = ANY($6::text[])) ' +
  selectTxns;

/**
 * A named statement is planned once per connection; its plan is then fixed, even if it was
 * made while the tables were empty. So only writeBatch and lockRooms, whose plans scan no table
 * that grows, are named; statements that look rows up in growing tables (events, client_txns,
 * annotations, relations) are planned on each use, with the tables' sizes of the moment.
 */
export const PG_BATCH_SQL = {
  lockRooms: { name: 'courier_lock_rooms', text: lockRooms },
  writeBatch: { name: 'courier_write_batch', text: writeBatch },
  writeBatchRedacting: { text: writeBatchRedacting },
  selectStates: { text: selectStates },
  selectTxns: { text: selectTxns },
  selectEvents: { text: selectEvents },
  guardOnly: { text: guardOnly },
  undoGuards: { text: undoGuards },
} as const;
