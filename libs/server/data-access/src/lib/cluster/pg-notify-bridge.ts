import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { InProcessNotifier } from '@courier/server-domain';
import { pgConnectionConfig } from '../db/pg-config';

const CHANNEL = 'courier_notify';
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; past this, say "anything changed". */
const MAX_PAYLOAD = 7000;

type Change = { rooms?: string[]; userIds?: string[] };

export interface NotifyBridge {
  close(): Promise<void>;
}

const fullPayload = (origin: string, change: Change) => JSON.stringify({ o: origin, r: change.rooms, u: change.userIds });

export function encodeChange(origin: string, change: Change): string {
  const full = fullPayload(origin, change);
  return full.length <= MAX_PAYLOAD ? full : JSON.stringify({ o: origin });
}

/**
 * Few payloads that wake exactly whom the changes would wake one by one: consecutive
 * changes merge (union of rooms, union of users) while the payload stays under the limit; a
 * change naming neither (wake everyone) makes its payload wake everyone.
 */
export function packChanges(origin: string, changes: readonly Change[]): string[] {
  const payloads: string[] = [];
  let current: Change | undefined;
  for (const change of changes) {
    const merged = current ? mergeChanges(current, change) : change;
    if (current && fullPayload(origin, merged).length > MAX_PAYLOAD) {
      payloads.push(encodeChange(origin, current));
      current = change;
    } else {
      current = merged;
    }
  }
  if (current) payloads.push(encodeChange(origin, current));
  return payloads;
}

function mergeChanges(a: Change, b: Change): Change {
  const everyone = (c: Change) => c.rooms === undefined && c.userIds === undefined;
  if (everyone(a) || everyone(b)) return {};
  const union = (x?: string[], y?: string[]) => (x === undefined && y === undefined ? undefined : [...new Set([...(x ?? []), ...(y ?? [])])]);
  const rooms = union(a.rooms, b.rooms);
  const userIds = union(a.userIds, b.userIds);
  return { ...(rooms ? { rooms } : {}), ...(userIds ? { userIds } : {}) };
}

export function decodeChange(payload: string): { origin: string; change: Change } | undefined {
  try {
    const p = JSON.parse(payload) as { o?: unknown; r?: unknown; u?: unknown };
    if (typeof p.o !== 'string') return undefined;
    const strings = (v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined);
    const rooms = strings(p.r);
    const userIds = strings(p.u);
    return { origin: p.o, change: { ...(rooms ? { rooms } : {}), ...(userIds ? { userIds } : {}) } };
  } catch {
    return undefined;
  }
}

export interface NotifyBridgeOptions {
  /** Wait before each attempt to get the listening connection back (default 500 ms). */
  reconnectDelayMs?: number;
}

/** The application_name of the listening connection (pg_stat_activity shows it). */
export const LISTEN_APPLICATION_NAME = 'courier-listen';
/** Past this many unsent changes (PostgreSQL unreachable for long), one "wake everyone" stands for them all. */
const MAX_PENDING = 1_000;

/**
 * Carries notifier changes between instances on one PostgreSQL with LISTEN/NOTIFY, so a
 * /sync long-poll or a gateway subscription on instance B wakes when instance A commits.
 *
 * A dedicated connection listens (pooled ones cannot). When it is lost (PostgreSQL restarts,
 * fails over, or the backend is terminated), it is replaced: a new connection is tried every
 * `reconnectDelayMs` until one LISTENs again. Notifications sent meanwhile went nowhere, so once
 * it listens again every local waiter is woken: each re-reads its position from the database,
 * and so nobody misses an event or waits out its timeout. Only a wake is spent.
 * The sending side is at-least-once as well: a NOTIFY that fails (its pooled connection died)
 * is sent again, so a commit that made it into the database always wakes the other instances.
 */
export async function startPgNotifyBridge(
  url: string,
  notifier: InProcessNotifier,
  publish: (sql: string, params: unknown[]) => Promise<unknown>,
  options: NotifyBridgeOptions = {},
): Promise<NotifyBridge> {
  const reconnectDelayMs = options.reconnectDelayMs ?? 500;
  const origin = randomUUID();
  let closed = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;

  const listen = async (): Promise<void> => {
    const c = new pg.Client(pgConnectionConfig(url, LISTEN_APPLICATION_NAME));
    c.on('notification', (msg) => {
      const decoded = msg.payload ? decodeChange(msg.payload) : undefined;
      if (decoded && decoded.origin !== origin) notifier.deliver(decoded.change);
    });
    // Every 'error' is handled (an unhandled one would end the process); losing the connection
    // schedules the next one.
    const lost = () => {
      if (client !== c) return;
      client = undefined;
      reconnectLater();
    };
    c.on('error', lost);
    c.on('end', lost);
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      await c.end().catch(() => undefined);
      throw err;
    }
    if (closed) {
      await c.end().catch(() => undefined);
      return;
    }
    client = c;
    // Whatever was notified while nobody listened: every waiter looks again.
    notifier.deliver({});
  };
  const reconnectLater = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      listen().catch(reconnectLater);
    }, reconnectDelayMs);
  };

  await listen();
  // Every commit notifies: the changes of one event-loop turn, or made while the previous
  // publish is in flight, go out together in one statement (one round trip, not one per send).
  let pending: Change[] = [];
  let publishing = false;
  const flush = () => {
    if (publishing || pending.length === 0 || closed) return;
    const sending = pending;
    pending = [];
    publishing = true;
    publish('SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p', [CHANNEL, packChanges(origin, sending)])
      .then(
        () => {
          publishing = false;
          if (pending.length > 0) setImmediate(flush);
        },
        () => {
          // Not sent: send it again with whatever came since, once the database may be back.
          publishing = false;
          pending = sending.length + pending.length > MAX_PENDING ? [{}] : [...sending, ...pending];
          setTimeout(flush, reconnectDelayMs);
        },
      );
  };
  const unsubscribe = notifier.onNotify((change) => {
    if (pending.length === 0 && !publishing) setImmediate(flush);
    pending.push(change);
  });

  return {
    async close() {
      closed = true;
      unsubscribe();
      if (retry) clearTimeout(retry);
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}
