import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium (`apt-get install -y chromium`); Playwright never downloads a browser here. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Whether the browser tests can run. Without chromium they are skipped with a visible notice,
 * except under CI=true, where a missing browser is a failure (the test would silently vanish).
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const notice = `${CHROMIUM} is missing: install it with apt-get install -y chromium`;
  if (process.env['CI'] === 'true') throw new Error(`[admin-e2e] ${notice} (required under CI=true)`);
  console.warn(`\n[admin-e2e] SKIPPED: ${notice}\n`);
  return false;
}

/** Headless chromium; every launch gets a fresh temporary profile (user-data-dir) from Playwright. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
}
