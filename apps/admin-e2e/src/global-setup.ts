import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ADMIN_DIR = fileURLToPath(new URL('../../admin/', import.meta.url));
const BUILT = join(ADMIN_DIR, 'dist', 'index.html');

function newestMtime(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newestMtime(join(path, f))));
}

/**
 * The admin app is built at install (the root postinstall). This only builds it when dist is
 * missing, or older than the app's sources (so the browser never tests a stale build).
 */
export default function setup(): void {
  const sources = Math.max(...['src', 'index.html', 'vite.config.ts'].map((f) => newestMtime(join(ADMIN_DIR, f))));
  const why = !existsSync(BUILT) ? 'missing' : statSync(BUILT).mtimeMs < sources ? 'older than its sources' : null;
  if (why === null) return;
  console.warn(`[admin-e2e] apps/admin/dist is ${why}: running vite build once`);
  const res = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: ADMIN_DIR,
    stdio: 'inherit',
    // vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (res.status !== 0) throw new Error(`vite build of apps/admin failed (exit ${res.status ?? res.signal})`);
}
