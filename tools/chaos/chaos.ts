/**
 * npx tsx tools/chaos/chaos.ts [--db sqlite|postgres] [--kills 5] [--clients 8] [--seconds 20]
 * (npm run chaos -- …)
 *
 * Crash safety: runs Courier (main.ts, as `npm start` does) on a throw-away database, drives
 * clients that retry every send with the same txnId until a 200, kill -9s the server at random
 * moments and restarts it, then checks that no acknowledged event was lost or duplicated.
 * Prints the report as JSON; exits 1 on any loss, duplicate or broken promise.
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { runChaos } from './run-chaos';

export { runChaos, type ChaosOptions, type ChaosReport } from './run-chaos';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: 'sqlite' },
      kills: { type: 'string', default: '5' },
      clients: { type: 'string', default: '8' },
      seconds: { type: 'string', default: '20' },
    },
  });
  if (values.db !== 'sqlite' && values.db !== 'postgres') throw new Error('--db must be sqlite or postgres');
  const report = await runChaos({
    db: values.db,
    kills: Number(values.kills),
    clients: Number(values.clients),
    seconds: Number(values.seconds),
    log: (line) => console.error(`[chaos] ${line}`),
  });
  console.log(JSON.stringify(report, null, 2));
  const { sent, acked, retried, lost, duplicated, cutInFlight, committedBeforeCut } = report;
  console.error(
    `[chaos] ${report.ok ? 'PASS' : 'FAIL'}: sent ${sent}, acked ${acked}, retried ${retried}, lost ${lost}, duplicated ${duplicated} ` +
      `(${cutInFlight} requests cut in flight, ${committedBeforeCut} of them already committed)`,
  );
  return report.ok ? 0 : 1;
}

// Run only as a script; the e2e test imports runChaos from here.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(2);
    },
  );
}
