import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, freePort } from '@courier/server-testing';
import { spawnCourier, type CourierProcess } from '../process/courier-process';
import { fillReadsFixture, type ReadsFixture, type ReadsUser } from './reads-fill';
import { openInProcess, type ReadsClient } from './reads-in-process';
import { machine, replaceSection } from './report';

/**
 * npm run bench -- --reads [--sizes sqlite:1000,sqlite:100000,sqlite:1000000,postgres:1000,postgres:100000] [--no-write]
 *
 * Issue 12: the cost of the reads a client makes all day, as one room grows. For each database
 * and room size: a fresh database, the room filled (reads-fill.ts), one Courier process, then
 * one request at a time over HTTP (keep-alive), each kind timed `samples` times after a warm-up.
 * At the smallest size of each database, a user in 5 rooms and a user in 500 rooms each sync
 * incrementally after one of their rooms changed.
 */
const SERVER_NAME = 'bench.local';

export interface ReadsRow {
  /** in-process: the use cases called in this process; HTTP: a Courier process, over keep-alive. */
  mode: string;
  db: string;
  events: number;
  read: string;
  median: number;
  p99: number;
  samples: number;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;

async function timed(samples: number, warmup: number, once: (i: number) => Promise<void>, before?: (i: number) => Promise<void>): Promise<{ median: number; p99: number }> {
  const times: number[] = [];
  for (let i = 0; i < warmup + samples; i++) {
    await before?.(i);
    const t0 = process.hrtime.bigint();
    await once(i);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (i >= warmup) times.push(ms);
  }
  times.sort((a, b) => a - b);
  return { median: quantile(times, 0.5), p99: quantile(times, 0.99) };
}

/** The same reads over HTTP, as a client makes them. */
function httpClient(url: string, u: ReadsUser): ReadsClient {
  const call = async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const res = await fetch(`${url}/_matrix/client/v3${path}`, {
      method,
      headers: { authorization: `Bearer ${u.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  let txn = 0;
  const e = encodeURIComponent;
  return {
    event: (roomId, eventId) => call('GET', `/rooms/${e(roomId)}/event/${e(eventId)}`),
    messages: (roomId, from) => call('GET', `/rooms/${e(roomId)}/messages?dir=b&limit=20&from=s${from}`),
    sync: async (since) => String((await call('GET', since ? `/sync?timeout=0&since=${since}` : '/sync?timeout=0'))['next_batch']),
    send: (roomId) => call('PUT', `/rooms/${e(roomId)}/send/m.room.message/b${Date.now()}-${txn++}`, { msgtype: 'm.text', body: 'new' }),
  };
}

/** Random but repeatable: the same event ids on every database and run. */
function lcg(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return 1 + (s % n);
  };
}

async function measure(
  mode: string,
  db: string,
  events: number,
  as: (u: ReadsUser) => ReadsClient,
  f: ReadsFixture,
  samples: number,
): Promise<ReadsRow[]> {
  const rows: ReadsRow[] = [];
  const add = (read: string, r: { median: number; p99: number }, n = samples) => {
    rows.push({ mode, db, events, read, ...r, samples: n });
    console.log(`${mode} ${db} ${events} ${read}: median ${r.median.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms`);
  };
  const alice = as(f.alice);
  const pick = lcg(12);
  add('GET /event', await timed(samples, 20, async () => {
    await alice.event(f.bigRoom, f.bulkId(pick(Math.max(1, f.bulkCount))));
  }));
  const head = Number(/^s(\d+)/.exec(await alice.sync())?.[1] ?? 0);
  const from = lcg(7);
  add('/messages (20, from a random point)', await timed(samples, 20, async () => {
    await alice.messages(f.bigRoom, from(head));
  }));
  const syncSamples = Math.max(10, Math.floor(samples / 4));
  let since = '';
  add('incremental /sync (after one send)', await timed(syncSamples, 5, async () => {
    since = await alice.sync(since);
  }, async (i) => {
    if (i === 0) since = await alice.sync();
    await alice.send(f.bigRoom);
  }), syncSamples);
  add('initial /sync', await timed(syncSamples, 5, async () => {
    await alice.sync();
  }), syncSamples);
  for (const [label, who] of [['5 rooms', f.few], ['500 rooms', f.many]] as const) {
    if (!who) continue;
    const c = as(who.user);
    let token = '';
    const changed = lcg(3);
    add(`incremental /sync, user in ${label}, one changed`, await timed(syncSamples, 5, async () => {
      token = await c.sync(token);
    }, async (i) => {
      if (i === 0) token = await c.sync();
      await c.send(who.rooms[changed(who.rooms.length) - 1] ?? '');
    }), syncSamples);
  }
  return rows;
}

async function oneSize(kind: 'sqlite' | 'postgres', events: number, samples: number, manyRooms: boolean): Promise<ReadsRow[]> {
  let url: string;
  let drop: () => Promise<void>;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'courier-reads-'));
    url = `file:${join(dir, 'courier.sqlite')}`;
    drop = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const db = await createTestDatabase('postgres');
    url = db.url;
    drop = db.drop;
  }
  let server: CourierProcess | undefined;
  try {
    const t0 = Date.now();
    const fixture = await fillReadsFixture(url, SERVER_NAME, events, { manyRooms });
    console.log(`${kind} ${events}: filled in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const db = kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    const local = await openInProcess(url, SERVER_NAME);
    const rows = await measure('in-process', db, events, (u) => local.as(u), fixture, samples).finally(() => local.close());
    server = await spawnCourier({ DATABASE_URL: url, SERVER_NAME }, await freePort());
    const url0 = server.url;
    rows.push(...(await measure('HTTP', db, events, (u) => httpClient(url0, u), fixture, samples)));
    return rows;
  } finally {
    await server?.stop();
    await drop();
  }
}

function table(rows: ReadsRow[]): string[] {
  const fmt = (n: number) => n.toFixed(2);
  const reads = [...new Set(rows.map((r) => r.read))];
  const sizes = [...new Set(rows.map((r) => `${r.db}|${r.events}`))];
  return [
    `| database | events in the room | ${reads.join(' | ')} |`,
    `|---|---:|${reads.map(() => '---:').join('|')}|`,
    ...sizes.map((key) => {
      const [db, events] = key.split('|');
      const cells = reads.map((read) => {
        const r = rows.find((x) => `${x.db}|${x.events}` === key && x.read === read);
        return r ? `${fmt(r.median)} / ${fmt(r.p99)}` : '–';
      });
      return `| ${db} | ${Number(events).toLocaleString('en-US')} | ${cells.join(' | ')} |`;
    }),
  ];
}

function report(rows: ReadsRow[], command: string, load: string): string {
  return [
    `Run on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — ${machine()}. ${load}`,
    '',
    `Command: \`${command}\`. Each cell: median / p99 in ms, one request at a time.`,
    '',
    '**In-process** (the use cases called directly on the database, no HTTP):',
    '',
    ...table(rows.filter((r) => r.mode === 'in-process')),
    '',
    '**Over HTTP** (a Courier process, keep-alive connection from this process):',
    '',
    ...table(rows.filter((r) => r.mode === 'HTTP')),
  ].join('\n');
}

export async function runReads(opts: { sizes: string; samples: number; write: boolean }): Promise<void> {
  const sizes = opts.sizes.split(',').map((s) => {
    const [kind, n] = s.split(':');
    if ((kind !== 'sqlite' && kind !== 'postgres') || !Number(n)) throw new Error(`bad size ${s} (kind:events)`);
    return { kind, events: Number(n) } as const;
  });
  const smallest = new Map<string, number>();
  for (const s of sizes) smallest.set(s.kind, Math.min(smallest.get(s.kind) ?? Infinity, s.events));
  const rows: ReadsRow[] = [];
  for (const s of sizes) rows.push(...(await oneSize(s.kind, s.events, opts.samples, smallest.get(s.kind) === s.events)));
  const [l1, l5, l15] = loadavg().map((l) => l.toFixed(1));
  const load = `Load average at the end of the run: ${l1} / ${l5} / ${l15} (1 / 5 / 15 min) on ${cpus().length} cores.`;
  const body = report(rows, `npm run bench -- --reads --sizes ${opts.sizes} --samples ${opts.samples}`, load);
  console.log(body);
  if (opts.write) replaceSection('reads', body);
}
