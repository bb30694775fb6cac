export interface AnnotationRow {
  type: string;
  key: string;
  count: number;
}

export interface AnnotationGroup {
  key: string;
  count: number;
  /** The event types that carried this key (usually just m.reaction). */
  types: string[];
}

/**
 * Annotations (`m.annotation` relations) grouped by key with their total count, most used
 * first, then by key: how a client would show reactions under a message.
 */
export function groupAnnotations(rows: readonly AnnotationRow[]): AnnotationGroup[] {
  const byKey = new Map<string, AnnotationGroup>();
  for (const r of rows) {
    const g = byKey.get(r.key) ?? { key: r.key, count: 0, types: [] };
    g.count += r.count;
    if (!g.types.includes(r.type)) g.types.push(r.type);
    byKey.set(r.key, g);
  }
  return [...byKey.values()]
    .map((g) => ({ ...g, types: [...g.types].sort() }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Relations grouped by rel_type, each list in the order given (the gateway's: oldest first). */
export function groupRelations<T extends { relType: string }>(rows: readonly T[]): Array<{ relType: string; items: T[] }> {
  const out = new Map<string, T[]>();
  for (const r of rows) out.set(r.relType, [...(out.get(r.relType) ?? []), r]);
  return [...out.entries()].map(([relType, items]) => ({ relType, items }));
}
