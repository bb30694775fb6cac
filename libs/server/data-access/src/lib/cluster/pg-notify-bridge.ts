import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { InProcessNotifier } from '@courier/server-domain';

const CHANNEL = 'courier_notify';
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; past this, say "anything changed". */
const MAX_PAYLOAD = 7000;

type Change = { rooms?: string[]; userIds?: string[] };

export interface NotifyBridge {
  close(): Promise<void>;
}

export function encodeChange(origin: string, change: Change): string {
  const full = JSON.stringify({ o: origin, r: change.rooms, u: change.userIds });
  return full.length <= MAX_PAYLOAD ? full : JSON.stringify({ o: origin });
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

/**
 * Carries notifier changes between instances on one PostgreSQL with LISTEN/NOTIFY, so a
 * /sync long-poll or a gateway subscription on instance B wakes when instance A commits.
 * A dedicated connection listens (pooled ones cannot). If it drops, it reconnects and wakes
 * every local waiter once, since notifications may have been missed meanwhile; waiters then
 * re-read from the database, so nothing is lost, only a wake is spent.
 */
export async function startPgNotifyBridge(url: string, notifier: InProcessNotifier, publish: (sql: string, params: unknown[]) => Promise<unknown>): Promise<NotifyBridge> {
  const origin = randomUUID();
  let closed = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (msg) => {
      const decoded = msg.payload ? decodeChange(msg.payload) : undefined;
      if (decoded && decoded.origin !== origin) notifier.deliver(decoded.change);
    });
    const lost = () => {
      if (closed || client !== c) return;
      client = undefined;
      retry = setTimeout(() => void connect().catch(lost), 500);
    };
    c.on('error', lost);
    c.on('end', lost);
    await c.connect();
    await c.query(`LISTEN ${CHANNEL}`);
    client = c;
    notifier.deliver({});
  };

  await connect();
  const unsubscribe = notifier.onNotify((change) => {
    publish('SELECT pg_notify($1, $2)', [CHANNEL, encodeChange(origin, change)]).catch(() => undefined);
  });

  return {
    async close() {
      closed = true;
      unsubscribe();
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
