import { sleep } from './chaos-server';

/** What an operator's health checks saw of one instance during the run. */
export interface ProbeFindings {
  /** /health answers other than 200 (or no answer): the process was not alive. Must be 0. */
  healthFailures: number;
  /** Each stretch during which /ready was not 200, in milliseconds. */
  notReadyMs: number[];
}

/**
 * Polls /health and /ready of `base` every `everyMs` until stopped, as a load balancer and a
 * supervisor would: liveness must hold throughout a database outage, readiness must drop while
 * the database is away and come back after.
 */
export function probeInstance(base: string, everyMs = 100): { stop(): Promise<ProbeFindings> } {
  const findings: ProbeFindings = { healthFailures: 0, notReadyMs: [] };
  let stopping = false;
  let notReadySince: number | undefined;
  const status = async (path: string) => {
    try {
      return (await fetch(`${base}${path}`, { signal: AbortSignal.timeout(5_000) })).status;
    } catch {
      return 0;
    }
  };
  const loop = (async () => {
    while (!stopping) {
      const [health, ready] = await Promise.all([status('/health'), status('/ready')]);
      if (health !== 200) findings.healthFailures++;
      if (ready !== 200 && notReadySince === undefined) notReadySince = Date.now();
      if (ready === 200 && notReadySince !== undefined) {
        findings.notReadyMs.push(Date.now() - notReadySince);
        notReadySince = undefined;
      }
      await sleep(everyMs);
    }
  })();
  return {
    async stop() {
      stopping = true;
      await loop;
      if (notReadySince !== undefined) findings.notReadyMs.push(Date.now() - notReadySince);
      return findings;
    },
  };
}
