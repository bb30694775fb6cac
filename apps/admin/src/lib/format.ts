const NUMBER = new Intl.NumberFormat('en');

/** 12345 → "12,345". */
export function formatCount(n: number): string {
  return NUMBER.format(n);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A timestamp as "2025-11-27 14:22:03" in local time; "—" for none. */
export function formatTime(ts: number | null | undefined): string {
  if (ts === null || ts === undefined || !Number.isFinite(ts)) return '—';
  const d = new Date(ts);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** How long ago: "just now", "42 s ago", "5 min ago", "3 h ago", "12 d ago"; "never" for none. */
export function formatAgo(ts: number | null | undefined, now: number): string {
  if (ts === null || ts === undefined || !Number.isFinite(ts)) return 'never';
  const s = Math.floor((now - ts) / 1000);
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}

/** Long IDs shortened in the middle for tables: "$abcdefgh…wxyz". The full ID goes in a title. */
export function shortId(id: string, keep = 10): string {
  if (id.length <= keep * 2 + 1) return id;
  return `${id.slice(0, keep)}…${id.slice(-4)}`;
}

/** A one-line summary of an event for the timeline. */
export function summarizeEvent(e: { type: string; stateKey: string | null; content: Record<string, unknown>; redactedBy?: string | null }): string {
  if (e.redactedBy) return '(redacted)';
  const c = e.content;
  const text = (k: string) => (typeof c[k] === 'string' ? (c[k] as string) : undefined);
  switch (e.type) {
    case 'm.room.message':
      return text('body') ?? '(no body)';
    case 'm.room.member':
      return `${e.stateKey ?? '?'} → ${text('membership') ?? '?'}`;
    case 'm.room.name':
      return `name: ${text('name') ?? ''}`;
    case 'm.room.topic':
      return `topic: ${text('topic') ?? ''}`;
    case 'm.reaction': {
      const rel = c['m.relates_to'] as { key?: unknown } | undefined;
      return `reacted ${typeof rel?.key === 'string' ? rel.key : ''}`;
    }
    default:
      return e.stateKey === null ? e.type : `${e.type} (state)`;
  }
}

/** Pretty JSON with stable two-space indentation, as the inspector shows a PDU. */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
