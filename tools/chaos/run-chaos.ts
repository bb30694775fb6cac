import { createTestDatabase, type DbKind } from '@courier/server-testing';
import { emptyStats, putOnce, runClient, sendUrl, type ClientStats } from './chaos-clients';
import { createChaosServer, sleep } from './chaos-server';
import { seedChaos } from './chaos-seed';
import { inspectTimeline } from './chaos-verify';

export interface ChaosOptions {
  db: DbKind;
  /** How many times the server is killed with SIGKILL (and restarted). */
  kills: number;
  clients: number;
  /** Roughly how long the server is up under load, summed over its lives. */
  seconds: number;
  /** Progress lines; silent by default. */
  log?: (line: string) => void;
}

export interface ChaosReport {
  db: DbKind;
  kills: number;
  clients: number;
  /** Transactions started / answered 200 / attempts beyond the first. */
  sent: number;
  acked: number;
  retried: number;
  /** Transactions that needed more than one attempt. */
  txnsRetried: number;
  connectionErrors: number;
  /** Requests cut off by a kill while in flight (not merely refused while the server was down). */
  cutInFlight: number;
  /** Cut-off requests whose event had already been stored: the retry got it, not a second one. */
  committedBeforeCut: number;
  serverErrors: number;
  /** Acknowledged transactions whose event is not stored (or another one is). */
  lost: number;
  /** Extra events for a transaction. */
  duplicated: number;
  /** Acknowledged transactions whose retry after the run answered another event_id (or not 200). */
  retryMismatches: number;
  phantoms: number;
  chainBreaks: number;
  unexpected: number;
  /** Started but never acknowledged (the run ended first). */
  unacked: number;
  events: number;
  startsMs: number[];
  ok: boolean;
  /** The first few problems, to start debugging from. */
  samples: string[];
}

const SERVER_NAME = 'chaos.local';

/**
 * Starts Courier on a throw-away database, drives `clients` senders, SIGKILLs the server at
 * random moments `kills` times (restarting it on the same database each time), then checks
 * that every 200 is kept exactly once: see ChaosReport.
 */
export async function runChaos(opts: ChaosOptions): Promise<ChaosReport> {
  const log = opts.log ?? (() => undefined);
  const database = await createTestDatabase(opts.db);
  try {
    const seed = await seedChaos(database.url, SERVER_NAME, opts.clients);
    const server = await createChaosServer({ DATABASE_URL: database.url, SERVER_NAME });
    const stats = emptyStats();
    let stopping = false;
    let giveUpAt = Number.POSITIVE_INFINITY;
    try {
      await server.start();
      log(`server ready in ${server.startsMs[0]} ms on ${opts.db}; ${opts.clients} clients sending`);
      const url = (txnId: string) => sendUrl(server.url, seed.roomId, txnId);
      const clients = seed.tokens.map((token, i) => runClient(i, token, url, stats, () => stopping, () => giveUpAt));
      // Each life lasts a random share of the run, so kills land at unrelated moments of the write path.
      const meanLifeMs = (opts.seconds * 1000) / (opts.kills + 1);
      for (let k = 1; k <= opts.kills; k++) {
        await sleep(200 + Math.random() * 2 * meanLifeMs);
        await server.kill();
        log(`kill ${k}/${opts.kills} after ${stats.acked.size} acks; restarting`);
        await server.start();
        log(`restarted in ${server.startsMs[server.startsMs.length - 1]} ms`);
      }
      await sleep(200 + Math.random() * meanLifeMs);
      stopping = true;
      giveUpAt = Date.now() + 60_000;
      await Promise.all(clients);
      const mismatches = await retryAcked(server.url, seed.roomId, stats);
      log(`${stats.txns.length} sent, ${stats.acked.size} acked; checking the database`);
      await server.stop();
      return report(opts, stats, mismatches, await inspectTimeline(database.url, seed.roomId, stats), server.startsMs);
    } finally {
      stopping = true;
      giveUpAt = 0;
      await server.kill();
    }
  } finally {
    await database.drop();
  }
}

/** Retries every acknowledged transaction (same txnId, same bytes): each must answer its original event_id. */
async function retryAcked(base: string, roomId: string, stats: ClientStats): Promise<string[]> {
  const txns = stats.txns.filter((t) => stats.acked.has(t.txnId));
  const mismatches: string[] = [];
  let next = 0;
  const worker = async () => {
    for (let t = txns[next++]; t; t = txns[next++]) {
      const outcome = await putOnce(sendUrl(base, roomId, t.txnId), t);
      const expected = stats.acked.get(t.txnId);
      if (!('eventId' in outcome) || outcome.eventId !== expected) mismatches.push(`${t.txnId}: acked ${expected}, retry ${JSON.stringify(outcome)}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return mismatches;
}

function report(opts: ChaosOptions, stats: ClientStats, mismatches: string[], t: Awaited<ReturnType<typeof inspectTimeline>>, startsMs: number[]): ChaosReport {
  const unexpected = stats.unexpected.map((u) => `${u.txnId}: ${u.status} ${u.body}`);
  const unacked = stats.txns.length - stats.acked.size - stats.unexpected.length;
  const problems = [...t.lost.map((l) => `lost ${l}`), ...t.duplicated.map((d) => `duplicate ${d}`), ...mismatches, ...t.phantoms.map((p) => `phantom ${p}`), ...t.chainBreaks, ...unexpected];
  return {
    db: opts.db,
    kills: opts.kills,
    clients: opts.clients,
    sent: stats.txns.length,
    acked: stats.acked.size,
    retried: stats.retried,
    txnsRetried: stats.txnsRetried,
    connectionErrors: stats.connectionErrors,
    cutInFlight: stats.cutInFlight,
    committedBeforeCut: t.committedBeforeCut,
    serverErrors: stats.serverErrors,
    lost: t.lost.length,
    duplicated: t.duplicated.length,
    retryMismatches: mismatches.length,
    phantoms: t.phantoms.length,
    chainBreaks: t.chainBreaks.length,
    unexpected: unexpected.length,
    unacked,
    events: t.events,
    startsMs,
    ok: problems.length === 0 && unacked === 0 && stats.acked.size > 0,
    samples: problems.slice(0, 10),
  };
}
