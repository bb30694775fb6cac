import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../apps/server/src/main.ts', import.meta.url));

export interface RunningServer {
  child: ChildProcess;
  url: string;
  startupMs: number;
  rssMb(): number;
  stop(): Promise<void>;
}

/** Courier as its own process, exactly as `npm start` runs it, waiting until it answers. */
export async function startCourier(env: Record<string, string>, port: number): Promise<RunningServer> {
  const started = Date.now();
  let log = '';
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  child.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Courier exited: ${log}`);
    try {
      if ((await fetch(`${url}/_matrix/client/versions`)).ok) break;
    } catch {
      // not yet
    }
    if (Date.now() - started > 120_000) throw new Error(`Courier did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const startupMs = Date.now() - started;
  return {
    child,
    url,
    startupMs,
    rssMb: () => rssOf(child.pid),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function rssOf(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}
