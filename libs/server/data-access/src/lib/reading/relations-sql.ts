/**
 * The statements of /relations, /threads and bundled aggregations, in PostgreSQL placeholder
 * style (compiled for SQLite). Each is served by an index of migration 0009: relations by
 * (relates_to_id, [rel_type,] stream), threads by (room_id, latest_stream), participants and
 * summaries by primary key, latest edits by (relates_to_id, rel_type, sender, stream).
 */
const EVENT_COLUMNS = 'e.stream, e.event_id, e.room_id, e.sender, e.type, e.state_key, e.json, e.redacted_by';
const THREAD_COLUMNS = 't.thread_id, t.room_id, t.latest_event_id, t.latest_stream, t.count';

type Filter = 'any' | 'relType' | 'relTypeAndType';

function relationsWhere(filter: Filter): string {
  if (filter === 'relType') return ' AND r.rel_type = $5';
  if (filter === 'relTypeAndType') return ' AND r.rel_type = $5 AND r.type = $6';
  return '';
}

const ORDER = { b: 'DESC', f: 'ASC' } as const;

function page(filter: Filter, dir: 'b' | 'f'): string {
  const where = relationsWhere(filter);
  const direction = ORDER[dir];
  return `SELECT ${EVENT_COLUMNS} FROM relations r JOIN events e ON e.event_id = r.event_id
    WHERE r.relates_to_id = $1 AND r.stream > $2 AND r.stream <= $3${where}
    ORDER BY r.stream ${direction} LIMIT $4`;
}

function tree(dir: 'b' | 'f'): string {
  const direction = ORDER[dir];
  return `WITH RECURSIVE tree(event_id, rel_type, type, stream, depth) AS (
      SELECT r.event_id, r.rel_type, r.type, r.stream, 1 FROM relations r WHERE r.relates_to_id = $1
      UNION ALL
      SELECT r.event_id, r.rel_type, r.type, r.stream, tree.depth + 1 FROM tree JOIN relations r ON r.relates_to_id = tree.event_id
      WHERE tree.depth < $7
    )
    SELECT ${EVENT_COLUMNS}, tree.depth FROM tree LEFT JOIN events e ON e.event_id = tree.event_id
    WHERE tree.stream > $2 AND tree.stream <= $3 AND (CAST($5 AS TEXT) = '' OR tree.rel_type = $5) AND (CAST($6 AS TEXT) = '' OR tree.type = $6)
    ORDER BY tree.stream ${direction} LIMIT $4`;
}

export const RELATIONS_SQL = {
  /** $1 parent, $2 after, $3 up to, $4 limit, [$5 rel_type, [$6 type]]. */
  page,
  /**
   * The relation tree below $1 down to depth $7 (each level one index seek per parent); the
   * filters, when given, apply to the events returned. $5/$6: '' for no filter. LEFT JOIN keeps
   * the tree the outer loop in SQLite (one events seek per node); every relation has its event.
   */
  tree,
  threads: `SELECT ${THREAD_COLUMNS} FROM threads t WHERE t.room_id = $1 AND t.latest_stream < $2 ORDER BY t.latest_stream DESC LIMIT $3`,
  // Bounded by the threads the user took part in within the room, not by the room's threads.
  participatedThreads: `SELECT ${THREAD_COLUMNS} FROM thread_participants p JOIN threads t ON t.thread_id = p.thread_id
    WHERE p.room_id = $1 AND p.user_id = $2 AND t.latest_stream < $3 ORDER BY t.latest_stream DESC LIMIT $4`,
  summaries: (inList: string) => `SELECT ${THREAD_COLUMNS} FROM threads t WHERE t.thread_id IN (${inList})`,
  participated: (inList: string) => `SELECT p.thread_id FROM thread_participants p WHERE p.user_id = $1 AND p.thread_id IN (${inList})`,
  latestEdits: (inList: string) => `SELECT e.event_id AS original_id, (
      SELECT r.event_id FROM relations r WHERE r.relates_to_id = e.event_id AND r.rel_type = 'm.replace' AND r.sender = e.sender
      ORDER BY r.stream DESC LIMIT 1
    ) AS edit_id FROM events e WHERE e.event_id IN (${inList})`,
} as const;
