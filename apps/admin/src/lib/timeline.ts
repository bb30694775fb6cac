/**
 * The timeline the room page shows: events newest first, each once (by event ID), at most
 * `cap` of them. Events from a page load and from the live stream can overlap; merging is
 * idempotent and keeps stream order whatever order they arrived in.
 */
export function mergeEvents<T extends { eventId: string; stream: number }>(current: readonly T[], incoming: readonly T[], cap = 500): T[] {
  const byId = new Map<string, T>();
  for (const e of current) byId.set(e.eventId, e);
  for (const e of incoming) byId.set(e.eventId, e);
  return [...byId.values()].sort((a, b) => b.stream - a.stream).slice(0, cap);
}
