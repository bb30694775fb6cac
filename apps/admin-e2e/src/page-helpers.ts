import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';

/**
 * Where screenshots go: docs/screenshots (which README shows) when UPDATE_SCREENSHOTS=1, so a
 * normal test run leaves the committed pictures alone; a temp folder otherwise.
 */

export const SCREENSHOTS = process.env['UPDATE_SCREENSHOTS'] === '1'
  ? fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url))
  : `${join(tmpdir(), 'courier-admin-screenshots')}/`;

export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Let the spinner-free state settle (fonts, last SSE event) before the picture.
  await page.waitForTimeout(250);
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage, animations: 'disabled' });
}

/** Waits for a locator to be visible (Playwright's own timeout message names it if not). */
export async function visible(locator: Locator, timeout = 15_000): Promise<Locator> {
  await locator.first().waitFor({ state: 'visible', timeout });
  return locator.first();
}

/** Console errors and CSP violations seen by the page: the app must run under its strict CSP. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

export async function nav(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label }).click();
  await visible(page.getByRole('heading', { level: 1, name: label === 'Service tokens' ? 'Service tokens' : label }));
}
