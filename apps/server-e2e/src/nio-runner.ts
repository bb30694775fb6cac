import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Debian's python3-matrix-nio runs under the system python, not the pyenv one first on PATH. */
export const NIO_PYTHON = '/usr/bin/python3';

/**
 * Whether matrix-nio can be imported. Under CI=true a missing nio fails the suite (CI installs
 * python3-matrix-nio); elsewhere the suite is skipped with a visible notice.
 */
export async function nioAvailable(suite: string): Promise<boolean> {
  const available = await new Promise<boolean>((resolve) => {
    if (!existsSync(NIO_PYTHON)) return resolve(false);
    execFile(NIO_PYTHON, ['-c', 'import nio'], (err) => resolve(!err));
  });
  if (!available && process.env['CI'] === 'true') throw new Error('python3-matrix-nio is required in CI (apt-get install python3-matrix-nio)');
  if (!available) console.warn(`[courier] NOTICE: python3-matrix-nio not installed: the ${suite} suite is SKIPPED.`);
  return available;
}

/** Runs `apps/server-e2e/nio/<script>` with `args` and parses the JSON object of its last line. */
export function runNioScript<T>(script: string, args: readonly string[]): Promise<T> {
  const path = fileURLToPath(new URL(`../nio/${script}`, import.meta.url));
  return new Promise((resolve, reject) => {
    execFile(NIO_PYTHON, [path, ...args], { timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`nio failed: ${err.message}\n${stderr}\n${stdout}`));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '') as T);
      } catch (e) {
        reject(new Error(`nio printed no JSON: ${stdout}\n${stderr} (${String(e)})`));
      }
    });
  });
}
