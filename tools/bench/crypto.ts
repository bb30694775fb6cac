/**
 * `npm run bench:crypto`: what the crypto of one send costs, measured on one bench-sized PDU, to
 * choose how Courier signs (issue 16). Prints a Markdown table (µs per PDU) for docs/BENCHMARKS.md:
 *
 * - the parts: canonical JSON, SHA-256, an ed25519 signature by node:crypto and by libsodium
 *   (sodium-native), and the whole finalizeEvent;
 * - a worker pool: PDUs batched per event-loop turn, sent to worker threads that sign them; the
 *   main thread's CPU per PDU (postMessage, structured clone, the reply) is what the pool costs
 *   the event loop, and all threads' CPU per PDU is what it costs the machine.
 */
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { canonicalJson, ed25519Sign, ed25519SignWithNodeCrypto, finalizeEvent, generateSigningKey, type JsonObject } from '@courier/server-domain';

const key = generateSigningKey();
const proto: JsonObject = {
  auth_events: ['$Wl2LX8yEJNS5q2mWUuzrH7gTlYOnvvkHeG1D2vh6L5Q', '$k8yd6a8Ui8o7GGDYe4pzc1sqaCD0dJLUm26AVMijmtg', '$b9DCxVqVZCWiXbnHhNFN3jtWzg2IW2DsL4Y7LkhV0mM'],
  content: { msgtype: 'm.text', body: 'bench message 123456' },
  depth: 1234,
  origin_server_ts: 1_796_390_000_000,
  prev_events: ['$Ki9kC2KDBsJT0pNufbUWsyDqAv1U7FjbkHgO3w1iiMk'],
  room_id: '!AbCdEfGhIjKlMnOp:bench.local',
  sender: '@user3:bench.local',
  type: 'm.room.message',
};
const bytes = Buffer.from(canonicalJson(proto), 'utf8');

/** CPU µs of this process's main thread (Linux: its task has the process's id). */
function mainThreadCpuUs(): number {
  const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) / 100) * 1e6;
}
const allThreadsCpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

function perOp(name: string, fn: () => void, n = 20_000): [string, number] {
  for (let i = 0; i < 2_000; i++) fn();
  // CPU time, not wall time: on a shared machine other processes' turns are not counted.
  const t0 = allThreadsCpuUs();
  for (let i = 0; i < n; i++) fn();
  return [name, (allThreadsCpuUs() - t0) / n];
}

const privateKey = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), key.seed]), format: 'der', type: 'pkcs8' });

const WORKERS = {
  'node:crypto': `
const { parentPort, workerData } = require('node:worker_threads');
const { sign, createPrivateKey } = require('node:crypto');
const k = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(workerData)]), format: 'der', type: 'pkcs8' });
parentPort.on('message', ({ id, pdus }) => {
  parentPort.postMessage({ id, sigs: pdus.map((b) => sign(null, b, k).toString('base64')) });
});`,
  libsodium: `
const { parentPort, workerData } = require('node:worker_threads');
const sodium = require(${JSON.stringify(createRequire(import.meta.url).resolve('sodium-native'))});
const sk = Buffer.alloc(64);
sodium.crypto_sign_seed_keypair(Buffer.alloc(32), sk, Buffer.from(workerData));
parentPort.on('message', ({ id, pdus }) => {
  parentPort.postMessage({ id, sigs: pdus.map((b) => { const s = Buffer.alloc(64); sodium.crypto_sign_detached(s, b, sk); return s.toString('base64'); }) });
});`,
};
type Impl = keyof typeof WORKERS;

/** A pool of `size` workers; every PDU asked for in one turn goes out in one message per worker. */
async function poolRun(impl: Impl, size: number, perTurn: number, turns: number): Promise<{ mainUs: number; allUs: number; wallUs: number }> {
  const workers = Array.from({ length: size }, () => new Worker(WORKERS[impl], { eval: true, workerData: key.seed }));
  let nextId = 0;
  const waiting = new Map<number, (sigs: string[]) => void>();
  for (const w of workers) w.on('message', ({ id, sigs }: { id: number; sigs: string[] }) => waiting.get(id)?.(sigs));
  const batch = (pdus: Uint8Array[], w: Worker) =>
    new Promise<string[]>((resolve) => {
      const id = nextId++;
      waiting.set(id, (sigs) => (waiting.delete(id), resolve(sigs)));
      w.postMessage({ id, pdus });
    });
  const turn = async () => {
    const pdus = Array.from({ length: perTurn }, () => bytes);
    const share = Math.ceil(perTurn / size);
    await Promise.all(workers.map((w, i) => batch(pdus.slice(i * share, (i + 1) * share), w)));
  };
  for (let t = 0; t < 50; t++) await turn();
  const m0 = mainThreadCpuUs();
  const a0 = allThreadsCpuUs();
  const w0 = process.hrtime.bigint();
  for (let t = 0; t < turns; t++) await turn();
  const n = perTurn * turns;
  const result = { mainUs: (mainThreadCpuUs() - m0) / n, allUs: (allThreadsCpuUs() - a0) / n, wallUs: Number(process.hrtime.bigint() - w0) / 1e3 / n };
  await Promise.all(workers.map((w) => w.terminate()));
  return result;
}

async function main(): Promise<void> {
  const rows = [
    perOp('canonical JSON of the PDU', () => canonicalJson(proto)),
    perOp('SHA-256 of the canonical PDU (node:crypto)', () => createHash('sha256').update(bytes).digest()),
    perOp('ed25519 `crypto.sign(null, pdu, keyObject)` (node:crypto)', () => sign(null, bytes, privateKey)),
    perOp('ed25519 through Courier with node:crypto (key cache lookup included)', () => ed25519SignWithNodeCrypto(key, bytes)),
    perOp('ed25519 `crypto_sign_detached` (sodium-native, libsodium; Courier\'s ed25519Sign)', () => ed25519Sign(key, bytes)),
    perOp('finalizeEvent: hash + redact + canonical ×2 + sign + event ID (as built)', () => finalizeEvent(proto, '11', 'bench.local', key)),
  ];
  console.log(`Node ${process.version}, ${new Date().toISOString()}\n`);
  console.log('| operation (one bench PDU, %d bytes canonical) | CPU µs |'.replace('%d', String(bytes.length)));
  console.log('|---|---:|');
  for (const [name, us] of rows) console.log(`| ${name} | ${us.toFixed(1)} |`);
  console.log('\n| worker pool: signing in workers | PDUs per message | main-thread CPU µs/PDU | all threads CPU µs/PDU | wall µs/PDU |');
  console.log('|---|---:|---:|---:|---:|');
  for (const impl of ['node:crypto', 'libsodium'] as const) {
    for (const [size, perTurn] of [
      [1, 1],
      [1, 10],
      [1, 50],
      [2, 50],
    ] as const) {
      const r = await poolRun(impl, size, perTurn, Math.max(200, Math.round(20_000 / perTurn)));
      console.log(`| ${size} worker${size > 1 ? 's' : ''}, ${impl} | ${Math.ceil(perTurn / size)} | ${r.mainUs.toFixed(1)} | ${r.allUs.toFixed(1)} | ${r.wallUs.toFixed(1)} |`);
    }
  }
}

void main();
