import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../apps/server/src/main.ts', import.meta.url));
const START_DEADLINE_MS = 120_000;

/** One Courier process after another on the same port and database, as an operator's supervisor would run them. */
export interface ChaosServer {
  url: string;
  /** How long each start took until /ready answered 200. */
  startsMs: number[];
  start(): Promise<void>;
  /** kill -9: no shutdown hook runs, in-flight requests die wherever they are. */
  kill(): Promise<void>;
  /** SIGTERM and wait: the graceful stop, for the end of the run. */
  stop(): Promise<void>;
}

export async function createChaosServer(env: Record<string, string>): Promise<ChaosServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let log = '';
  const startsMs: number[] = [];

  const exited = (c: ChildProcess) => new Promise<void>((resolve) => (c.exitCode !== null || c.signalCode !== null ? resolve() : c.once('exit', () => resolve())));

  return {
    url,
    startsMs,
    async start() {
      const started = Date.now();
      // One process: `node --import tsx` loads TypeScript in-process, so SIGKILL hits the server itself.
      const c = spawn(process.execPath, ['--import', 'tsx', MAIN], {
        env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = c;
      const keep = (d: Buffer) => (log = (log + d.toString()).slice(-4000));
      c.stdout?.on('data', keep);
      c.stderr?.on('data', keep);
      for (;;) {
        if (c.exitCode !== null) throw new Error(`Courier exited during start:\n${log}`);
        try {
          if ((await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2_000) })).status === 200) break;
        } catch {
          // not listening yet
        }
        if (Date.now() - started > START_DEADLINE_MS) throw new Error(`Courier did not become ready:\n${log}`);
        await sleep(50);
      }
      startsMs.push(Date.now() - started);
    },
    async kill() {
      const c = child;
      if (!c) return;
      c.kill('SIGKILL');
      await exited(c);
      child = undefined;
    },
    async stop() {
      const c = child;
      if (!c) return;
      c.kill('SIGTERM');
      await exited(c);
      child = undefined;
    },
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}
