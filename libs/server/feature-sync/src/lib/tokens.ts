import { invalidParam } from '@courier/shared-matrix-errors';

/**
 * Positions in the streams a sync token covers, in a fixed order:
 * `s{events}_{toDevice}_{accountData}_{deviceLists}_{receipts}_{typing}_{presence}`. A token
 * of an older server (three parts) is still accepted: a missing trailing part is position 0,
 * "everything in that stream", which is what a client that never saw it needs. A room
 * pagination token is a position in the events stream only (`s{n}`) and means "between the
 * event at n and the one after it".
 */
export interface SyncToken {
  events: number;
  toDevice: number;
  accountData: number;
  deviceLists: number;
  receipts: number;
  typing: number;
  presence: number;
}

/** The parts after `events`, in token order. */
const PARTS = ['toDevice', 'accountData', 'deviceLists', 'receipts', 'typing', 'presence'] as const;
const MIN_PARTS = 3;

const POSITION = '(0|[1-9]\\d{0,14})';
const SYNC_TOKEN = new RegExp(`^s${POSITION}((?:_${POSITION.replace('(', '(?:')}){${MIN_PARTS - 1},${PARTS.length}})$`);
const ROOM_TOKEN = new RegExp(`^s${POSITION}$`);

export function formatSyncToken(t: SyncToken): string {
  return `s${t.events}_${PARTS.map((k) => t[k]).join('_')}`;
}

export function parseSyncToken(value: string): SyncToken {
  const m = SYNC_TOKEN.exec(value);
  if (!m) throw invalidParam('Invalid sync token');
  const rest = (m[2] ?? '').slice(1).split('_').map(Number);
  const token = { events: Number(m[1]) } as SyncToken;
  PARTS.forEach((k, i) => (token[k] = rest[i] ?? 0));
  return token;
}

export function formatRoomToken(stream: number): string {
  return `s${Math.max(0, stream)}`;
}

/** A /messages `from`/`to`: our own pagination token, or a sync token (prev_batch, next_batch). */
export function parseRoomToken(value: string): number {
  const room = ROOM_TOKEN.exec(value);
  if (room) return Number(room[1]);
  const sync = SYNC_TOKEN.exec(value);
  if (sync) return Number(sync[1]);
  throw invalidParam('Invalid pagination token');
}
