/**
 * Expensive work under load: the app's gate on expensive fields sheds what does not fit
 * (OVERLOADED, 503 with Retry-After) instead of letting it pile up in Neo4j, all statements of
 * a request share one budget (the query timeout), and a busy database is not taken for a dead
 * one: /ready stays 200 throughout.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createDriver } from '../../src/db/driver.js';
import { Database } from '../../src/db/query.js';
import { createLogger } from '../../src/logger.js';
import { gql, testConnection } from '../helpers.js';

/** A budget short enough to run out while a request waits, long enough for these paths on a busy machine. */
const BUDGET_MS = 10_000;
const db = new Database(createDriver(testConnection()), { database: 'neo4j', timeoutMs: BUDGET_MS });
afterAll(() => db.close());

const appWith = (env: { MAX_CONCURRENT_HEAVY_FIELDS: number; HEAVY_QUEUE_WAIT_MS: number }, database = db) =>
  createApp({
    env: { NODE_ENV: 'test', GRAPHIQL: false, NEO4J_DATABASE: 'neo4j', CACHE_TTL_MS: 0, RATE_LIMIT_PER_MINUTE: 0, ...env },
    db: database,
    logger: createLogger('silent'),
  });

/** Two expensive fields in one operation (each a variable-length shortest-path search). */
const HEAVY = `{
  a: paths(from: "eu", to: "indonesia", maxLength: 4, all: true) { length nodes { slug } }
  b: paths(from: "estonia", to: "kenya", maxLength: 4, all: true) { length nodes { slug } }
}`;

const codeOf = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => body.errors?.[0]?.extensions?.code;

describe('when expensive work arrives faster than the app lets it run', () => {
  it('refuses an expensive operation that finds no room within the queue wait with OVERLOADED, 503 and Retry-After', async () => {
    const app = appWith({ MAX_CONCURRENT_HEAVY_FIELDS: 1, HEAVY_QUEUE_WAIT_MS: 200 });
    // Another expensive operation holds the only slot.
    const release = await app.loadGate.acquire(1);
    try {
      const refused = await gql(app, HEAVY);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(refused.body.data).toBeUndefined();
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'OVERLOADED', limit: 'MAX_CONCURRENT_HEAVY_FIELDS', maximum: 1 });
      expect(refused.body.errors?.[0]?.extensions).not.toHaveProperty('http');
      expect(refused.statements).toBe(0);
      // Cheap work never waits at the gate.
      const cheap = await gql(app, '{ actors(first: 1) { nodes { slug } } }');
      expect(cheap.body.errors).toBeUndefined();
    } finally {
      release?.();
    }
    const served = await gql(app, HEAVY);
    expect(served.body.errors).toBeUndefined();
    expect(app.loadGate.running).toBe(0);
  });

  it('counts the time a request waited at the gate in its budget: past it, the request answers QUERY_TIMEOUT without running a statement', async () => {
    const shortBudget = new Database(createDriver(testConnection()), { database: 'neo4j', timeoutMs: 300 });
    try {
      const app = appWith({ MAX_CONCURRENT_HEAVY_FIELDS: 1, HEAVY_QUEUE_WAIT_MS: 30_000 }, shortBudget);
      const release = await app.loadGate.acquire(1);
      const answer = gql(app, '{ paths(from: "eu", to: "indonesia", maxLength: 2) { length } }');
      // Held well past the request's whole budget (300 ms), then let go.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(app.loadGate.waiting).toBe(1);
      release?.();
      const { body, statements } = await answer;
      expect(codeOf(body)).toBe('QUERY_TIMEOUT');
      expect(statements).toBe(0);
      expect(app.loadGate.running).toBe(0);
    } finally {
      await shortBudget.close();
    }
  });

  it('answers each of 12 concurrent expensive requests with the right paths or a coded OVERLOADED/QUERY_TIMEOUT, within the budget, and /ready stays 200', async () => {
    const app = appWith({ MAX_CONCURRENT_HEAVY_FIELDS: 2, HEAVY_QUEUE_WAIT_MS: 1_000 });
    const expected = await gql(app, HEAVY);
    expect(expected.body.errors).toBeUndefined();
    expect(expected.body.data.a.length).toBeGreaterThan(0);

    let running = true;
    const readiness: number[] = [];
    const watchReady = (async () => {
      while (running) {
        readiness.push((await app.fetch('http://test/ready')).status);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    const answers = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const started = performance.now();
        const answer = await gql(app, HEAVY);
        return { ...answer, ms: performance.now() - started };
      }),
    );
    running = false;
    await watchReady;

    for (const answer of answers) {
      if (answer.body.errors) {
        expect(['OVERLOADED', 'QUERY_TIMEOUT']).toContain(codeOf(answer.body));
        if (codeOf(answer.body) === 'OVERLOADED') expect(answer.status).toBe(503);
      } else {
        expect(answer.status).toBe(200);
        expect(answer.body.data).toEqual(expected.body.data);
      }
      // Never past the request's budget, plus the client-side grace (3 s), plus a generous
      // margin for a busy machine; each statement used to get the whole timeout in turn.
      expect(answer.ms).toBeLessThan(BUDGET_MS + 3_000 + 30_000);
    }
    // The gate let work through (it is not refusing everything) and gave every slot back.
    expect(answers.some((a) => codeOf(a.body) !== 'OVERLOADED')).toBe(true);
    expect(app.loadGate.running).toBe(0);
    expect(app.loadGate.waiting).toBe(0);
    // Busy is not down: the database was never reported unavailable.
    expect(readiness.length).toBeGreaterThan(0);
    expect(readiness.every((status) => status === 200)).toBe(true);
  });
});
