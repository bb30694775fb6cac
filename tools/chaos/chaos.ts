/**
 * npx tsx tools/chaos/chaos.ts [--db sqlite|postgres] [--fault kill|db-restart] [--kills 5]
 *   [--restarts 3] [--instances 1] [--down-ms 0] [--clients 8] [--seconds 20]
 * (npm run chaos -- …)
 *
 * Crash safety: runs Courier (the production build, apps/server/dist/main.js, as `npm start`
 * does) on a throw-away database, drives
 * clients that retry every send with the same txnId until a 200, and meanwhile either kill -9s
 * the server at random moments and restarts it (`--fault kill`), or restarts PostgreSQL under
 * it (`--fault db-restart`, on a PostgreSQL of its own; `--down-ms` keeps it stopped that long).
 * Then checks that no acknowledged event was lost or duplicated (and, for a database restart,
 * that Courier never died, never answered 500, and kept /health at 200).
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
      fault: { type: 'string', default: 'kill' },
      kills: { type: 'string', default: '5' },
      restarts: { type: 'string', default: '3' },
      instances: { type: 'string', default: '1' },
      'down-ms': { type: 'string', default: '0' },
      clients: { type: 'string', default: '8' },
      seconds: { type: 'string', default: '20' },
    },
  });
  if (values.db !== 'sqlite' && values.db !== 'postgres') throw new Error('--db must be sqlite or postgres');
  if (values.fault !== 'kill' && values.fault !== 'db-restart') throw new Error('--fault must be kill or db-restart');
  const report = await runChaos({
    db: values.db,
    fault: values.fault,
    kills: Number(values.fault === 'kill' ? values.kills : values.restarts),
    instances: Number(values.instances),
    downMs: Number(values['down-ms']),
    clients: Number(values.clients),
    seconds: Number(values.seconds),
    log: (line) => console.error(`[chaos] ${line}`),
  });
  console.log(JSON.stringify(report, null, 2));
  const { sent, acked, retried, lost, duplicated, cutInFlight, committedBeforeCut, crashes, internalErrors } = report;
  console.error(
    `[chaos] ${report.ok ? 'PASS' : 'FAIL'}: sent ${sent}, acked ${acked}, retried ${retried}, lost ${lost}, duplicated ${duplicated} ` +
      (report.fault === 'kill'
        ? `(${cutInFlight} requests cut in flight, ${committedBeforeCut} of them already committed)`
        : `(answers other than 200: ${JSON.stringify(report.statuses)}, ${report.committedBeforeError} of them already committed, ` +
          `500s ${internalErrors}, crashes ${crashes}, ` +
          `200 again ${report.outages.map((o) => o.okAgainMs).join('/')} ms after each restart)`),
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
