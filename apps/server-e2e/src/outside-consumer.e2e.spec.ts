import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceToken } from '@courier/server-domain';
import { startListeningServer, type ListeningServer } from './listening-server';

/**
 * The two client packages as a project outside this repository gets them: `npm pack -w` in the
 * workspace, then, in a temporary folder, tools/examples/outside-consumer installs the tarballs
 * with plain npm, compiles with plain tsc (no path mapping) and runs with plain node against a
 * real server on a port.
 */
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const EXAMPLE = join(ROOT, 'tools/examples/outside-consumer');
const PACKAGES = { rest: 'shared-api-client', gateway: 'shared-gateway-client' } as const;

/**
 * The environment of a user's shell: none of the npm_* settings the running `npm test` exports,
 * and no FORCE_COLOR (Nx sets it), which would colour what node's console.log prints.
 */
const userEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_|FORCE_COLOR$)/i.test(key))),
  NO_COLOR: '1',
  ...extra,
});

function run(command: string, args: string[], cwd: string, env = userEnv()): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, env, timeout: 90_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${command} ${args.join(' ')} failed: ${err.message}\n${stdout}\n${stderr}`)) : resolve(stdout),
    );
  });
}

/** The first ```js block of an installed package's README: its runnable example. */
async function readmeExample(app: string, pkg: string): Promise<string> {
  const readme = await readFile(join(app, 'node_modules/@courier', pkg, 'README.md'), 'utf8');
  const block = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
  if (block === undefined) throw new Error(`${pkg}/README.md has no js example`);
  return block;
}

describe('the client packages, installed from their tarballs by an outside project', () => {
  let dir: string;
  let app: string;
  let server: ListeningServer;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'courier-outside-'));
    const workspaces = Object.values(PACKAGES).flatMap((p) => ['-w', `@courier/${p}`]);
    const packed = JSON.parse(await run('npm', ['pack', ...workspaces, '--pack-destination', dir, '--json'], ROOT)) as Array<{ filename: string }>;
    app = join(dir, 'app');
    await cp(EXAMPLE, app, { recursive: true, filter: (src) => !/[/\\](node_modules|dist)$/.test(src) });
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...packed.map((p) => join(dir, p.filename))], app);

    server = await startListeningServer('sqlite');
    const bot = await server.newUser('bot');
    const created = await fetch(`${server.baseUrl}/_matrix/client/v3/createRoom`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bot.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'outside' }),
    });
    const { room_id } = (await created.json()) as { room_id: string };
    const { token } = await createServiceToken(server.data.serviceTokens, { name: 'outside', scopes: ['events:send', 'events:read'], now: Date.now() });
    env = userEnv({
      COURIER_URL: server.baseUrl,
      COURIER_ACCESS_TOKEN: bot.accessToken,
      COURIER_SERVICE_TOKEN: token,
      COURIER_ROOM_ID: room_id,
      COURIER_SENDER: bot.userId,
    });
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('each tarball installs into an empty folder and holds its build, needing nothing from this repository', async () => {
    expect((await readdir(join(app, 'node_modules/@courier'))).sort()).toEqual(Object.values(PACKAGES).sort());
    for (const pkg of Object.values(PACKAGES)) {
      const installed = join(app, 'node_modules/@courier', pkg);
      expect((await readdir(installed)).sort()).toEqual(['README.md', 'dist', 'package.json']);
      expect((await readdir(join(installed, 'dist'))).sort()).toEqual(['index.d.ts', 'index.js']);
      const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as { private?: boolean; dependencies?: object };
      expect(manifest.private).toBeUndefined();
      expect(Object.keys(manifest.dependencies ?? {}).filter((d) => d.startsWith('@courier/'))).toEqual([]);
    }
  });

  it('a TypeScript file importing both packages typechecks with tsc against the installed .d.ts', async () => {
    await run(join(app, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], app);
    expect(await readdir(join(app, 'dist'))).toContain('consumer.js');
  });

  it('with plain node: the same txnId gives the same event_id over REST; a service-token send arrives on events.onNew', async () => {
    const report = JSON.parse(await run(process.execPath, ['dist/consumer.js'], app, env)) as {
      ok: boolean;
      rest: { first: string; second: string; refusedIsMatrixError: boolean };
      gateway: { sent: string; received: string; deniedErrcode: string };
    };
    expect(report.rest.first).toMatch(/^\$/);
    expect(report.rest.second).toBe(report.rest.first);
    expect(report.rest.refusedIsMatrixError).toBe(true);
    expect(report.gateway.received).toBe(report.gateway.sent);
    expect(report.gateway.deniedErrcode).toBe('M_FORBIDDEN');
    expect(report.ok).toBe(true);
    expect(await server.data.db.prisma.event.count({ where: { event_id: report.rest.first } })).toBe(1);
  });

  it.each(Object.values(PACKAGES))('the example in %s/README.md runs as written', async (pkg) => {
    await writeFile(join(app, `${pkg}-example.mjs`), await readmeExample(app, pkg));
    const output = await run(process.execPath, [`${pkg}-example.mjs`], app, env);
    if (pkg === PACKAGES.rest) expect(output).toMatch(/^sent \$\S+ same event again: true\nI am @bot\d+:e2e\.local\nrefused: M_\w+ 4\d\d\n$/);
    else expect(output).toMatch(/^received \$\S+ Hello from the gateway\nusers\.list: M_FORBIDDEN\n$/);
  });
});
