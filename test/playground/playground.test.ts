/**
 * The playground in a real browser (Debian's Chromium through playwright-core), with every
 * request that would leave the machine blocked: the page loads from the service alone, opens on
 * the default operation, runs it and shows data, offers every example as a tab, and runs one.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS_DIR } from '../../src/persisted-operations.js';
import { REPO_ROOT } from '../knowledge-graph/seed-documents.js';
import { testApp } from '../helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');
const EXAMPLES = readdirSync(OPERATIONS_DIR).filter((f) => f.endsWith('.graphql'));

let server: Server;
let browser: Browser;
let page: Page;
let base: string;
const blocked: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  const app = testApp({ NODE_ENV: 'production', GRAPHIQL: true });
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  // The outside world is unreachable: anything not for this service is aborted (and recorded).
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'blob:' || url.protocol === 'data:' || url.hostname === '127.0.0.1') return route.continue();
    blocked.push(url.href);
    return route.abort();
  });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** The text of GraphiQL's result pane (Monaco renders what is visible). */
const resultText = async () => (await page.locator('.graphiql-response').innerText()).replace(/\u00a0/g, ' ');

async function runAndWaitForData(expected: string) {
  await page.locator('.graphiql-execute-button').click();
  await expect.poll(resultText, { timeout: 60_000, interval: 500 }).toContain(expected);
}

describe('the playground in a browser without outside network', () => {
  it('when /graphql is opened, then GraphiQL loads from the service alone and opens on the default operation', async () => {
    await page.goto(`${base}/graphql`, { waitUntil: 'load', timeout: 60_000 });
    await page.locator('.graphiql-container').first().waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator('.graphiql-query-editor').innerText(), { timeout: 30_000 }).toContain('EuCyberDirectPartners');
    expect(blocked).toEqual([]);
    expect(pageErrors.filter((e) => /is not defined/.test(e))).toEqual([]);
  }, 120_000);

  it('when the default operation is run, then its data is shown', async () => {
    await runAndWaitForData('"programme"');
    expect(await resultText()).toContain('EU Cyber Direct');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'playground.png') });
  }, 120_000);

  it('when the tabs are counted, then every example in schema/examples is offered', async () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(19);
    await expect.poll(() => page.locator('.graphiql-tab').count(), { timeout: 30_000 }).toBe(EXAMPLES.length);
  });

  it('when an example is chosen and run, then its answer is shown', async () => {
    await page.locator('.graphiql-tab', { hasText: 'SharedProgrammes' }).first().click();
    // The tab GraphiQL runs from is the selected one, and its query is in the editor.
    await expect.poll(() => page.locator('.graphiql-tab-active').innerText(), { timeout: 30_000 }).toContain('SharedProgrammes');
    await expect.poll(() => page.locator('.graphiql-query-editor').innerText(), { timeout: 30_000 }).toContain('commonConnections');
    await runAndWaitForData('"commonConnections"');
    expect(await resultText()).toContain('EU Cyber Direct');
    await page.screenshot({ path: path.join(ARTIFACTS, 'playground-example.png') });
  }, 120_000);

  it('when the docs are opened, then the schema is browsable (introspection works in production with the playground on)', async () => {
    await page.locator('[aria-label="Show Documentation Explorer"]').click();
    await expect.poll(() => page.locator('.graphiql-doc-explorer').innerText(), { timeout: 30_000 }).toMatch(/Query/);
    expect(blocked).toEqual([]);
  }, 60_000);
});
