import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, runCourierCli as runCli, spawnCourier } from '@courier/tools/process';

/**
 * The process as an operator runs it: `main.ts` with no configuration but a data folder,
 * the CLI beside it on the same SQLite file, and SIGTERM while requests are in flight.
 */
describe('the server process (SQLite)', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'courier-proc-'));
    env = { DATABASE_URL: `file:${join(dir, 'courier.sqlite')}`, SERVER_NAME: 'proc.local' };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rejects a bad configuration value with a message naming the variable', async () => {
    const port = await freePort();
    await expect(spawnCourier({ ...env, ENABLE_REGISTRATION: 'maybe' }, port, { logLevel: 'info' })).rejects.toThrow(/ENABLE_REGISTRATION/);
  });

  it('`courier migrate` applies the migrations, then reports the database up to date', async () => {
    const first = await runCli(['migrate'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/applied: 0001_init/);
    const second = await runCli(['migrate'], env);
    expect(second.stdout).toMatch(/up to date/);
  });

  it('SIGTERM under load: in-flight sends finish, every 200 is stored, exit 0 within 10 s', async () => {
    const created = await runCli(['create-user', 'term', '--password', 'pw'], env);
    expect(created.code).toBe(0);
    const token = (JSON.parse(created.stdout) as { access_token: string }).access_token;
    const server = await spawnCourier(env, await freePort(), { logLevel: 'info' });
    const auth = { authorization: `Bearer ${token}` };
    const room = (await (await fetch(`${server.url}/_matrix/client/v3/createRoom`, { method: 'POST', headers: auth, body: '{}' })).json()) as { room_id: string };
    const sends = Array.from({ length: 100 }, (_, i) =>
      fetch(`${server.url}/_matrix/client/v3/rooms/${encodeURIComponent(room.room_id)}/send/m.room.message/t${i}`, {
        method: 'PUT',
        headers: auth,
        body: JSON.stringify({ msgtype: 'm.text', body: `n${i}` }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { event_id?: string } }), () => ({ status: 0, body: {} as { event_id?: string } })),
    );
    await new Promise((r) => setTimeout(r, 30));
    const t0 = Date.now();
    server.child.kill('SIGTERM');
    const results = await Promise.all(sends);
    const code = await server.exited;
    expect(code, server.output().slice(-3000)).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
    const acked = results.filter((r) => r.status === 200);
    expect(acked.length).toBeGreaterThan(0);
    // Nothing is answered half-way: each request either completed or was never accepted.
    expect(results.every((r) => r.status === 200 || r.status === 0 || r.status === 503)).toBe(true);

    const again = await spawnCourier(env, await freePort());
    try {
      for (const [i, r] of results.entries()) {
        if (r.status !== 200) continue;
        const retry = await fetch(`${again.url}/_matrix/client/v3/rooms/${encodeURIComponent(room.room_id)}/send/m.room.message/t${i}`, {
          method: 'PUT',
          headers: auth,
          body: JSON.stringify({ msgtype: 'm.text', body: `n${i}` }),
        });
        expect(((await retry.json()) as { event_id: string }).event_id).toBe(r.body.event_id);
      }
    } finally {
      await again.stop();
    }
  });
});
