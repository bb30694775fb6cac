import type { DbKind } from '@courier/server-testing';
import { emptyStats, putOnce, runClient, sendUrl, type ClientStats } from './chaos-clients';
import { createChaosTarget, type ChaosFault, type FaultWindow } from './chaos-faults';
import { probeInstance } from './chaos-probe';
import { outagesOf, report, type ChaosReport } from './chaos-report';
import { createChaosServer, sleep, type ChaosServer } from './chaos-server';
import { seedChaos } from './chaos-seed';
import { inspectTimeline } from './chaos-verify';

export type { ChaosReport, Outage } from './chaos-report';

export interface ChaosOptions {
  db: DbKind;
  /** `kill` (the default): kill -9 Courier; `db-restart`: restart PostgreSQL under Courier. */
  fault?: ChaosFault;
  /** How many faults are injected: kills, or database restarts. */
  kills: number;
  /** Courier instances on the one database (clients are spread over them). */
  instances?: number;
  /** db-restart: how long PostgreSQL stays stopped; 0 (the default) is `pg_ctl restart -m fast`. */
  downMs?: number;
  clients: number;
  /** Roughly how long the server is up under load, summed over its lives. */
  seconds: number;
  /** Progress lines; silent by default. */
  log?: (line: string) => void;
}

const SERVER_NAME = 'chaos.local';

/**
 * Starts Courier (`instances` processes) on a throw-away database, drives `clients` senders, and
 * injects `kills` faults at random moments: kill -9 of a Courier process (restarted on the same
 * database), or a restart of PostgreSQL under the running processes. Then checks that every
 * 200 is kept exactly once and, for a database restart, that no process died, no answer was a
 * 500, and /health never failed: see ChaosReport.
 */
export async function runChaos(opts: ChaosOptions): Promise<ChaosReport> {
  const log = opts.log ?? (() => undefined);
  const fault = opts.fault ?? 'kill';
  const target = await createChaosTarget(fault, opts.db, opts.downMs ?? 0);
  try {
    const seed = await seedChaos(target.databaseUrl, SERVER_NAME, opts.clients);
    const env = { DATABASE_URL: target.databaseUrl, SERVER_NAME };
    const servers: ChaosServer[] = [];
    for (let i = 0; i < (opts.instances ?? 1); i++) servers.push(await createChaosServer(env));
    const stats = emptyStats();
    let stopping = false;
    let giveUpAt = Number.POSITIVE_INFINITY;
    try {
      await Promise.all(servers.map((s) => s.start()));
      log(`${servers.length} instance(s) ready on ${opts.db}; ${opts.clients} clients sending; fault: ${fault}`);
      const probes = fault === 'db-restart' ? servers.map((s) => probeInstance(s.url)) : [];
      const url = (client: number) => (txnId: string) => sendUrl((servers[client % servers.length] as ChaosServer).url, seed.roomId, txnId);
      const clients = seed.tokens.map((token, i) => runClient(i, token, url(i), stats, () => stopping, () => giveUpAt));
      // Each stretch lasts a random share of the run, so faults land at unrelated moments of the write path.
      const meanLifeMs = (opts.seconds * 1000) / (opts.kills + 1);
      const windows: FaultWindow[] = [];
      for (let k = 1; k <= opts.kills; k++) {
        await sleep(200 + Math.random() * 2 * meanLifeMs);
        const window = await target.inject(servers);
        windows.push(window);
        log(`${fault} ${k}/${opts.kills} after ${stats.acked.size} acks: whole again in ${window.endedAt - window.startedAt} ms`);
      }
      await sleep(200 + Math.random() * meanLifeMs);
      stopping = true;
      giveUpAt = Date.now() + 60_000;
      await Promise.all(clients);
      const probed = await Promise.all(probes.map((p) => p.stop()));
      const mismatches = await retryAcked(servers, seed.roomId, stats);
      log(`${stats.txns.length} sent, ${stats.acked.size} acked; checking the database`);
      await Promise.all(servers.map((s) => s.stop()));
      const timeline = await inspectTimeline(target.databaseUrl, seed.roomId, stats);
      return report({ opts, fault, servers, stats, mismatches, timeline, outages: outagesOf(windows, stats), probes: probed });
    } finally {
      stopping = true;
      giveUpAt = 0;
      await Promise.all(servers.map((s) => s.kill()));
    }
  } finally {
    await target.drop();
  }
}

/** Retries every acknowledged transaction (same txnId, same bytes): each must answer its original event_id. */
async function retryAcked(servers: ChaosServer[], roomId: string, stats: ClientStats): Promise<string[]> {
  const txns = stats.txns.filter((t) => stats.acked.has(t.txnId));
  const mismatches: string[] = [];
  let next = 0;
  const worker = async (w: number) => {
    const base = (servers[w % servers.length] as ChaosServer).url;
    for (let t = txns[next++]; t; t = txns[next++]) {
      const outcome = await putOnce(sendUrl(base, roomId, t.txnId), t);
      const expected = stats.acked.get(t.txnId);
      if (!('eventId' in outcome) || outcome.eventId !== expected) mismatches.push(`${t.txnId}: acked ${expected}, retry ${JSON.stringify(outcome)}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
  return mismatches;
}
