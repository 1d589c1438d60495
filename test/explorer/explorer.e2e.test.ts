/**
 * The explorer, walked as a new user would in a real browser, against the seeded graph:
 * search in Indonesian, an entity page with its evidence, the source reader, the graph, paths,
 * compare and the dashboard. One screenshot per view goes to test-results/explorer/.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gql } from '../helpers.js';
import { openPage, screenshot, serveExplorer, type OpenPage } from './browser.js';

const served = serveExplorer();

/** Every test ends with no console errors and nothing fetched from outside. */
async function finish({ context, errors }: OpenPage): Promise<void> {
  await context.close();
  expect(errors).toEqual([]);
  expect(served.explorer.blocked).toEqual([]);
}

describe('the explorer is served by the service', () => {
  it('answers / with the page and hashed assets with long-lived caching, without shadowing /graphql', async () => {
    const index = await served.app.fetch('http://test/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await index.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeTruthy();
    const asset = await served.app.fetch(`http://test${script}`);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const again = await served.app.fetch('http://test/', { headers: { 'if-none-match': index.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect((await served.app.fetch('http://test/assets/nothing.js')).status).toBe(404);
    expect((await served.app.fetch('http://test/../package.json')).status).toBe(404);
    const graphql = await gql(served.app, '{ __typename }');
    expect(graphql.body.data).toEqual({ __typename: 'Query' });
  });
});

describe('an analyst follows a partnership from a search to its source sentence', () => {
  it('searches "Jepang", opens Japan, finds EU Cyber Direct with the doc-000 excerpt, and reads it highlighted in the source', async () => {
    const open = await openPage(served.explorer);
    const { page } = open;
    await page.goto(`${served.explorer.baseUrl}/`);
    await page.getByLabel('Search', { exact: true }).fill('Jepang');
    const japan = page.getByRole('option', { name: /Japan/ });
    await japan.first().waitFor();
    await expect(page.locator('.result-group[aria-label="Actor"]').textContent()).resolves.toContain('Jepang');
    await screenshot(page, 'search');

    // The keyboard opens the highlighted result.
    await page.getByLabel('Search', { exact: true }).press('Enter');
    await page.waitForURL(/#\/entity\/japan$/);
    await page.getByRole('heading', { level: 1, name: 'Japan' }).waitFor();
    await expect(page.locator('.aliases').textContent()).resolves.toMatch(/Jepang\s*ID/);

    const partnership = page.locator('[data-group="PARTNER_IN:OUT"] .rel-row[data-slug="eu-cyber-direct"]');
    await partnership.waitFor();
    const excerpt = partnership.locator('.evidence', { hasText: 'EU Cyber Direct dengan Brazil' });
    await expect(excerpt.textContent()).resolves.toContain('EU Cyber Direct dengan Brazil, China, India, Japan');
    await expect(excerpt.locator('a.source-link').getAttribute('href')).resolves.toMatch(/^#\/source\/doc-000/);
    await partnership.scrollIntoViewIfNeeded();
    await screenshot(page, 'entity');

    await excerpt.locator('a.source-link').click();
    await page.waitForURL(/#\/source\/doc-000\?/);
    const highlighted = page.locator('.document mark.m-excerpt.m-focus', { hasText: 'EU Cyber Direct' });
    await highlighted.first().waitFor();
    const marked = (await page.locator('.document mark.m-focus').allTextContents()).join('');
    expect(marked).toContain('EU Cyber Direct dengan Brazil');
    // Japan's mentions in the document are marked too.
    expect(await page.locator('.document mark.m-mention.m-focus').count()).toBeGreaterThan(0);
    await screenshot(page, 'source-reader');

    // Back returns to Japan's page, then to the search with its text.
    await page.goBack();
    await page.waitForURL(/#\/entity\/japan$/);
    await page.goBack();
    await page.waitForURL(/#\/search\?q=Jepang$/);
    await expect(page.getByLabel('Search', { exact: true }).inputValue()).resolves.toBe('Jepang');
    await finish(open);
  });
});

describe('the graph view draws a neighbourhood', () => {
  it('shows EU Cyber Direct with its nine partners, the evidence of an edge, and expands a partner', async () => {
    const partners = await gql(served.app, '{ programme(slug: "eu-cyber-direct") { partners(first: 50) { nodes { slug } } } }');
    const partnerSlugs: string[] = partners.body.data.programme.partners.nodes.map((n: { slug: string }) => n.slug);
    expect(partnerSlugs).toHaveLength(9);

    const open = await openPage(served.explorer);
    const { page } = open;
    await page.goto(`${served.explorer.baseUrl}/#/graph/eu-cyber-direct`);
    await page.locator('.graph-stats[data-layout-ms]:not([data-layout-ms=""])').waitFor();
    const listed = await page.locator('.node-list li').evaluateAll((items) => items.map((li) => li.getAttribute('data-slug')));
    expect(listed).toEqual(expect.arrayContaining(['eu-cyber-direct', ...partnerSlugs]));
    expect(Number(await page.locator('.graph-stats').getAttribute('data-nodes'))).toBe(listed.length);
    await expect(page.locator('.legend').first().textContent()).resolves.toContain('Actor');
    // The canvas was drawn.
    expect(await page.locator('.canvas canvas').count()).toBeGreaterThan(0);

    // Keyboard path: pick Japan from the list, then the partnership edge, and read its evidence.
    await page.locator('.node-list li[data-slug="japan"] button').click();
    await page
      .locator('.node-details')
      .getByRole('button', { name: /partner in/ })
      .first()
      .click();
    await expect(page.locator('.edge-details').textContent()).resolves.toContain('EU Cyber Direct dengan Brazil');

    // Edge labels on demand, kept in the URL.
    await page.getByLabel('edge labels').check();
    await page.waitForURL(/edgeLabels=1/);
    await screenshot(page, 'graph');

    // Expanding Japan adds its own neighbourhood (EUNITY).
    await page.locator('.node-list li[data-slug="japan"] button').click();
    await page.locator('.node-details').getByRole('button', { name: 'Expand' }).click();
    await page.waitForURL(/expand=japan/);
    await page.locator('.node-list li[data-slug="eunity"]').waitFor();

    // Filtering out actors leaves the programme without its partners.
    await page.locator('.legend-item', { hasText: 'Actor' }).locator('input').uncheck();
    await page.waitForURL(/hideLabels=Actor/);
    await expect(page.locator('.node-list li[data-slug="brazil"]').count()).resolves.toBe(0);

    // Exports: the JSON the API returned and a PNG.
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'JSON' }).click()]);
    const exported = JSON.parse(readFileSync((await json.path())!, 'utf8'));
    expect(exported.data.neighbourhood.nodes.map((n: { id: string }) => n.id)).toEqual(expect.arrayContaining(partnerSlugs));
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PNG' }).click()]);
    expect(
      readFileSync((await png.path())!)
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    await finish(open);
  });
});

describe('paths between two entities', () => {
  it('draws Brazil → Japan through EU Cyber Direct, each hop with its evidence', async () => {
    const open = await openPage(served.explorer);
    const { page } = open;
    await page.goto(`${served.explorer.baseUrl}/#/paths`);
    await page.getByLabel('From').fill('Brazil');
    await page.getByLabel('To').fill('Jepang');
    await page.getByRole('button', { name: 'Find paths' }).click();
    await page.waitForURL(/#\/paths\?from=Brazil&to=Jepang/);
    await page.locator('.path-sentence').first().waitFor();
    // Both also ratified the Budapest Convention (an equally short path): as partners, the path
    // goes through the programme they share.
    await page.locator('.rel-filter summary').click();
    await page.getByLabel('partner in').check();
    await page.waitForURL(/rels=PARTNER_IN/);
    const sentence = page.locator('.path-sentence', { hasText: 'EU Cyber Direct' }).first();
    await sentence.waitFor();
    await expect(sentence.textContent()).resolves.toBe('Brazil — partner in → EU Cyber Direct ← partner in — Japan');
    expect(await page.locator('.path').first().locator('.hop .evidence').count()).toBe(2);
    expect(await page.locator('.paths-canvas canvas').count()).toBeGreaterThan(0);
    await screenshot(page, 'paths');

    // Narrowing the relationship types to memberships finds no such short path.
    await page.getByLabel('partner in').uncheck();
    await page.getByLabel('member of').check();
    await page.waitForURL((url) => url.hash.includes('rels=MEMBER_OF') && !url.hash.includes('PARTNER_IN'));
    await page
      .getByText(/No path of at most 4 hops|path(s)? of length/)
      .first()
      .waitFor();
    await expect(page.locator('.path-sentence').allTextContents()).resolves.not.toContain(
      'Brazil — partner in → EU Cyber Direct ← partner in — Japan',
    );

    // A misspelt name still finds its entity (through search).
    await page.goto(`${served.explorer.baseUrl}/#/paths?from=Brazl&to=Japan&rels=PARTNER_IN`);
    await page.locator('.path-sentence', { hasText: 'Brazil — partner in → EU Cyber Direct ← partner in — Japan' }).waitFor();
    await expect(page.locator('p.count').textContent()).resolves.toContain('from Brazil to Japan');
    await finish(open);
  });
});

describe('comparing actors', () => {
  it('shows EU Cyber Direct shared by India and China, first', async () => {
    const open = await openPage(served.explorer);
    const { page } = open;
    await page.goto(`${served.explorer.baseUrl}/#/compare`);
    for (const name of ['India', 'China']) {
      await page.locator('#compare-add').fill(name);
      await page.locator('#compare-add').press('Enter');
      await page.locator('.chips li', { hasText: name }).waitFor();
    }
    await page.waitForURL(/actors=india%2Cchina|actors=india,china/);
    const firstGroup = page.locator('table.compare tbody').first();
    await firstGroup.waitFor();
    await expect(firstGroup.locator('.group-row').textContent()).resolves.toContain('Shared by all');
    const row = firstGroup.locator('tr[data-slug="eu-cyber-direct"]');
    await expect(row.textContent()).resolves.toMatch(/partner in \(partner country\).*partner in \(partner country\)/);
    await screenshot(page, 'compare');
    await finish(open);
  });
});

describe('the dashboard', () => {
  it('renders every chart with data, shows each query and downloads its CSV', async () => {
    const open = await openPage(served.explorer);
    const { page } = open;
    await page.goto(`${served.explorer.baseUrl}/#/dashboard`);
    const charts = page.locator('section.chart');
    await charts.first().waitFor();
    const ids = await charts.evaluateAll((sections) => sections.map((s) => s.id));
    expect(ids).toEqual([
      'counts-by-type',
      'programme-partnerships',
      'treaty-status',
      'treaty-milestones',
      'timeline',
      'evidence-by-source',
      'evidence-by-language',
      'most-connected',
    ]);
    for (const id of ids) {
      const chart = page.locator(`section#${id}`);
      await chart.locator('.chart-box svg').waitFor();
      expect(Number(await chart.getAttribute('data-rows')), id).toBeGreaterThan(0);
      // Drawn marks (bars, slices, points) in the SVG.
      expect(await chart.locator('.chart-box svg path').count(), id).toBeGreaterThan(2);
    }
    await expect(page.locator('#programme-partnerships .chart-table').textContent()).resolves.toMatch(/EU Cyber Direct\s*9/);

    const partnerships = page.locator('section#programme-partnerships');
    await partnerships.getByRole('button', { name: 'Show query' }).click();
    await expect(partnerships.locator('pre').textContent()).resolves.toContain('query DashboardProgrammePartnerships');
    const [csv] = await Promise.all([page.waitForEvent('download'), partnerships.getByRole('button', { name: 'CSV' }).click()]);
    expect(csv.suggestedFilename()).toBe('programme-partnerships.csv');
    // Other test files may add programmes of their own to the shared graph; EU Cyber Direct's row is what we know.
    const rows = readFileSync((await csv.path())!, 'utf8');
    expect(rows).toMatch(/^programme,partners\r\n/);
    expect(rows).toContain('\r\nEU Cyber Direct,9\r\n');
    await screenshot(page, 'dashboard', true);
    await finish(open);
  });
});

describe('on a phone', () => {
  it('reads an entity page and the graph at 390 px without horizontal scrolling', async () => {
    const open = await openPage(served.explorer, { width: 390, height: 844 });
    const { page } = open;
    await page.goto(`${served.explorer.baseUrl}/#/entity/eu-cyber-direct`);
    await page.getByRole('heading', { level: 1, name: 'EU Cyber Direct' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'phone-entity');
    await page.goto(`${served.explorer.baseUrl}/#/graph/eu-cyber-direct`);
    await page.locator('.graph-stats[data-layout-ms]:not([data-layout-ms=""])').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'phone-graph');
    await finish(open);
  });
});
