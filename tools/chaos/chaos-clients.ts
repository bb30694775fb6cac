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
  /** Any other answer: a broken promise, recorded and not retried. */
  unexpected: { txnId: string; status: number; body: string }[];
}

export function sendUrl(base: string, roomId: string, txnId: string): string {
  return `${base}/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/${encodeURIComponent(txnId)}`;
}

type PutOutcome = { eventId: string } | { retry: 'refused' | 'cut' | 'server' } | { status: number; body: string };

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
  if (res.status >= 500 || res.status === 429) return { retry: 'server' };
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
      const outcome = await putOnce(url(txnId), txn);
      if ('retry' in outcome) {
        if (outcome.retry === 'server') stats.serverErrors++;
        else stats.connectionErrors++;
        if (outcome.retry === 'cut') {
          stats.cutInFlight++;
          txn.cutAt = Date.now();
        }
        if (Date.now() > giveUpAt()) return;
        await sleep(Math.min(250, 10 * 2 ** Math.min(attempt, 5)) + Math.random() * 20);
        continue;
      }
      if ('eventId' in outcome) stats.acked.set(txnId, outcome.eventId);
      else stats.unexpected.push({ txnId, ...outcome });
      break;
    }
  }
}

export function emptyStats(): ClientStats {
  return { txns: [], acked: new Map(), retried: 0, txnsRetried: 0, connectionErrors: 0, cutInFlight: 0, serverErrors: 0, unexpected: [] };
}
