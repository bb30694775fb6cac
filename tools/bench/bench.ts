/**
 * npm run bench [-- --seconds 20 --only echo,sqlite,postgres --no-write --cpu-prof DIR]
 * npm run bench -- --soak [--events 1000000]
 * npm run bench -- --reads [--sizes sqlite:1000,postgres:1000 --samples 200]   (reads.ts)
 *
 * Starts, in one run on this machine: a bare node:http echo (the ceiling), Courier on a fresh
 * SQLite data dir, and Courier on a throw-away PostgreSQL database; drives each with autocannon
 * (50 connections, every request a new txnId, 100 users in 10 rooms; then a variant with 20%
 * reactions), and 2 instances on PostgreSQL behind nginx (tools/cluster); checks that stored
 * events == 200s; writes docs/BENCHMARKS.md.
 */
import { parseArgs } from 'node:util';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@courier/server-testing';
import { spawnEchoServer } from './echo-server';
import { spawnFastifyEcho } from './fastify-echo';
import { drive, warm, type LoadResult } from './load';
import { countEvents, seed } from './seed';
import { cpuSecondsOf, mainThreadCpuSecondsOf, spawnCourier } from '../process/courier-process';
import { loadavg } from 'node:os';
import { measureStartup, profileSend } from './profile';
import { writeReport, type Row } from './report';
import { runSoak } from './soak';
import { runReads } from './reads';
import { startCluster } from '../cluster/cluster';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    connections: { type: 'string', default: '50' },
    only: { type: 'string', default: 'startup,echo,sqlite,postgres,cluster,profile' },
    soak: { type: 'boolean', default: false },
    reads: { type: 'boolean', default: false },
    sizes: { type: 'string', default: 'sqlite:1000,sqlite:100000,sqlite:1000000,postgres:1000,postgres:100000' },
    samples: { type: 'string', default: '200' },
    events: { type: 'string', default: '1000000' },
    'no-write': { type: 'boolean', default: false },
    /** Runs each single Courier under `node --cpu-prof`, writing its profile into this directory. */
    'cpu-prof': { type: 'string' },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const only = new Set(values.only.split(','));
const SERVER_NAME = 'bench.local';
let port = 18_500;
const profileArgs = values['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', values['cpu-prof']] : [];

interface Target {
  url: string;
  rssMb(): number;
  cpuSeconds(): number;
  mainThreadCpuSeconds(): number;
  stop(): Promise<void>;
}

async function benchCourier(name: string, databaseUrl: string, dropDb: () => Promise<void>, echo: number, instances = 1): Promise<Row[]> {
  const s = await seed(databaseUrl, SERVER_NAME);
  const server: Target =
    instances === 1 ? await spawnCourier({ DATABASE_URL: databaseUrl, SERVER_NAME }, port++, { nodeArgs: profileArgs, build: 'dist' }) : await clusterTarget(databaseUrl, instances);
  const rows: Row[] = [];
  try {
    const amount = await warm(server.url, s, seconds, connections);
    for (const reactionShare of [0, 0.2]) {
      // Requests still in flight when a timed run stops are committed afterwards: wait for the
      // count to settle before taking the baseline.
      const before = await settledCount(databaseUrl);
      const rssBefore = server.rssMb();
      const cpu = startCpuWatch(server);
      const r = await drive(server.url, s, { seconds, connections, reactionShare, amount });
      const { serverCores, machineBusy, cpuSeconds, mainSeconds } = cpu.stop();
      const stored = (await countEvents(databaseUrl)) - before;
      const answered = Math.max(1, r.ok + r.non2xx);
      rows.push({
        target: name,
        variant: reactionShare ? '20% reactions' : 'messages',
        ...r,
        rssBefore,
        rssAfter: server.rssMb(),
        ratio: r.sendsPerSec / echo,
        stored,
        serverCores,
        machineBusy,
        cpuUsPerSend: (cpuSeconds * 1e6) / answered,
        mainUsPerSend: (mainSeconds * 1e6) / answered,
      });
      console.log(rows[rows.length - 1]);
    }
  } finally {
    await server.stop();
    await dropDb();
  }
  return rows;
}

/** Machine-wide busy and idle jiffies from /proc/stat's first line. */
function machineJiffies(): { busy: number; total: number } {
  const f = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  const idle = (f[3] ?? 0) + (f[4] ?? 0);
  return { busy: total - idle, total };
}

/**
 * How many cores the server used during a run, and how busy the whole machine was (load
 * generator and PostgreSQL included): shows whether a run was CPU-bound.
 */
function startCpuWatch(server: { cpuSeconds(): number; mainThreadCpuSeconds(): number }) {
  const t0 = Date.now();
  const cpu0 = server.cpuSeconds();
  const main0 = server.mainThreadCpuSeconds();
  const m0 = machineJiffies();
  return {
    stop() {
      const m1 = machineJiffies();
      const seconds = (Date.now() - t0) / 1000;
      const cpuSeconds = server.cpuSeconds() - cpu0;
      return {
        serverCores: cpuSeconds / seconds,
        machineBusy: (m1.busy - m0.busy) / Math.max(1, m1.total - m0.total),
        cpuSeconds,
        mainSeconds: server.mainThreadCpuSeconds() - main0,
      };
    },
  };
}

