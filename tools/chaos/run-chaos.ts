import type { DbKind } from '@courier/server-testing';
import { emptyStats, putOnce, runClient, sendUrl, type ClientStats } from './chaos-clients';
import { createChaosTarget, type ChaosFault, type FaultWindow } from './chaos-faults';
import { probeInstance, type ProbeFindings } from './chaos-probe';
import { createChaosServer, sleep, type ChaosServer } from './chaos-server';
import { seedChaos } from './chaos-seed';
import { inspectTimeline } from './chaos-verify';

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

/** One fault as the clients lived it. */
export interface Outage {
  /** From the fault's start until the system was whole again (Courier restarted, or PostgreSQL accepting connections). */
  faultMs: number;
  /** From then until the first 200 any client received. */
  okAgainMs: number;
  /** Answers other than 200 between the fault's start and that first 200. */
  failedAnswers: number;
}

export interface ChaosReport {
  db: DbKind;
  fault: ChaosFault;
  instances: number;
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
  /** Transactions answered 5xx although an earlier attempt had stored the event: the retry got that event, not a second one. */
  committedBeforeError: number;
  serverErrors: number;
  /** Answers other than 200, by HTTP status (connection failures not included). */
  statuses: Record<string, number>;
  /** 503/507 answers without Retry-After. */
  missingRetryAfter: number;
  /** 500 answers: a fault the server did not turn into a clear 503/507 (must be 0 under db-restart). */
  internalErrors: number;
  /** The longest a request waited for an answer other than 200. */
  slowestFailureMs: number;
  /** Courier processes that exited without being told to (must be 0). */
  crashes: number;
  outages: Outage[];
  /** db-restart: /health answers other than 200 (must be 0), and how long /ready was not 200, per instance. */
  probes: ProbeFindings[];
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

/** Per fault: when it was over, how long until a client got a 200, and what they got meanwhile. */
function outagesOf(windows: FaultWindow[], stats: ClientStats): Outage[] {
  return windows.map(({ startedAt, endedAt }) => {
    const firstOk = stats.ackTimes.find((t) => t >= endedAt) ?? Number.NaN;
    return {
      faultMs: endedAt - startedAt,
      okAgainMs: firstOk - endedAt,
      failedAnswers: stats.failureTimes.filter((t) => t >= startedAt && t <= firstOk).length,
    };
  });
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

interface Findings {
  opts: ChaosOptions;
  fault: ChaosFault;
  servers: ChaosServer[];
  stats: ClientStats;
  mismatches: string[];
  timeline: Awaited<ReturnType<typeof inspectTimeline>>;
  outages: Outage[];
  probes: ProbeFindings[];
}

function report({ opts, fault, servers, stats, mismatches, timeline: t, outages, probes }: Findings): ChaosReport {
  const unexpected = stats.unexpected.map((u) => `${u.txnId}: ${u.status} ${u.body}`);
  const unacked = stats.txns.length - stats.acked.size - stats.unexpected.length;
  const crashes = servers.flatMap((s) => s.crashes);
  // Under a database restart Courier itself never goes away: every answer must be a 200 or a
  // clear 503/507 with Retry-After, and the process, its /health and its connections must live.
  const dbRestartProblems =
    fault === 'db-restart'
      ? [
          ...stats.internalErrors,
          ...(stats.missingRetryAfter > 0 ? [`${stats.missingRetryAfter} answers 503/507 without Retry-After`] : []),
          ...(stats.connectionErrors > 0 ? [`${stats.connectionErrors} requests failed to connect or were cut off`] : []),
          ...probes.flatMap((p, i) => (p.healthFailures > 0 ? [`instance ${i}: /health failed ${p.healthFailures} times`] : [])),
        ]
      : [];
  const problems = [
    ...crashes.map((c) => `crash: ${c}`),
    ...t.lost.map((l) => `lost ${l}`),
    ...t.duplicated.map((d) => `duplicate ${d}`),
    ...mismatches,
    ...t.phantoms.map((p) => `phantom ${p}`),
    ...t.chainBreaks,
    ...unexpected,
    ...dbRestartProblems,
  ];
  return {
    db: opts.db,
    fault,
    instances: servers.length,
    kills: opts.kills,
    clients: opts.clients,
    sent: stats.txns.length,
    acked: stats.acked.size,
    retried: stats.retried,
    txnsRetried: stats.txnsRetried,
    connectionErrors: stats.connectionErrors,
    cutInFlight: stats.cutInFlight,
    committedBeforeCut: t.committedBeforeCut,
    committedBeforeError: t.committedBeforeError,
    serverErrors: stats.serverErrors,
    statuses: stats.statuses,
    missingRetryAfter: stats.missingRetryAfter,
    internalErrors: stats.internalErrors.length,
    slowestFailureMs: stats.slowestFailureMs,
    crashes: crashes.length,
    outages,
    probes,
    lost: t.lost.length,
    duplicated: t.duplicated.length,
    retryMismatches: mismatches.length,
    phantoms: t.phantoms.length,
    chainBreaks: t.chainBreaks.length,
    unexpected: unexpected.length,
    unacked,
    events: t.events,
    startsMs: servers.flatMap((s) => s.startsMs),
    ok: problems.length === 0 && unacked === 0 && stats.acked.size > 0,
    samples: problems.slice(0, 10),
  };
}
