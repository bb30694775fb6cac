import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, spawnCourier, type CourierBuild } from '../process/courier-process';
import { drive, warm } from './load';
import { replaceSection } from './report';
import { seed } from './seed';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SERVER_NAME = 'bench.local';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * Start-up time, spawn to the first 200 of /_matrix/client/versions, of the production build
 * (`node apps/server/dist/main.js`, what `npm start` runs) and of the sources through tsx (what
 * `npm start` ran before): the first start on a new SQLite file (it migrates), then restarts.
 */
export async function measureStartup(write: boolean): Promise<void> {
  const lines = ['| server | first start, new SQLite file (migrates) ms | restart ms (median of 3) |', '|---|---:|---:|'];
  for (const [build, label] of [
    ['dist', '`node apps/server/dist/main.js` (production build, `npm start`)'],
    ['source', '`node --import tsx apps/server/src/main.ts` (sources, as before)'],
  ] as [CourierBuild, string][]) {
    const dir = mkdtempSync(join(tmpdir(), 'courier-startup-'));
    const env = { DATABASE_URL: `file:${join(dir, 'courier.sqlite')}`, SERVER_NAME };
    try {
      const times: number[] = [];
      for (let i = 0; i < 4; i++) {
        const server = await spawnCourier(env, await freePort(), { build });
        times.push(server.startupMs);
        await server.stop();
      }
      lines.push(`| ${label} | ${times[0]} | ${median(times.slice(1))} |`);
      console.log(lines[lines.length - 1]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (write) replaceSection('startup', lines.join('\n'));
}

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a profile node's code comes from: a package, a Courier project, Node, or V8. */
function classify(frame: ProfileNode['callFrame'], maps: Map<string, SourceMap | null>): { group: string; where: string } {
  const { functionName, url, lineNumber, columnNumber } = frame;
  if (functionName.startsWith('(')) return { group: functionName, where: functionName };
  if (url === '') return { group: '(native: V8 builtins, C++ bindings)', where: functionName || '(anonymous)' };
  if (url.startsWith('node:')) {
    const net = /node:(_http|http|net|stream|internal\/(streams|stream_base|http|net|js_stream))/.test(url);
    return { group: net ? 'Node http/net/streams' : 'Node, other', where: `${url} ${functionName}` };
  }
  let file = url.startsWith('file://') ? fileURLToPath(url) : url;
  let line = lineNumber;
  if (file.endsWith('.js') && !file.includes('node_modules')) {
    let map = maps.get(file);
    if (map === undefined) {
      try {
        map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
      } catch {
        map = null;
      }
      maps.set(file, map);
    }
    const entry = map?.findEntry(lineNumber, columnNumber) as { originalSource?: string; originalLine?: number } | undefined;
    if (entry?.originalSource) {
      file = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : join(file, '..', entry.originalSource);
      line = entry.originalLine ?? line;
    }
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1];
  if (pkg) return { group: pkg, where: `${pkg} ${functionName || '(anonymous)'}` };
  const rel = relative(ROOT, file);
  const project = /^(libs\/(?:server|shared)\/[^/]+|apps\/[^/]+)/.exec(rel)?.[1] ?? rel;
  return { group: project, where: `${rel}:${line + 1} ${functionName || '(anonymous)'}` };
}

/**
 * Self time by group and by function: each one's share of the main thread's busy samples, and
 * that share of `mainUsPerSend`, the main thread's CPU per send measured from /proc during the
 * run. (The profile's own time deltas are wall time: on a busy machine they also count the
 * time the thread waited for a core, so they are used for shares only.)
 */
export function summarizeProfile(profile: CpuProfile, mainUsPerSend: number, top = 15): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // Module loading at start-up is no send's cost: every node under a loader frame is set apart.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const loading = new Map<number, boolean>();
  const isLoading = (id: number): boolean => {
    const known = loading.get(id);
    if (known !== undefined) return known;
    const url = byId.get(id)?.callFrame.url ?? '';
    const up = parent.get(id);
    const result = url.startsWith('node:internal/modules/') || (up !== undefined && isLoading(up));
    loading.set(id, result);
    return result;
  };
  let startup = 0;
  const maps = new Map<string, SourceMap | null>();
  const groups = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  const classified = new Map<number, { group: string; where: string }>();
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const node = byId.get(id);
    if (!node) return;
    let c = classified.get(id);
    if (!c) classified.set(id, (c = classify(node.callFrame, maps)));
    if (c.group === '(idle)') return;
    if (isLoading(id)) {
      startup += dt;
      return;
    }
    busy += dt;
    groups.set(c.group, (groups.get(c.group) ?? 0) + dt);
    functions.set(c.where, (functions.get(c.where) ?? 0) + dt);
  });
  const per = (us: number) => ((us / busy) * mainUsPerSend).toFixed(1);
  const pct = (us: number) => `${((us / busy) * 100).toFixed(1)}%`;
  const rows = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => `| ${k.replaceAll('|', '\\|')} | ${per(us)} | ${pct(us)} |`);
  return [
    `Main thread: ${mainUsPerSend.toFixed(0)} CPU µs per send under the profiler (from /proc), split by the profile's samples ` +
      `(${profile.samples.length.toLocaleString('en-US')} samples; module loading at start-up, ${(startup / 1000).toFixed(0)} ms, left out).`,
    '',
    '| where (self time) | µs/send | share of busy |',
    '|---|---:|---:|',
    ...rows(groups, 20),
    '',
    `Top ${top} functions by self time:`,
    '',
    '| function | µs/send | share of busy |',
    '|---|---:|---:|',
    ...rows(functions, top),
  ].join('\n');
}

/**
 * Courier on SQLite (production build) under `node --cpu-prof`, driven like the bench's
 * messages run; writes a summary of where the main thread's time goes.
 */
export async function profileSend(port: number, seconds: number, connections: number, write: boolean): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'courier-profile-'));
  const databaseUrl = `file:${join(dir, 'courier.sqlite')}`;
  try {
    const s = await seed(databaseUrl, SERVER_NAME);
    const server = await spawnCourier({ DATABASE_URL: databaseUrl, SERVER_NAME }, port, {
      build: 'dist',
      nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '200'],
    });
    let mainUsPerSend = 0;
    try {
      const amount = await warm(server.url, s, seconds, connections);
      const main0 = server.mainThreadCpuSeconds();
      const r = await drive(server.url, s, { seconds, connections, reactionShare: 0, amount });
      mainUsPerSend = ((server.mainThreadCpuSeconds() - main0) * 1e6) / Math.max(1, r.ok + r.non2xx);
    } finally {
      await server.stop();
    }
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error('no .cpuprofile written');
    const summary = summarizeProfile(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile, mainUsPerSend);
    console.log(summary);
    if (write) {
      replaceSection(
        'profile',
        `Courier on SQLite, production build, messages only, ${connections} connections, under \`node --cpu-prof\` (200 µs sampling), on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. Courier's code is mapped back to its sources through the build's source map.\n\n${summary}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
