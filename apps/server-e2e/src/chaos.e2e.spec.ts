import { describe, expect, it } from 'vitest';
import { runChaos } from '@courier/tools/chaos';
import { dbKinds } from '@courier/server-testing';

/**
 * The short chaos run of `npm test` (tools/chaos; `npm run chaos` runs the long one): the real
 * server process, kill -9 twice under load from four retrying clients, restarted on the same
 * database. Every 200 must be stored exactly once and answer its event_id again.
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
