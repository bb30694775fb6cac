import { sleep } from './chaos-server';

/** The marker in each message's content that ties a stored event back to its transaction. */
export const TXN_MARKER = 'org.courier.chaos.txn';

export interface Txn {
  client: number;
  txnId: string;
  token: string;
  body: string;
  /** When a kill last cut one of its requests off in flight (this machine's clock). */
  cutAt?: number;
  /** When one of its requests was last answered 5xx (a 503 while the database restarted). */
  failedAt?: number;
}

export interface ClientStats {
  /** Every transaction started, in order. */
  txns: Txn[];
  /** txnId → the event_id of its 200. */
  acked: Map<string, string>;
  /** Attempts beyond the first, over all transactions. */
  retried: number;
  connectionErrors: number;
  /** Of those, requests cut off in flight (reset, closed mid-answer) rather than refused: the risky window. */
  cutInFlight: number;
  /** Transactions that needed more than one attempt. */
  txnsRetried: number;
  /** 5xx (503 while closing included) and 429 answers: retried. */
  serverErrors: number;
  /** Every answer other than 200 and connection failures, by HTTP status. */
  statuses: Record<string, number>;
  /** 503 and 507 answers without a Retry-After header. */
  missingRetryAfter: number;
  /** The longest any request took to be answered with something other than 200 (fail fast). */
  slowestFailureMs: number;
  /** When each 200 arrived (this machine's clock), in order. */
  ackTimes: number[];
  /** When each retried answer (5xx, 429, connection error) arrived. */
  failureTimes: number[];
  /** Any other answer: a broken promise, recorded and not retried. */
  unexpected: { txnId: string; status: number; body: string }[];
  /** 500 answers (retried): a fault the server did not classify, e.g. a driver error during a database restart. */
  internalErrors: string[];
}

export function sendUrl(base: string, roomId: string, txnId: string): string {
  return `${base}/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/${encodeURIComponent(txnId)}`;
}

type PutOutcome =
  | { eventId: string }
  | { retry: 'refused' | 'cut' }
  | { retry: 'server'; status: number; retryAfter: boolean; body: string }
  | { status: number; body: string };

/**
 * One PUT: the event_id of a 200; `retry` for what a client should retry (no connection or a
 * reset; a 5xx or 429); or the unexpected answer.
 */
export async function putOnce(url: string, txn: Txn): Promise<PutOutcome> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'PUT', headers: { authorization: `Bearer ${txn.token}` }, body: txn.body, signal: AbortSignal.timeout(30_000) });
  } catch (err) {
    const code = (err as { cause?: { code?: string } }).cause?.code;
    return { retry: code === 'ECONNREFUSED' ? 'refused' : 'cut' };
  }
  const text = await res.text().catch(() => undefined);
  if (text === undefined) return { retry: 'cut' }; // the connection died mid-body
  if (res.status === 200) return { eventId: (JSON.parse(text) as { event_id: string }).event_id };
  if (res.status >= 500 || res.status === 429) return { retry: 'server', status: res.status, retryAfter: res.headers.has('retry-after'), body: text };
  return { status: res.status, body: text };
}

/**
 * Client `i` sends transactions one after another, each with a fresh txnId and retried with the
 * same txnId and the same bytes until a 200, until `stopping()`; the transaction in hand when
 * it says stop is still finished (or abandoned at `giveUpAt`).
 */
export async function runClient(i: number, token: string, url: (txnId: string) => string, stats: ClientStats, stopping: () => boolean, giveUpAt: () => number): Promise<void> {
  for (let seq = 0; !stopping(); seq++) {
    const txnId = `c${i}-${seq}`;
    const txn: Txn = { client: i, txnId, token, body: JSON.stringify({ msgtype: 'm.text', body: `chaos ${txnId}`, [TXN_MARKER]: txnId }) };
    stats.txns.push(txn);
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) stats.retried++;
      if (attempt === 1) stats.txnsRetried++;
      const started = Date.now();
      const outcome = await putOnce(url(txnId), txn);
      if ('retry' in outcome) {
        stats.failureTimes.push(Date.now());
        stats.slowestFailureMs = Math.max(stats.slowestFailureMs, Date.now() - started);
        if (outcome.retry === 'server') {
          stats.serverErrors++;
          if (outcome.status >= 500) txn.failedAt = Date.now();
          stats.statuses[outcome.status] = (stats.statuses[outcome.status] ?? 0) + 1;
          if ((outcome.status === 503 || outcome.status === 507) && !outcome.retryAfter) stats.missingRetryAfter++;
          if (outcome.status === 500) stats.internalErrors.push(`${txnId}: 500 ${outcome.body.slice(0, 200)}`);
        } else stats.connectionErrors++;
        if (outcome.retry === 'cut') {
          stats.cutInFlight++;
          txn.cutAt = Date.now();
        }
        if (Date.now() > giveUpAt()) return;
        await sleep(Math.min(250, 10 * 2 ** Math.min(attempt, 5)) + Math.random() * 20);
        continue;
      }
      if ('eventId' in outcome) {
        stats.acked.set(txnId, outcome.eventId);
        stats.ackTimes.push(Date.now());
      } else {
        stats.unexpected.push({ txnId, ...outcome });
      }
      break;
    }
  }
}

export function emptyStats(): ClientStats {
  return {
    txns: [],
    acked: new Map(),
    retried: 0,
    txnsRetried: 0,
    connectionErrors: 0,
    cutInFlight: 0,
    serverErrors: 0,
    statuses: {},
    missingRetryAfter: 0,
    slowestFailureMs: 0,
    ackTimes: [],
    failureTimes: [],
    unexpected: [],
    internalErrors: [],
  };
}
