import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServerOnce, freePort, sleep } from '@courier/tools/process';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DIST = join(ROOT, 'apps/server/dist');

/** `npm <args>` in the workspace root, without the npm_* variables of whatever runs the test. */
function npmEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))), ...extra };
}

/**
 * The production build (apps/server/build/build.mjs, run by `npm ci`'s postinstall): README's
 * `npm start` and `npm run courier -- …` run plain JavaScript with `node`, and tsx is not loaded.
 */
describe('the production build', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    await buildServerOnce();
    dir = mkdtempSync(join(tmpdir(), 'courier-dist-'));
    env = npmEnv({ DATABASE_URL: `file:${join(dir, 'courier.sqlite')}`, SERVER_NAME: 'dist.local', LOG_LEVEL: 'warn', HOST: '127.0.0.1' });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('npm start and npm run courier run dist/*.js with node, not tsx', () => {
    const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts['start']).toMatch(/^node .*apps\/server\/dist\/main\.js$/);
    expect(scripts['courier']).toMatch(/^node .*apps\/server\/dist\/cli\.js$/);
    expect(scripts['postinstall']).toMatch(/npm run build -w @courier\/server/);
    expect(scripts['dev']).toMatch(/^tsx watch /);
    // Workspace TypeScript is bundled in: nothing in the bundle imports a .ts file or @courier/*.
    const main = readFileSync(join(DIST, 'main.js'), 'utf8');
    expect(main).not.toMatch(/from\s+["'][^"']*\.ts["']/);
    expect(main).not.toMatch(/from\s+["']@courier\//);
    expect(main).not.toMatch(/from\s+["']tsx/);
  });

  it('`npm run courier -- create-user` then `npm start`: a user logs in, creates a room and sends a message', async () => {
    const created = await promisify(execFile)('npm', ['run', '--silent', 'courier', '--', 'create-user', 'dist', '--password', 'pw'], { cwd: ROOT, env });
    const token = (JSON.parse(created.stdout) as { access_token: string }).access_token;
    const port = await freePort();
    const child = spawn('npm', ['start', '--silent'], { cwd: ROOT, env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    const url = `http://127.0.0.1:${port}`;
    try {
      for (let i = 0; ; i++) {
        const ok = await fetch(`${url}/_matrix/client/versions`).then((r) => r.ok, () => false);
        if (ok) break;
        if (i > 400 || child.exitCode !== null) throw new Error(`did not start:\n${log}`);
        await sleep(50);
      }
      // The server process is node on dist/main.js, and no tsx loader is in it.
      const pids = (await promisify(execFile)('pgrep', ['-g', String(child.pid)])).stdout.trim().split('\n');
      const cmdlines = pids.map((pid) => { try { return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' '); } catch { return ''; } });
      const server = cmdlines.find((c) => c.includes('dist/main.js'));
      expect(server, cmdlines.join('\n')).toBeDefined();
      expect(server).not.toMatch(/tsx/);
      const auth = { authorization: `Bearer ${token}` };
      const room = (await (await fetch(`${url}/_matrix/client/v3/createRoom`, { method: 'POST', headers: auth, body: '{}' })).json()) as { room_id: string };
      const sent = await fetch(`${url}/_matrix/client/v3/rooms/${encodeURIComponent(room.room_id)}/send/m.room.message/t1`, {
        method: 'PUT',
        headers: auth,
        body: JSON.stringify({ msgtype: 'm.text', body: 'from the build' }),
      });
      expect(sent.status, log).toBe(200);
      expect(((await sent.json()) as { event_id: string }).event_id).toMatch(/^\$/);
      // The admin app is found from the bundle (its path is relative to the source file).
      expect((await fetch(`${url}/_courier/admin/`)).status).toBe(200);
    } finally {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    }
  });
});
