/**
 * `npm run bench:http`: what Courier's per-request hooks cost, next to a bare Fastify route with
 * the same PUT and body (issue 16, "a lean HTTP path"). In one process, through `inject` (no
 * sockets: the HTTP parser and the network are the same for both and left out), sequential, CPU
 * time per request:
 *
 * - bare Fastify: one route, Fastify's JSON parser, no logger, no hooks;
 * - Courier's hooks: Courier's app as main.ts builds it (logger at warn, request ids, CORS, the
 *   raw-body parser, the Host check, metrics, graceful close, the Matrix error handler) with a
 *   no-op route of the send's shape added, so everything but the send's own work;
 * - a real send (auth lookup, validation, build, sign, store with fsync) on SQLite.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { createDataAccess } from '@courier/server-data-access';
import { createSession, createUser } from '@courier/server-domain';
import { loadConfig } from '@courier/server-util-config';
import { buildApp } from '../src/app';
import { loggerOptions } from '../src/logger-options';
import { rawBody } from '../src/plugins/raw-body.plugin';

const BODY = JSON.stringify({ msgtype: 'm.text', body: 'bench message 123456' });
const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

async function perRequest(app: FastifyInstance, url: (i: number) => string, token: string, n: number): Promise<number> {
  const one = async (i: number) => {
    const res = await app.inject({
      method: 'PUT',
      url: url(i),
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', host: 'bench.local' },
      payload: BODY,
    });
    if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  };
  for (let i = 0; i < Math.min(1_000, n); i++) await one(-i - 1);
  const t0 = cpuUs();
  for (let i = 0; i < n; i++) await one(i);
  return (cpuUs() - t0) / n;
}

const ROUNDS = 7;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const BENCHMARKS = fileURLToPath(new URL('../../../docs/BENCHMARKS.md', import.meta.url));

/** Rewrites the `bench:http` section of docs/BENCHMARKS.md (the same markers as tools/bench). */
function writeSection(body: string): void {
  const text = existsSync(BENCHMARKS) ? readFileSync(BENCHMARKS, 'utf8') : '# Benchmarks\n';
  const re = /<!-- bench:http:start -->[\s\S]*?<!-- bench:http:end -->/;
  const block = `<!-- bench:http:start -->\n${body}\n<!-- bench:http:end -->`;
  writeFileSync(BENCHMARKS, re.test(text) ? text.replace(re, block) : `${text.trimEnd()}\n\n${block}\n`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const write = !args.includes('--no-write');
  const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 20_000);
  const dir = mkdtempSync(join(tmpdir(), 'courier-http-'));
  try {
    const bare = Fastify({ logger: false });
    bare.put('/_matrix/client/v3/rooms/:roomId/send/:eventType/:txnId', async (req) => {
      if (typeof req.body !== 'object' || req.body === null) throw new Error('not an object');
      return { event_id: '$echo' };
    });
    await bare.ready();

    const config = loadConfig({ SERVER_NAME: 'bench.local', DATABASE_URL: `file:${join(dir, 'c.sqlite')}`, LOG_LEVEL: 'warn' });
    const data = await createDataAccess(config.DATABASE_URL);
    const app = await buildApp({ config, data, logger: loggerOptions('warn') });
    app.put('/_matrix/client/v3/rooms/:roomId/send-noop/:eventType/:txnId', async (req) => {
      JSON.parse(rawBody(req).toString('utf8'));
      return { event_id: '$echo' };
    });
    await app.ready();
    const userId = await createUser(data.accounts, { localpart: 'bench', password: null, serverName: 'bench.local', now: Date.now() });
    const { accessToken } = await createSession(data.accounts, { userId, now: Date.now() });
    const created = await app.inject({ method: 'POST', url: '/_matrix/client/v3/createRoom', headers: { authorization: `Bearer ${accessToken}` }, payload: {} });
    const roomId = encodeURIComponent((created.json() as { room_id: string }).room_id);

    // Alternating rounds, the median of each: on a shared machine a burst of other work then
    // lands in one round of one side, not in the whole of it.
    const bareRounds: number[] = [];
    const hookRounds: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      bareRounds.push(await perRequest(bare, (i) => `/_matrix/client/v3/rooms/${roomId}/send/m.room.message/t${i}`, accessToken, n / ROUNDS));
      hookRounds.push(await perRequest(app, (i) => `/_matrix/client/v3/rooms/${roomId}/send-noop/m.room.message/t${i}`, accessToken, n / ROUNDS));
    }
    const bareUs = median(bareRounds);
    const hooksUs = median(hookRounds);
    const sendUs = await perRequest(app, (i) => `/_matrix/client/v3/rooms/${roomId}/send/m.room.message/t${i}`, accessToken, Math.min(n, 5_000));
    await app.close();
    await data.close();
    await bare.close();
    const [one] = loadavg();
    const lines = [
      `Run on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${process.version}, load average ${one?.toFixed(1)} (1 min): ${n.toLocaleString('en-US')} requests each in ${ROUNDS} alternating rounds, the median round shown (sends: ${Math.min(n, 5_000).toLocaleString('en-US')}), one at a time through \`inject\`.`,
      '',
      '| path | CPU µs/request | vs bare Fastify |',
      '|---|---:|---:|',
      `| bare Fastify route (JSON parser, no hooks, no logger) | ${bareUs.toFixed(1)} | 1.00× |`,
      `| Courier's app, every hook, no-op route of the send's shape | ${hooksUs.toFixed(1)} | ${(hooksUs / bareUs).toFixed(2)}× |`,
      `| Courier's send (auth, checks, build, sign, store + fsync; one at a time, so no group commit) | ${sendUs.toFixed(1)} | ${(sendUs / bareUs).toFixed(2)}× |`,
    ];
    console.log(lines.join('\n'));
    if (write) writeSection(lines.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
