import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { WORKSPACE_ROOT, readPackageJson } from './workspace-packages';

/**
 * npm runs a dependency's install scripts only when package.json's `allowScripts` approves
 * them (today unreviewed ones still run, with a warning; npm documents that they will be
 * skipped). Each one is decided here on purpose, and a new one must be too.
 */
describe('install scripts', () => {
  it('every dependency with an install script is approved or denied in allowScripts (npm install-scripts ls lists none)', async () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
    const { stdout } = await promisify(execFile)('npm', ['install-scripts', 'ls', '--json'], { cwd: WORKSPACE_ROOT, env });
    const pending = (JSON.parse(stdout) as { allowScripts: Array<{ changes: Array<{ key: string }> }> }).allowScripts.flatMap((p) =>
      p.changes.map((c) => c.key),
    );
    expect(pending, 'review each: `npm install-scripts approve <pkg>` or `npm install-scripts deny <pkg>`').toEqual([]);
  });

  it('only better-sqlite3 builds at install; the download, check, hint and build-from-source scripts are denied', () => {
    const { allowScripts } = readPackageJson(WORKSPACE_ROOT);
    // better-sqlite3 compiles its native addon (no prebuilt binary can be downloaded here).
    // esbuild's postinstall only checks (or downloads) the platform binary that its optional
    // dependency already installs; nx's checks the platform and updates Nx Cloud, which is off;
    // prisma's and @prisma/engines' fetch engines that are never used (migrations are our SQL,
    // generate runs with PRISMA_SCHEMA_ENGINE_BINARY, the clients use driver adapters); sharp's
    // builds libvips bindings from source only when no prebuilt @img/sharp-* package fits, and one does.
    expect(allowScripts).toEqual({ 'better-sqlite3': true, '@prisma/engines': false, esbuild: false, nx: false, prisma: false, sharp: false });
  });
});