/** How busy the machine is before the bench starts anything: other work sharing the cores. */
async function backgroundLoad(): Promise<string> {
  const m0 = machineJiffies();
  await new Promise((r) => setTimeout(r, 3_000));
  const m1 = machineJiffies();
  const busy = (m1.busy - m0.busy) / Math.max(1, m1.total - m0.total);
  const [one, five] = loadavg();
  return `before the run the machine was ${Math.round(busy * 100)}% busy with other work (load average ${one?.toFixed(1)} over 1 min, ${five?.toFixed(1)} over 5 min).`;
}

async function settledCount(databaseUrl: string): Promise<number> {
  let last = -1;
  for (;;) {
    const n = await countEvents(databaseUrl);
    if (n === last) return n;
    last = n;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function clusterTarget(databaseUrl: string, instances: number): Promise<Target> {
  const cluster = await startCluster({ instances, port, databaseUrl, env: { SERVER_NAME } });
  port += instances + 1;
  return {
    url: cluster.url,
    rssMb: () => cluster.instances.reduce((sum, i) => sum + i.rssMb(), 0),
    cpuSeconds: () => cluster.instances.reduce((sum, i) => sum + i.cpuSeconds(), 0),
    mainThreadCpuSeconds: () => cluster.instances.reduce((sum, i) => sum + i.mainThreadCpuSeconds(), 0),
    stop: () => cluster.stop(),
  };
}

async function main(): Promise<void> {
  if (values.reads) {
    await runReads({ sizes: values.sizes, samples: Number(values.samples), write: !values['no-write'] });
    return;
  }
  if (values.soak) {
    await runSoak(Number(values.events), SERVER_NAME, !values['no-write']);
    return;
  }
  const load = await backgroundLoad();
  console.log(`Machine load: ${load}`);
  if (only.has('startup')) await measureStartup(!values['no-write']);
  const rows: Row[] = [];
  let echoRate = 1;
  if (only.has('echo')) {
    const echoPort = port++;
    const echo = await spawnEchoServer(echoPort);
    const fake = { users: [{ userId: '@a:x', token: 't' }], rooms: ['!r:x'], targets: new Map([['!r:x', '$e']]), baseline: 0 };
    await drive(`http://127.0.0.1:${echoPort}`, fake, { seconds: 2, connections: 10, reactionShare: 0 });
    const cpu = startCpuWatch({ cpuSeconds: () => cpuSecondsOf(echo.pid), mainThreadCpuSeconds: () => mainThreadCpuSecondsOf(echo.pid) });
    const r: LoadResult = await drive(`http://127.0.0.1:${echoPort}`, fake, { seconds, connections, reactionShare: 0 });
    const { serverCores, machineBusy, cpuSeconds, mainSeconds } = cpu.stop();
    await echo.close();
    echoRate = r.sendsPerSec;
    const answered = Math.max(1, r.ok + r.non2xx);
    rows.push({
      target: 'bare node:http echo',
      variant: 'messages',
      ...r,
      rssBefore: 0,
      rssAfter: 0,
      ratio: 1,
      stored: r.ok,
      serverCores,
      machineBusy,
      cpuUsPerSend: (cpuSeconds * 1e6) / answered,
      mainUsPerSend: (mainSeconds * 1e6) / answered,
    });
    console.log(rows[0]);
    const fastifyPort = port++;
    const bare = await spawnFastifyEcho(fastifyPort);
    await drive(`http://127.0.0.1:${fastifyPort}`, fake, { seconds: 2, connections: 10, reactionShare: 0 });
    const fcpu = startCpuWatch({ cpuSeconds: () => cpuSecondsOf(bare.pid), mainThreadCpuSeconds: () => mainThreadCpuSecondsOf(bare.pid) });
    const f: LoadResult = await drive(`http://127.0.0.1:${fastifyPort}`, fake, { seconds, connections, reactionShare: 0 });
    const fw = fcpu.stop();
    await bare.close();
    const fAnswered = Math.max(1, f.ok + f.non2xx);
    rows.push({
      target: 'bare Fastify route (same PUT and body)',
      variant: 'messages',
      ...f,
      rssBefore: 0,
      rssAfter: 0,
      ratio: f.sendsPerSec / echoRate,
      stored: f.ok,
      serverCores: fw.serverCores,
      machineBusy: fw.machineBusy,
      cpuUsPerSend: (fw.cpuSeconds * 1e6) / fAnswered,
      mainUsPerSend: (fw.mainSeconds * 1e6) / fAnswered,
    });
    console.log(rows[1]);
  }
  if (only.has('sqlite')) {
    const dir = mkdtempSync(join(tmpdir(), 'courier-bench-'));
    rows.push(...(await benchCourier('Courier, SQLite', `file:${join(dir, 'courier.sqlite')}`, async () => rmSync(dir, { recursive: true, force: true }), echoRate)));
  }
  if (only.has('postgres')) {
    const db = await createTestDatabase('postgres');
    rows.push(...(await benchCourier('Courier, PostgreSQL', db.url, db.drop, echoRate)));
  }
  if (only.has('cluster')) {
    const db = await createTestDatabase('postgres');
    rows.push(...(await benchCourier('Courier, 2 × PostgreSQL behind nginx', db.url, db.drop, echoRate, 2)));
  }
  const bad = rows.filter((r) => !r.target.startsWith('bare') && r.stored !== r.ok);
  if (!values['no-write'] && rows.length > 0) await writeReport(rows, { seconds, connections, load });
  if (only.has('profile')) await profileSend(port++, Math.min(seconds, 10), connections, !values['no-write']);
  if (bad.length > 0) {
    console.error('MISMATCH: stored events != 200 responses for', bad.map((b) => `${b.target} ${b.variant}`));
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
