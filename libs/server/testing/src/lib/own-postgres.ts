import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './free-port';

const run = promisify(execFile);
// eslint-disable-next-line no-restricted-syntax -- CI decides whether a missing PostgreSQL is fatal
const IN_CI = process.env['CI'] === 'true' || process.env['CI'] === '1';
// eslint-disable-next-line no-restricted-syntax -- test harness: where the server binaries are
const BINDIR_OVERRIDE = process.env['TEST_PG_BINDIR'];

/**
 * A PostgreSQL cluster of its own (initdb into a temporary directory, on a free port), for tests
 * and tools that restart, stop or break the database: doing that to the shared server on 5432
 * would disturb everyone else. Runs as the `postgres` OS user when this process is root
 * (initdb refuses root). Trust auth on 127.0.0.1 only.
 */
export interface OwnPostgres {
  port: number;
  /** The URL of `database` on this cluster (default `postgres`). */
  url(database?: string): string;
  /** Creates a database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** `pg_ctl restart -m fast`: what a maintenance window or a managed failover does. */
  restart(): Promise<void>;
  /** Stops the server (`fast`: clients get 57P01; `immediate`: no goodbye at all). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /**
   * `pg_terminate_backend` on every backend `where` selects from pg_stat_activity (an SQL
   * condition, e.g. `application_name = 'courier-listen'`); returns how many it ended.
   */
  terminate(where: string): Promise<number>;
  /** Rows of pg_stat_activity matching `where`, with pid, state, application_name and query. */
  backends(where: string): Promise<Array<{ pid: number; state: string | null; application_name: string; query: string }>>;
  /** Stops the server and deletes its directory. */
  destroy(): Promise<void>;
}

/** The newest PostgreSQL server binaries on this machine (Debian's layout), or TEST_PG_BINDIR. */
export function postgresBinDir(): string | undefined {
  if (BINDIR_OVERRIDE) return existsSync(join(BINDIR_OVERRIDE, 'initdb')) ? BINDIR_OVERRIDE : undefined;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

let notified = false;

/**
 * Whether tests that need their own PostgreSQL can run. Like postgresAvailable: missing server
 * binaries are an error under CI=true, and a visible notice (the tests skip) elsewhere.
 */
export function ownPostgresAvailable(): boolean {
  const ok = postgresBinDir() !== undefined;
  if (!ok && IN_CI) throw new Error('No PostgreSQL server binaries (initdb, pg_ctl) found, and CI=true requires them');
  if (!ok && !notified) {
    notified = true;
    console.warn('\n[courier] NOTICE: no PostgreSQL server binaries (initdb): tests that restart PostgreSQL are SKIPPED.\n');
  }
  return ok;
}

/** initdb + start; call destroy() when done (a process exit stops it too). */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('no PostgreSQL server binaries found');
  const dir = mkdtempSync(join(tmpdir(), 'courier-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const argv = (tool: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
  const tool = async (name: string, args: string[]) => {
    const [file, rest] = argv(name, args);
    await run(file, rest, { cwd: dir });
  };
  const port = await freePort();
  // -k: the socket lives in our directory, not /var/run/postgresql, where the shared server's is.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`;
  const ctl = (args: string[]) => tool('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', ...args]);
  await tool('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  await ctl(['-o', options, 'start']);
  let running = true;
  // A test runner killed mid-run must not leave a postmaster behind.
  const onExit = () => {
    if (!running) return;
    const [file, rest] = argv('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
    try {
      execFileSync(file, rest, { stdio: 'ignore' });
    } catch {
      /* already stopped */
    }
  };
  process.once('exit', onExit);

  const url = (database = 'postgres') => `postgresql://postgres@127.0.0.1:${port}/${database}`;
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ connectionString: url(), application_name: 'courier-test-admin' });
    c.on('error', () => undefined);
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end().catch(() => undefined);
    }
  };
  const backends = (where: string) =>
    admin(async (c) => (await c.query<{ pid: number; state: string | null; application_name: string; query: string }>(
      `SELECT pid, state, application_name, query FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND (${where})`,
    )).rows);

  return {
    port,
    url,
    async createDatabase(name) {
      await admin((c) => c.query(`CREATE DATABASE ${name}`));
      return url(name);
    },
    async restart() {
      await ctl(['-m', 'fast', '-o', options, 'restart']);
      running = true;
    },
    async stop(mode = 'fast') {
      await ctl(['-m', mode, 'stop']);
      running = false;
    },
    async start() {
      await ctl(['-o', options, 'start']);
      running = true;
    },
    terminate: (where) =>
      admin(async (c) => {
        const { rows } = await c.query<{ ended: boolean }>(
          `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND (${where})`,
        );
        return rows.filter((r) => r.ended).length;
      }),
    backends,
    async destroy() {
      process.removeListener('exit', onExit);
      if (running) await ctl(['-m', 'immediate', 'stop']).catch(() => undefined);
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
