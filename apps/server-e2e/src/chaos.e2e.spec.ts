import { describe, expect, it } from 'vitest';
import { runChaos } from '@courier/tools/chaos';
import { dbKinds, ownPostgresAvailable } from '@courier/server-testing';

/**
 * The short chaos runs of `npm test` (tools/chaos; `npm run chaos` runs the long ones): the real
 * server process under load from retrying clients, and every 200 must be stored exactly once
 * and answer its event_id again.
 */
describe.each(await dbKinds())('crash safety under kill -9 on %s', (db) => {
  it('loses and duplicates nothing that was acknowledged', { timeout: 300_000 }, async () => {
    const report = await runChaos({ db, kills: 2, clients: 4, seconds: 6 });
    console.log(`[chaos ${db}] sent ${report.sent}, acked ${report.acked}, retried ${report.retried} (${report.cutInFlight} cut in flight, ${report.committedBeforeCut} already committed), lost ${report.lost}, duplicated ${report.duplicated}`);
    expect(report.samples).toEqual([]);
    expect(report).toMatchObject({ lost: 0, duplicated: 0, retryMismatches: 0, phantoms: 0, chainBreaks: 0, unexpected: 0, unacked: 0, ok: true });
    expect(report.acked).toBeGreaterThan(0);
    expect(report.startsMs).toHaveLength(3);
  });
});

/**
 * PostgreSQL restarted (`pg_ctl restart -m fast`) under the running server, on a PostgreSQL of
 * the run's own: no Courier process dies, every answer meanwhile is a 200 or a 503 with
 * Retry-After (never a 500), /health stays 200, and nothing acknowledged is lost or doubled.
 * With two instances, one restart hits both at once.
 */
describe.skipIf(!ownPostgresAvailable()).each([1, 2])('surviving PostgreSQL restarts with %i instance(s)', (instances) => {
  it('no process dies, no 500, and nothing acknowledged is lost or duplicated', { timeout: 300_000 }, async () => {
    const report = await runChaos({ db: 'postgres', fault: 'db-restart', kills: 2, instances, clients: 4, seconds: 6 });
    console.log(
      `[chaos db-restart x${instances}] sent ${report.sent}, acked ${report.acked}, answers other than 200 ${JSON.stringify(report.statuses)} ` +
        `(${report.committedBeforeError} already committed), 200 again ${report.outages.map((o) => o.okAgainMs).join('/')} ms after each restart`,
    );
    expect(report.samples).toEqual([]);
    expect(report).toMatchObject({ crashes: 0, internalErrors: 0, connectionErrors: 0, missingRetryAfter: 0, lost: 0, duplicated: 0, retryMismatches: 0, unacked: 0, ok: true });
    expect(report.probes.map((p) => p.healthFailures)).toEqual(Array(instances).fill(0));
    expect(report.outages).toHaveLength(2);
    expect(report.acked).toBeGreaterThan(0);
  });
});
