import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MAIN = fileURLToPath(new URL('../../apps/server/src/main.ts', import.meta.url));
const CLI = fileURLToPath(new URL('../../apps/server/src/cli/main.ts', import.meta.url));
const BUILD = fileURLToPath(new URL('../../apps/server/build/build.mjs', import.meta.url));
const DIST_MAIN = fileURLToPath(new URL('../../apps/server/dist/main.js', import.meta.url));

/**
 * Which server runs: `source` is main.ts through tsx (what the tests run: always the current
 * code, nothing to build); `dist` is the production build, `node apps/server/dist/main.js`, as
 * `npm start` runs it. The benchmark, the cluster and the chaos run use `dist`, rebuilt once per
 * run by {@link buildServerOnce} so it is never stale.
 */
export type CourierBuild = 'source' | 'dist';

let built: Promise<void> | undefined;

/** Builds apps/server/dist (esbuild, well under a second) once per process. */
export function buildServerOnce(): Promise<void> {
  built ??= (import(pathToFileURL(BUILD).href) as Promise<{ buildServer(o: { quiet: boolean }): Promise<void> }>).then((m) =>
    m.buildServer({ quiet: true }),
  );
  return built;
}

export interface CourierProcess {
  child: ChildProcess;
  url: string;
  /** Spawn to the first good answer of the ready path. */
  startupMs: number;
  /** The last few KiB of its stdout and stderr. */
  output(): string;
  exited: Promise<number | null>;
  rssMb(): number;
  /** CPU seconds (user + system) it has used so far, all its threads together. */
  cpuSeconds(): number;
  /** CPU seconds its main thread (the event loop) has used so far. */
  mainThreadCpuSeconds(): number;
  /** SIGTERM, the graceful stop; resolves when the process is gone. */
  stop(): Promise<void>;
  /** kill -9: no shutdown hook runs, in-flight requests die wherever they are. */
  kill(): Promise<void>;
}

/**
 * Courier as its own process, waiting until `readyPath` answers 200: the production build as
 * `npm start` runs it (`build: 'dist'`), or main.ts through `node --import tsx` (the default).
 * One process either way (tsx loads TypeScript in-process), so signals hit the server itself.
 * Used by the benchmark, the cluster, the chaos run and the process-level e2e tests.
 */
export async function spawnCourier(
  env: Record<string, string>,
  port: number,
  options: { readyPath?: string; logLevel?: string; deadlineMs?: number; nodeArgs?: string[]; build?: CourierBuild } = {},
): Promise<CourierProcess> {
  const { readyPath = '/_matrix/client/versions', logLevel = 'warn', deadlineMs = 120_000, nodeArgs = [], build = 'source' } = options;
  if (build === 'dist') await buildServerOnce();
  const started = Date.now();
  let log = '';
  const entry = build === 'dist' ? ['--enable-source-maps', DIST_MAIN] : ['--import', 'tsx', MAIN];
  const child = spawn(process.execPath, [...nodeArgs, ...entry], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: logLevel, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (d: Buffer) => (log = (log + d.toString()).slice(-8000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code)),
  );
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Courier exited during start:\n${log}`);
    try {
      if ((await fetch(`${url}${readyPath}`, { signal: AbortSignal.timeout(2_000) })).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > deadlineMs) throw new Error(`Courier did not start:\n${log}`);
    await sleep(50);
  }
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    await exited;
  };
  return {
    child,
    url,
    startupMs: Date.now() - started,
    output: () => log,
    exited,
    rssMb: () => rssOf(child.pid),
    cpuSeconds: () => cpuSecondsOf(child.pid),
    mainThreadCpuSeconds: () => mainThreadCpuSecondsOf(child.pid),
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
  };
}

/** `npm run courier -- <args>` as a child process. */
export function runCourierCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

export { freePort } from '@courier/server-testing';

export function rssOf(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc (clock ticks of 1/100 s). */
export function cpuSecondsOf(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds of a process's main thread: its task whose id is the process id (Linux /proc). */
export function mainThreadCpuSecondsOf(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
