/**
 * npx tsx tools/cluster/cluster.ts [--instances 2] [--port 8008] [--database postgresql://…]
 *
 * Starts N Courier instances on one PostgreSQL (a throw-away database unless --database is
 * given) on local ports, and nginx (Debian's) in front on --port, with a generated config.
 * Ctrl-C stops everything. Also used by the benchmark (startCluster).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { spawnCourier, type CourierProcess } from '../process/courier-process';
import { nginxConfig } from './nginx-config';

export interface Cluster {
  url: string;
  instances: CourierProcess[];
  stop(): Promise<void>;
}

async function waitFor(url: string, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startCluster(opts: { instances: number; port: number; databaseUrl: string; env?: Record<string, string> }): Promise<Cluster> {
  const instances: CourierProcess[] = [];
  // One at a time: the first runs the migrations; the others find them applied.
  for (let i = 0; i < opts.instances; i++) {
    instances.push(await spawnCourier({ DATABASE_URL: opts.databaseUrl, ...opts.env }, opts.port + 1 + i, { build: 'dist' }));
  }
  const prefix = mkdtempSync(join(tmpdir(), 'courier-nginx-'));
  for (const d of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(prefix, d));
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(conf, nginxConfig({ listenPort: opts.port, upstreamPorts: instances.map((_, i) => opts.port + 1 + i), prefix }));
  const nginx: ChildProcess = spawn('nginx', ['-c', conf, '-p', prefix, '-g', 'daemon off;'], { stdio: 'inherit' });
  const url = `http://127.0.0.1:${opts.port}`;
  await waitFor(`${url}/_matrix/client/versions`);
  return {
    url,
    instances,
    async stop() {
      nginx.kill('SIGQUIT');
      await Promise.all(instances.map((s) => s.stop()));
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { instances: { type: 'string', default: '2' }, port: { type: 'string', default: '8008' }, database: { type: 'string' } },
  });
  let drop: (() => Promise<void>) | undefined;
  let databaseUrl = values.database;
  if (!databaseUrl) {
    const { createTestDatabase } = await import('@courier/server-testing');
    const db = await createTestDatabase('postgres');
    databaseUrl = db.url;
    drop = db.drop;
  }
  const cluster = await startCluster({ instances: Number(values.instances), port: Number(values.port), databaseUrl });
  console.log(`Courier cluster: ${cluster.instances.length} instances behind nginx at ${cluster.url} (database ${databaseUrl})`);
  const stop = async () => {
    await cluster.stop();
    await drop?.();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) void main();
