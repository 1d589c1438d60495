/**
 * What client and dashboard builders rely on: a clear 400 for a missing query, headers they may
 * read across origins (request id, statement count, rate limit), objects their caches can
 * normalise with a shipped possibleTypes map, one spelling per value, zero-filled timelines,
 * group keys by name, HTTP caching of persisted reads, and bounded metric labels.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { POSSIBLE_TYPES_FILE, currentPossibleTypes } from '../../scripts/print-schema.js';
import { periodsBetween } from '../../src/modules/analytics/dashboard.service.js';
import { gql, testApp } from '../helpers.js';

const app = testApp();

describe('a request without a query', () => {
  it('when a POST carries no query, then the answer is 400 saying the query is missing', async () => {
    const response = await app.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ variables: {} }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as any;
    expect(body.errors[0].message).toMatch(/no GraphQL query/);
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });
});

describe('headers a browser client may read', () => {
  it('when a page on another origin asks, then CORS exposes the request id, statement count, Retry-After and RateLimit headers', async () => {
    const limited = testApp({ RATE_LIMIT_PER_MINUTE: 100 });
    const response = await limited.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://dashboard.example' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    const exposed = (response.headers.get('access-control-expose-headers') ?? '').toLowerCase().split(/,\s*/);
    expect(exposed).toEqual(
      expect.arrayContaining([
        'x-request-id',
        'x-cypher-statements',
        'retry-after',
        'ratelimit-limit',
        'ratelimit-remaining',
        'ratelimit-reset',
      ]),
    );
    expect(response.headers.get('ratelimit-limit')).toBe('100');
    expect(Number(response.headers.get('ratelimit-remaining'))).toBe(99);
    expect(Number(response.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    expect(response.headers.get('ratelimit-policy')).toBe('100;w=60');
  });
});

describe('objects client caches normalise', () => {
  it('when the dashboard is read, then it has an id', async () => {
    const { body } = await gql(app, '{ dashboard { id __typename } }');
    expect(body.data.dashboard).toEqual({ id: 'dashboard', __typename: 'Dashboard' });
  });

  it('when schema/possible-types.json is compared with the schema, then it lists every interface and union with its types', async () => {
    const shipped = await readFile(POSSIBLE_TYPES_FILE, 'utf8');
    expect(shipped, 'run npm run schema:print').toBe(currentPossibleTypes());
    const map = JSON.parse(shipped);
    expect(map.Entity).toEqual(['Actor', 'Event', 'Instrument', 'Norm', 'Programme', 'Topic', 'Treaty']);
    expect(map.Node).toEqual(expect.arrayContaining(['Actor', 'Source']));
  });
});

describe('one spelling per value, keys by name', () => {
  it('when partners are grouped by kind, then the kinds are spelled as the EntityKind enum, and each key can be read by name', async () => {
    const { body } = await gql(
      app,
      `{ dashboard { groupCount(relationshipTypes: [PARTNER_IN], groupBy: [END_NODE, START_KIND], limit: 1000) {
          keys values { key value } kind: value(key: START_KIND) region: value(key: START_REGION) count } } }`,
    );
    expect(body.errors).toBeUndefined();
    const group = body.data.dashboard.groupCount.find((g: any) => g.keys[0] === 'eunity');
    expect(group).toMatchObject({
      keys: ['eunity', 'STATE'],
      values: [
        { key: 'END_NODE', value: 'eunity' },
        { key: 'START_KIND', value: 'STATE' },
      ],
      kind: 'STATE',
      region: null,
    });
    const { body: kinds } = await gql(app, '{ actor(slug: "japan") { kind } }');
    expect(kinds.data.actor.kind).toBe('STATE');
  });

  it('when facts are grouped by source language, then the languages are spelled as the Language enum', async () => {
    const { body } = await gql(
      app,
      '{ dashboard { groupCount(relationshipTypes: [PARTNER_IN, PRIORITISES], groupBy: [SOURCE_LANGUAGE]) { keys } } }',
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.dashboard.groupCount.map((g: any) => g.keys[0]).sort()).toEqual(['EN', 'ID']);
  });

  it('when nodes are exported as CSV, then kinds are spelled as the enum too', async () => {
    const csv = await (await app.fetch('http://test/export/nodes.csv')).text();
    expect(csv.split('\r\n').find((line) => line.startsWith('japan,'))).toMatch(/^japan,Actor,STATE,/);
  });
});

describe('timelines for charts', () => {
  it('when yearly counts fill empty periods, then every year between the first and the last is listed, empty ones with 0', async () => {
    const { body } = await gql(
      app,
      '{ dashboard { sparse: timelineCounts { period count } full: timelineCounts(fillEmpty: true) { period count } } }',
    );
    expect(body.errors).toBeUndefined();
    const { sparse, full } = body.data.dashboard;
    const first = Number(sparse[0].period);
    const last = Number(sparse.at(-1).period);
    expect(full.map((p: any) => Number(p.period))).toEqual(Array.from({ length: last - first + 1 }, (_, i) => first + i));
    expect(full.filter((p: any) => p.count > 0)).toEqual(sparse);
    expect(full.some((p: any) => p.count === 0)).toBe(true);
  });

  it('when monthly periods are listed, then they cross years month by month', () => {
    expect(periodsBetween('2019-11', '2020-02')).toEqual(['2019-11', '2019-12', '2020-01', '2020-02']);
    expect(periodsBetween('1999', '2001')).toEqual(['1999', '2000', '2001']);
  });

  it('when counted by month, then every period is a month (items dated only by year are left out)', async () => {
    const { body } = await gql(app, '{ dashboard { timelineCounts(granularity: MONTH, fillEmpty: true) { period } } }');
    expect(body.data.dashboard.timelineCounts.every((p: any) => /^\d{4}-\d{2}$/.test(p.period))).toBe(true);
  });
});

describe('HTTP caching of persisted reads', () => {
  it('when a persisted operation is read with GET, then Cache-Control lets it be kept as long as the read cache keeps it', async () => {
    const cached = testApp({ CACHE_TTL_MS: 5000 });
    const response = await cached.fetch('http://test/graphql?documentId=memberships', { headers: { accept: 'application/json' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=5');
  });

  it('when a persisted GET answers with errors, then it is not stored', async () => {
    const cached = testApp({ CACHE_TTL_MS: 5000 });
    const variables = encodeURIComponent(JSON.stringify({ id: 'not-a-global-id' }));
    const response = await cached.fetch(`http://test/graphql?documentId=node-by-global-id&variables=${variables}`, {
      headers: { accept: 'application/json' },
    });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('bounded metric labels', () => {
  it('when clients choose their own operation names, then metrics label them "other", and persisted ones by name', async () => {
    const fresh = testApp({ METRICS: true });
    await gql(fresh, 'query Random_1234_abcd { __typename }');
    await gql(fresh, 'query Random_5678_efgh { __typename }');
    await fresh.fetch('http://test/graphql?documentId=memberships', { headers: { accept: 'application/json' } });
    const text = await (await fresh.fetch('http://test/metrics')).text();
    const requests = text.split('\n').filter((l) => l.startsWith('graphql_requests_total{'));
    expect(requests.some((l) => l.includes('operation="other"'))).toBe(true);
    expect(requests.some((l) => l.includes('operation="Memberships"'))).toBe(true);
    expect(text).not.toContain('Random_1234');
  });
});
