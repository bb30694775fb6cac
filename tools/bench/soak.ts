import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drive } from './load';
import { seed } from './seed';
import { spawnCourier } from '../process/courier-process';
import { machine, replaceSection } from './report';

/**
 * Sends `total` events to one Courier on SQLite in batches of 100k, recording RSS and latency
 * after each (memory must stay flat), then restarts it and records start-up time with all of
 * them stored.
 */
export async function runSoak(total: number, serverName: string, write: boolean): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'courier-soak-'));
  const url = `file:${join(dir, 'courier.sqlite')}`;
  const rows: string[] = [];
  try {
    const s = await seed(url, serverName);
    let server = await spawnCourier({ DATABASE_URL: url, SERVER_NAME: serverName }, 18_600, { build: 'dist' });
    const batch = Math.min(100_000, total);
    for (let sent = 0; sent < total; sent += batch) {
      const r = await drive(server.url, s, { seconds: 0, connections: 50, reactionShare: 0, amount: batch });
      const line = `| ${(sent + batch).toLocaleString('en-US')} | ${server.rssMb()} | ${r.sendsPerSec.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.non2xx + r.errors} |`;
      rows.push(line);
      console.log(line);
    }
    await server.stop();
    server = await spawnCourier({ DATABASE_URL: url, SERVER_NAME: serverName }, 18_601, { build: 'dist' });
    const startup = server.startupMs;
    await server.stop();
    const body = [
      `Soak run on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — ${machine()}.`,
      '',
      `Command: \`npm run bench -- --soak --events ${total}\` (SQLite, 50 connections).`,
      '',
      '| events sent | server RSS (MB) | sends/s | p50 ms | p99 ms | non-2xx |',
      '|---:|---:|---:|---:|---:|---:|',
      ...rows,
      '',
      `Start-up time with ${total.toLocaleString('en-US')} events stored (process spawn to first answer, migrations included): **${startup} ms**.`,
    ].join('\n');
    if (write) replaceSection('soak', body);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
