import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { watchConsole } from './page-helpers';
import { createRest } from './rest';
import { startTestServer, type TestServer } from './test-server';

export interface Harness {
  server: TestServer;
  rest: ReturnType<typeof createRest>;
  browser: Browser;
  /** One page at 1280×900 that the steps share, as an operator's tab would. */
  page: Page;
  /** Console errors and CSP violations seen so far. */
  problems: string[];
  close(): Promise<void>;
}

/** The real server with an admin user (`admin` / `adminPassword`), and chromium with one page. */
export async function startHarness(adminPassword: string): Promise<Harness> {
  const server = await startTestServer();
  await server.newUser('admin', { password: adminPassword, isAdmin: true });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  return {
    server,
    rest: createRest(server.baseUrl),
    browser,
    page,
    problems: watchConsole(page),
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
