import type { EventReader, ReadEvent } from '@courier/server-domain';

export interface ScanOptions {
  dir: 'b' | 'f';
  /** The position to start from (exclusive of nothing: 'b' includes `from`, 'f' starts after it). */
  from: number;
  /** The position to stop at: 'b' stops above `to`, 'f' includes `to`. */
  to: number;
  /** How many accepted events to collect. */
  want: number;
  /** Visibility and filter: rejected events are stepped over, not counted. */
  accept: (e: ReadEvent) => boolean;
  /** An upper bound on rows read per call, so a filter that matches nothing cannot walk a whole room. */
  maxScanned?: number;
}

export interface ScanResult {
  /** Accepted events in scan order (newest first for 'b'). */
  events: ReadEvent[];
  /** The position after the last row read: where the next page starts. */
  cursor: number;
  /** True when nothing is left between the cursor and `to`. */
  exhausted: boolean;
}

/**
 * Walks a room's timeline in batches, applying `accept` in memory so every filter rule
 * (wildcards, contains_url, visibility) is exact, while the SQL stays one indexed range query.
 * Positions are stream positions, so tokens built from the cursor are stable.
 */
export async function scanRoom(reader: EventReader, roomId: string, o: ScanOptions): Promise<ScanResult> {
  const events: ReadEvent[] = [];
  let cursor = o.from;
  if (o.want <= 0) return { events, cursor, exhausted: false };
  // The first batch fits an unfiltered page exactly (one extra row tells whether more exist);
  // later batches grow, for filters that skip many rows.
  let batch = Math.min(o.want + 1, 500);
  const maxScanned = o.maxScanned ?? 2000;
  let scanned = 0;
  for (;; batch = Math.min(batch * 4, 500)) {
    const range = o.dir === 'b' ? { after: o.to, upTo: cursor } : { after: cursor, upTo: o.to };
    const rows = await reader.paginate(roomId, range, o.dir, batch);
    for (const row of rows) {
      // Another row exists past the last accepted one: more may match.
      if (events.length === o.want) return { events, cursor, exhausted: false };
      cursor = o.dir === 'b' ? row.stream - 1 : row.stream;
      scanned++;
      if (o.accept(row)) events.push(row);
    }
    if (rows.length < batch) return { events, cursor, exhausted: true };
    if (events.length === o.want || scanned >= maxScanned) return { events, cursor, exhausted: false };
  }
}
