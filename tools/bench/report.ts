import { cpus, totalmem } from 'node:os';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { LoadResult } from './load';

export type Row = LoadResult & {
  target: string;
  variant: string;
  rssBefore: number;
  rssAfter: number;
  ratio: number;
  stored: number;
  /** Cores the Courier process(es) used during the run. */
  serverCores: number;
  /** Share of the whole machine's CPU in use (load generator and database included). */
  machineBusy: number;
  /** Server CPU per answered send, all threads together (workers, GC, libuv, database driver), µs. */
  cpuUsPerSend: number;
  /** Server main-thread (event loop) CPU per answered send, µs. */
  mainUsPerSend: number;
};

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const version = (pkg: string) => {
  try {
    return (require(`${pkg}/package.json`) as { version: string }).version;
  } catch {
    return '?';
  }
};

export function machine(): string {
  const cpu = cpus();
  return `${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}; ` +
    `fastify ${version('fastify')}, prisma ${version('@prisma/client')}, better-sqlite3 ${version('better-sqlite3')}, pg ${version('pg')}, autocannon ${version('autocannon')}`;
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** Replaces the generated section of docs/BENCHMARKS.md, keeping the hand-written text around it. */
export function replaceSection(name: string, body: string): void {
  const path = `${ROOT}docs/BENCHMARKS.md`;
  const start = START.replace('bench', `bench:${name}`);
  const end = END.replace('bench', `bench:${name}`);
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const block = `${start}\n${body}\n${end}`;
  const re = new RegExp(`${start}[\\s\\S]*?${end}`);
  writeFileSync(path, re.test(text) ? text.replace(re, block) : `${text.trimEnd()}\n\n${block}\n`);
}

export async function writeReport(rows: Row[], opts: { seconds: number; connections: number; load: string }): Promise<void> {
  const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  const lines = [
    `Run on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — ${machine()}.`,
    '',
    `Command: \`npm run bench\` (${opts.connections} connections, ${opts.seconds} s per run, load generator on the same machine).`,
    '',
    `Machine load: ${opts.load}`,
    '',
    '| target | load | sends/s | ratio to echo | p50 ms | p99 ms | max ms | server CPU µs/send (all threads) | main-thread µs/send | 2xx | non-2xx | stored = 2xx | RSS before → after (MB) | server CPU (cores) | machine busy |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.target} | ${r.variant} | ${fmt(r.sendsPerSec)} | ${fmt(r.ratio, 2)}× | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${fmt(r.max, 1)} | ${r.cpuUsPerSend ? fmt(r.cpuUsPerSend) : 'n/a'} | ${r.mainUsPerSend ? fmt(r.mainUsPerSend) : 'n/a'} | ${fmt(r.ok)} | ${fmt(r.non2xx + r.errors)} | ${r.target.startsWith('bare') ? 'n/a' : r.stored === r.ok ? 'yes' : `**NO (${r.stored})**`} | ${r.rssBefore ? `${r.rssBefore} → ${r.rssAfter}` : 'n/a'} | ${r.serverCores ? fmt(r.serverCores, 2) : 'n/a'} | ${r.machineBusy ? `${fmt(r.machineBusy * 100)}%` : 'n/a'} |`,
    ),
  ];
  replaceSection('table', lines.join('\n'));
}
