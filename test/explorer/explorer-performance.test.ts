/**
 * Measurements of the explorer in a real browser, reported (console and
 * test-results/explorer/timings.json), never asserted as times: the first meaningful paint on
 * the seed graph, and how the graph view copes with a few thousand nodes (a synthetic
 * neighbourhood answered in place of the API's, hubs and a long tail like the benchmark graph).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, openPage, screenshot, serveExplorer } from './browser.js';

const served = serveExplorer();
const timings: Record<string, unknown> = {};

afterAll(() => {
  writeFileSync(path.join(ARTIFACTS, 'timings.json'), JSON.stringify(timings, null, 2));
  console.log('explorer timings', JSON.stringify(timings, null, 2));
});

describe('first meaningful paint on the seed graph', () => {
  it.each([
    ['search', '/#/search?q=Jepang', '.hit'],
    ['entity', '/#/entity/japan', '.rel-row'],
    ['dashboard', '/#/dashboard', '#counts-by-type .chart-box svg text'],
  ])('measures the %s view from navigation to its content on screen', async (name, hash, selector) => {
    const open = await openPage(served.explorer);
    const { page } = open;
    await page.goto(`${served.explorer.baseUrl}${hash}`);
    await page.locator(selector).first().waitFor({ state: 'attached' });
    const measured = await page.evaluate(() => {
      const paint = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const transferred = performance
        .getEntriesByType('resource')
        .reduce((sum, r) => sum + (r as PerformanceResourceTiming).transferSize, navigation.transferSize);
      return {
        firstContentfulPaintMs: paint && Math.round(paint),
        contentMs: Math.round(performance.now()),
        transferredKB: Math.round(transferred / 1024),
      };
    });
    timings[`first-paint:${name}`] = measured;
    expect(measured.contentMs).toBeGreaterThan(0);
    await open.context.close();
    expect(open.errors).toEqual([]);
  });
});

describe('the graph view with a few thousand nodes', () => {
  it('draws a 3,000-node neighbourhood, and stays responsive to zoom and selection', async () => {
    // A module path in a variable: the web code is ES modules for the bundler, not for tsc here.
    const modelPath = '../../web/src/graph/graph-model.ts';
    const { syntheticSubgraph } = (await import(modelPath)) as { syntheticSubgraph: (n: number) => unknown };
    const synthetic = syntheticSubgraph(3000);
    const open = await openPage(served.explorer);
    const { page, context } = open;
    await context.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON() as { operationName?: string };
      if (body?.operationName === 'ExplorerNeighbourhood') return route.fulfill({ json: { data: { neighbourhood: synthetic } } });
      return route.continue();
    });
    const started = Date.now();
    await page.goto(`${served.explorer.baseUrl}/#/graph/n0`);
    const stats = page.locator('.graph-stats[data-layout-ms]:not([data-layout-ms=""])');
    await stats.waitFor({ timeout: 120_000 });
    const drawnMs = Date.now() - started;
    expect(Number(await stats.getAttribute('data-nodes'))).toBe(3000);
    expect(Number(await stats.getAttribute('data-edges'))).toBe(2999);
    const layoutMs = Number(await stats.getAttribute('data-layout-ms'));

    // Frames painted while the wheel zooms in and out for about two seconds.
    const box = (await page.locator('.canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.evaluate(() => {
      const w = window as unknown as { frames_: number[] };
      w.frames_ = [];
      const tick = (t: number) => {
        w.frames_.push(t);
        if (w.frames_.length < 100000) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const wheelStarted = Date.now();
    for (let i = 0; i < 40; i++) {
      await page.mouse.wheel(0, i < 20 ? -120 : 120);
      await page.waitForTimeout(40);
    }
    const wheelMs = Date.now() - wheelStarted;
    const frames = await page.evaluate(() => {
      const f = (window as unknown as { frames_: number[] }).frames_;
      const gaps = f
        .slice(1)
        .map((t, i) => t - f[i]!)
        .sort((a, b) => a - b);
      return {
        count: f.length,
        spanMs: f[f.length - 1]! - f[0]!,
        p50GapMs: gaps[Math.floor(gaps.length / 2)],
        p95GapMs: gaps[Math.floor(gaps.length * 0.95)],
        worstGapMs: gaps[gaps.length - 1],
      };
    });

    // Selecting a node from the list shows its details.
    const selectStarted = Date.now();
    await page.locator('.node-list li[data-slug="n0"] button').click();
    await page.locator('.node-details').waitFor();
    const selectMs = Date.now() - selectStarted;
    await screenshot(page, 'graph-3000-nodes');

    timings['graph:3000-nodes'] = {
      nodes: 3000,
      edges: 2999,
      navigationToDrawnMs: drawnMs,
      layoutAndRenderMs: layoutMs,
      wheelZoomMs: wheelMs,
      framesDuringZoom: frames.count,
      fpsDuringZoom: Math.round((frames.count / frames.spanMs) * 1000),
      frameGapP50Ms: Math.round(frames.p50GapMs!),
      frameGapP95Ms: Math.round(frames.p95GapMs!),
      worstFrameGapMs: Math.round(frames.worstGapMs!),
      selectNodeToDetailsMs: selectMs,
    };
    await context.close();
    expect(open.errors).toEqual([]);
  });
});
