import type { DbKind } from '@courier/server-testing';
import type { ClientStats } from './chaos-clients';
import type { ChaosFault, FaultWindow } from './chaos-faults';
import type { ProbeFindings } from './chaos-probe';
import type { ChaosServer } from './chaos-server';
import type { TimelineFindings } from './chaos-verify';
import type { ChaosOptions } from './run-chaos';

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

/** Per fault: when it was over, how long until a client got a 200, and what they got meanwhile. */
export function outagesOf(windows: FaultWindow[], stats: ClientStats): Outage[] {
  return windows.map(({ startedAt, endedAt }) => {
    const firstOk = stats.ackTimes.find((t) => t >= endedAt) ?? Number.NaN;
    return {
      faultMs: endedAt - startedAt,
      okAgainMs: firstOk - endedAt,
      failedAnswers: stats.failureTimes.filter((t) => t >= startedAt && t <= firstOk).length,
    };
  });
}

export interface Findings {
  opts: ChaosOptions;
  fault: ChaosFault;
  servers: ChaosServer[];
  stats: ClientStats;
  mismatches: string[];
  timeline: TimelineFindings;
  outages: Outage[];
  probes: ProbeFindings[];
}

export function report({ opts, fault, servers, stats, mismatches, timeline: t, outages, probes }: Findings): ChaosReport {
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
