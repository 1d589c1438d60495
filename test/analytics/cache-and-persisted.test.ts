/** The short-TTL read cache for dashboards, and operations called by name or hash. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { ResponseCacheControl } from '../../src/cache.js';
import { createLogger } from '../../src/logger.js';
import { OPERATIONS_DIR } from '../../src/persisted-operations.js';
import { gql, testApp, testDatabase } from '../helpers.js';

const DASHBOARD = '{ dashboard { nodeCounts { label count } relationshipCounts { keys count } } }';

function cachedApp(cache: ResponseCacheControl) {
  return createApp({
    env: { NODE_ENV: 'test', GRAPHIQL: false, NEO4J_DATABASE: 'neo4j', CACHE_TTL_MS: 60_000 },
    db: testDatabase(),
    logger: createLogger('silent'),
    cache,
  });
}

describe('the read cache', () => {
  it('when the same dashboard query is repeated within the TTL, then the second runs no statement and returns the same body', async () => {
    const app = testApp({ CACHE_TTL_MS: 60_000 });

    const first = await gql(app, DASHBOARD);
    const second = await gql(app, DASHBOARD);

    expect(first.body.errors).toBeUndefined();
    expect(first.statements).toBeGreaterThan(0);
    expect(second.statements).toBe(0);
    expect(second.body).toEqual(first.body);
  });

  it('when the cache is off (TTL 0), then every request runs its statements', async () => {
    const app = testApp({ CACHE_TTL_MS: 0 });

    await gql(app, DASHBOARD);
    const again = await gql(app, DASHBOARD);

    expect(again.statements).toBeGreaterThan(0);
  });

  it('when a write invalidates the cache, then the next read runs its statements again and is cached anew', async () => {
    const cache = new ResponseCacheControl();
    const app = cachedApp(cache);
    await gql(app, DASHBOARD);
    expect((await gql(app, DASHBOARD)).statements).toBe(0);

    cache.invalidateAll();
    const afterInvalidation = await gql(app, DASHBOARD);
    const cachedAgain = await gql(app, DASHBOARD);

    expect(afterInvalidation.statements).toBeGreaterThan(0);
    expect(afterInvalidation.body.errors).toBeUndefined();
    expect(cachedAgain.statements).toBe(0);
  });

  it('when a response has errors, then it is not cached', async () => {
    const app = cachedApp(new ResponseCacheControl());
    const failing = '{ paths(from: "japan", to: "atlantis") { length } }';

    const first = await gql(app, failing);
    const second = await gql(app, failing);

    expect(first.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(second.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(second.statements).toBeGreaterThan(0);
  });

  it('when variables differ, then the cached answer of other variables is not served', async () => {
    const app = cachedApp(new ResponseCacheControl());
    const query = 'query($slug: String!) { neighbourhood(slug: $slug) { nodes { id } } }';

    await gql(app, query, { slug: 'eunity' });
    const other = await gql(app, query, { slug: 'glacy' });

    expect(other.statements).toBeGreaterThan(0);
    expect(other.body.data.neighbourhood.nodes.map((n: any) => n.id)).toContain('glacy');
  });
});

describe('persisted operations', () => {
  const app = testApp();
  const partnersText = readFileSync(`${OPERATIONS_DIR}/eu-cyber-direct-partners.graphql`, 'utf8');

  it('when an operation is called by its file name in the URL, then GET returns its data', async () => {
    const response = await app.fetch('http://test/graphql?documentId=eu-cyber-direct-partners', {
      headers: { accept: 'application/graphql-response+json' },
    });
    const body = await response.json();

    expect(response.status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.programme.name).toBe('EU Cyber Direct');
    expect(body.data.programme.partners.totalCount).toBe(9);
  });

  it('when an operation is called by the SHA-256 of its text (persistedQuery extension), then it runs without the text', async () => {
    const sha256Hash = createHash('sha256').update(partnersText).digest('hex');

    const response = await app.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash } } }),
    });
    const body = await response.json();

    expect(body.errors).toBeUndefined();
    expect(body.data.programme.partners.totalCount).toBe(9);
  });

  it('when an analytics example is called by name, then it answers like the text would', async () => {
    const byName = await app.fetch('http://test/graphql?documentId=analytics-path-between-partners', {
      headers: { accept: 'application/graphql-response+json' },
    });
    const byText = await gql(app, readFileSync(`${OPERATIONS_DIR}/analytics-path-between-partners.graphql`, 'utf8'));

    expect(await byName.json()).toEqual(byText.body);
  });

  it('when the documentId is unknown, then the error code is PERSISTED_QUERY_NOT_FOUND', async () => {
    const response = await app.fetch('http://test/graphql?documentId=no-such-operation', {
      headers: { accept: 'application/graphql-response+json' },
    });
    const body = await response.json();

    expect(body.data).toBeUndefined();
    expect(body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});
