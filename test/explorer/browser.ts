/**
 * The explorer in a real headless Chromium (Debian's /usr/bin/chromium through playwright-core),
 * served by an in-process app on a loopback port. Every request that is not to loopback is
 * aborted, so a page that needed a CDN would break here. Console errors and page errors are
 * collected for the tests to assert on.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { App } from '../../src/app.js';
import { runScript, testApp } from '../helpers.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-results/explorer');

export interface Explorer {
  baseUrl: string;
  browser: Browser;
  /** Requests to anything but loopback that the pages tried (and were refused). */
  blocked: string[];
  close(): Promise<void>;
}

/**
 * For a test file: builds web/dist when stale (`npm test` builds it first; a file run alone
 * builds it here), then serves the explorer from a test app over the seeded graph; closes both
 * after the file. Read `app` and `explorer` inside tests (they are set before the first).
 */
export function serveExplorer(): { readonly app: App; readonly explorer: Explorer } {
  const served = {} as { app: App; explorer: Explorer };
  beforeAll(async () => {
    const build = await runScript('scripts/build-web.ts', ['--if-stale']);
    expect(build.code, build.stderr).toBe(0);
    served.app = testApp();
    served.explorer = await startExplorer(served.app);
  });
  afterAll(async () => {
    await served.explorer?.close();
    await served.app?.dispose();
  });
  return served;
}

export async function startExplorer(app: App): Promise<Explorer> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}; install Debian's chromium package or set CHROMIUM_PATH.`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  const blocked: string[] = [];
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    blocked,
    async close() {
      await browser.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export interface OpenPage {
  page: Page;
  context: BrowserContext;
  /** console.error messages and uncaught page errors, in order. */
  errors: string[];
}

export async function openPage(explorer: Explorer, viewport = { width: 1366, height: 900 }): Promise<OpenPage> {
  const context = await explorer.browser.newContext({ viewport, acceptDownloads: true });
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1' || url.hostname === 'localhost')
      return route.continue();
    explorer.blocked.push(url.href);
    return route.abort();
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return { page, context, errors };
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage });
}
