#!/usr/bin/env node
/**
 * The production build of the server and its CLI: plain JavaScript that `node` runs, no tsx.
 *
 *   apps/server/dist/main.js   ← apps/server/src/main.ts      (`npm start`)
 *   apps/server/dist/cli.js    ← apps/server/src/cli/main.ts  (`npm run courier -- …`)
 *
 * esbuild bundles the server's own TypeScript and every workspace package it imports (through
 * the `@courier/source` export condition, as tsx and vitest resolve them). npm packages stay
 * imports, resolved from node_modules at run time as before: native addons (better-sqlite3),
 * Prisma's runtime and pino's worker threads load files next to themselves and cannot be bundled.
 *
 * Sources that find files relative to themselves (`new URL('…', import.meta.url)`: the SQL
 * migrations, the admin app's dist) keep working: in each bundled source, `import.meta.url` is
 * rewritten to that source's own location, computed from the bundle's location at run time, so
 * the build can move along with the checkout.
 *
 * Files are replaced one by one, never the folder removed, so parallel builds are safe.
 *
 * Run by the root `postinstall` (after prisma generate) and by `nx build server`.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(appDir, 'dist');

/** Workspace packages are bundled; every other bare import stays an import. */
const externalNpmPackages = {
  name: 'external-npm-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@courier/') || args.path.startsWith('node:')) return undefined;
      return { path: args.path, external: true };
    });
  },
};

/** `import.meta.url` in a bundled source means that source's own URL, as it did unbundled. */
const sourceImportMetaUrl = {
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const fromDist = relative(outDir, args.path).split('\\').join('/');
      const own = `new URL(${JSON.stringify(fromDist)}, import.meta.url).href`;
      return { contents: text.replaceAll('import.meta.url', `(${own})`), loader: 'ts' };
    });
  },
};

export async function buildServer({ quiet = false } = {}) {
  const started = Date.now();
  const result = await build({
    absWorkingDir: appDir,
    entryPoints: { main: 'src/main.ts', cli: 'src/cli/main.ts' },
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    conditions: ['@courier/source'],
    plugins: [externalNpmPackages, sourceImportMetaUrl],
    sourcemap: 'linked',
    outExtension: { '.js': '.js' },
    legalComments: 'none',
    logLevel: 'warning',
    write: false,
  });
  // Each file is written aside and renamed into place: a process starting dist/main.js meanwhile,
  // or a second build at the same time (test files run in parallel), never sees half a file.
  await mkdir(outDir, { recursive: true });
  for (const file of result.outputFiles) {
    const aside = `${file.path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(aside, file.contents);
    await rename(aside, file.path);
  }
  if (!quiet) console.error(`@courier/server: ${relative(process.cwd(), outDir) || '.'}/main.js and cli.js in ${Date.now() - started} ms`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildServer().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
