/**
 * The three benchmark servers as GraphQL handlers (graphql-yoga instances): ours (`createApp`),
 * the floor (one hand-written statement per operation) and the peer (@neo4j/graphql). Each is
 * served in its own process by serve.ts for the load runs, and measured in-process by
 * overhead.ts. Reads NEO4J_URI (auth off, or NEO4J_USER/NEO4J_PASSWORD), NEO4J_DATABASE,
 * BENCH_WORKLOAD (the operations as JSON, for the floor), BENCH_WRITES and API_KEYS.
 */
import type { createServer } from 'node:http';
import neo4j, { type Driver } from 'neo4j-driver';
import { z } from 'zod';
import { apiKeySchema, type ApiKeyEntry } from '../../src/auth/auth.js';
import type { ServerKind, Operation } from '../workload.js';

const DATABASE = process.env.NEO4J_DATABASE ?? 'neo4j';

function connect(options: { disableLosslessIntegers: boolean }): Driver {
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error('NEO4J_URI is required');
  const auth = process.env.NEO4J_PASSWORD ? neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD) : undefined;
  return neo4j.driver(uri, auth, { ...options, maxConnectionPoolSize: 50 });
}

type Handler = Parameters<typeof createServer>[1];
export interface Built {
  /** A node:http handler, and a fetch for in-process requests. */
  handler: NonNullable<Handler> & { fetch(url: string, init?: RequestInit): Response | Promise<Response> };
  schemaBuildMs: number;
  /** A small query that proves the server answers from the database. */
  probe: string;
  close(): Promise<void>;
}

/** API_KEYS as the service reads it (src/env.ts): a JSON list of {name, sha256, scopes}. */
function apiKeysFromEnv(): ApiKeyEntry[] {
  if (!process.env.API_KEYS) return [];
  return z.array(apiKeySchema).parse(JSON.parse(process.env.API_KEYS));
}

export async function buildOurs(): Promise<Built> {
  const started = performance.now();
  // Our Pothos schema is built when src/schema.ts is first imported.
  await import('../../src/schema.js');
  const schemaBuildMs = performance.now() - started;
  const [{ createApp }, { Database }, { createDriver }, { createLogger }] = await Promise.all([
    import('../../src/app.js'),
    import('../../src/db/query.js'),
    import('../../src/db/driver.js'),
    import('../../src/logger.js'),
  ]);
  const driver = createDriver({
    uri: process.env.NEO4J_URI ?? '',
    user: process.env.NEO4J_USER ?? 'neo4j',
    password: process.env.NEO4J_PASSWORD || undefined,
    maxPoolSize: 50,
  });
  const db = new Database(driver, { database: DATABASE, timeoutMs: 60_000 });
  // CACHE_TTL_MS 0: measure the database path, not the response cache. The per-client rate
  // limit is off (the load generator is one client) and the complexity cap is raised so that
  // the workload's 2- and 4-level queries run, and the gate on expensive fields is opened wide
  // (its default, 8 at once, would shed part of the neighbourhoods and paths at concurrency 32,
  // which the other servers run); every other setting is the service's default.
  const env = {
    NODE_ENV: 'production',
    GRAPHIQL: false,
    NEO4J_DATABASE: DATABASE,
    CACHE_TTL_MS: 0,
    RATE_LIMIT_PER_MINUTE: 0,
    MAX_QUERY_COMPLEXITY: 10_000_000,
    MAX_CONCURRENT_HEAVY_FIELDS: 10_000,
    // The write cells' curator key (bench/writes.ts), given by the harness as API_KEYS: a list of
    // {name, sha256, scopes}, the service's own setting.
    API_KEYS: apiKeysFromEnv(),
  } as Parameters<typeof createApp>[0]['env'];
  const app = createApp({ env, db, logger: createLogger('silent') });
  return { handler: app, schemaBuildMs, probe: '{ nodeCounts { label count } }', close: () => db.close() };
}

export async function buildFloor(): Promise<Built> {
  const started = performance.now();
  const { createYoga, createSchema } = await import('graphql-yoga');
  const operations = new Map((JSON.parse(process.env.BENCH_WORKLOAD ?? '[]') as Operation[]).map((o) => [o.key, o.floor]));
  // The write operations' statements (bench/writes.ts): key -> Cypher; parameters come with each request.
  const writes = new Map(Object.entries(JSON.parse(process.env.BENCH_WRITES ?? '{}') as Record<string, string>));
  const driver = connect({ disableLosslessIntegers: true });
  const schema = createSchema({
    typeDefs: /* GraphQL */ `
      scalar JSON
      type Query {
        "Runs one workload operation's hand-written Cypher: one statement per request."
        op(key: String!): JSON
        ping: Int
      }
      type Mutation {
        "Runs one write operation's hand-written Cypher with the given parameters: one statement per request."
        write(key: String!, params: JSON!): JSON
      }
    `,
    resolvers: {
      Query: {
        op: async (_root: unknown, { key }: { key: string }) => {
          const floor = operations.get(key);
          if (!floor) throw new Error(`unknown operation ${key}`);
          const result = await driver.executeQuery(floor.cypher, floor.params, { database: DATABASE, routing: neo4j.routing.READ });
          const rows = result.records.map((r) => r.toObject());
          return floor.rows === 'one' ? (rows[0] ?? null) : rows;
        },
        ping: async () => {
          const result = await driver.executeQuery('RETURN 1 AS one', {}, { database: DATABASE, routing: neo4j.routing.READ });
          return result.records[0]!.get('one');
        },
      },
      Mutation: {
        write: async (_root: unknown, { key, params }: { key: string; params: Record<string, unknown> }) => {
          const cypher = writes.get(key);
          if (!cypher) throw new Error(`unknown write ${key}`);
          const result = await driver.executeQuery(cypher, params, { database: DATABASE, routing: neo4j.routing.WRITE });
          return result.records.map((r) => r.toObject());
        },
      },
    },
  });
  const schemaBuildMs = performance.now() - started;
  const yoga = createYoga({
    schema,
    landingPage: false,
    graphiql: false,
    logging: false,
    plugins: [{ onResponse: ({ response }) => response.headers.set('x-cypher-statements', '1') }],
  });
  return { handler: yoga, schemaBuildMs, probe: '{ ping }', close: () => driver.close() };
}

/**
 * A driver view that counts the statements @neo4j/graphql runs for one request: its Executor
 * opens a session and calls executeRead/executeWrite, then `tx.run` once per statement.
 */
function countingDriver(driver: Driver, counter: { statements: number }): Driver {
  const bindAll = <T extends object>(target: T, overrides: Partial<Record<PropertyKey, unknown>>): T =>
    new Proxy(target, {
      get(t, prop) {
        if (prop in overrides) return overrides[prop];
        const value = Reflect.get(t, prop, t);
        return typeof value === 'function' ? value.bind(t) : value;
      },
    });
  type Tx = { run: (...args: unknown[]) => unknown };
  const wrapTx = (tx: Tx) =>
    bindAll(tx, {
      run: (...args: unknown[]) => {
        counter.statements += 1;
        return tx.run(...args);
      },
    });
  return bindAll(driver, {
    session: (config: Parameters<Driver['session']>[0]) => {
      const session = driver.session(config);
      const wrapWork = (method: 'executeRead' | 'executeWrite') => (work: (tx: Tx) => unknown, txConfig?: unknown) =>
        (session[method] as (w: (tx: Tx) => unknown, c?: unknown) => Promise<unknown>)((tx) => work(wrapTx(tx)), txConfig);
      return bindAll(session, { executeRead: wrapWork('executeRead'), executeWrite: wrapWork('executeWrite') });
    },
  });
}

export async function buildPeer(): Promise<Built> {
  const started = performance.now();
  const [{ Neo4jGraphQL }, { PEER_TYPE_DEFS }, { createYoga }] = await Promise.all([
    import('@neo4j/graphql'),
    import('./peer-typedefs.js'),
    import('graphql-yoga'),
  ]);
  // The library's users pass a plain driver (lossless integers on, as by default).
  const driver = connect({ disableLosslessIntegers: false });
  const schema = await new Neo4jGraphQL({ typeDefs: PEER_TYPE_DEFS, driver }).getSchema();
  const schemaBuildMs = performance.now() - started;
  const counters = new WeakMap<Request, { statements: number }>();
  const yoga = createYoga({
    schema,
    landingPage: false,
    graphiql: false,
    logging: false,
    context: ({ request }) => {
      const counter = { statements: 0 };
      counters.set(request, counter);
      return { executionContext: countingDriver(driver, counter) };
    },
    plugins: [
      {
        onResponse: ({ request, response }) => {
          response.headers.set('x-cypher-statements', String(counters.get(request)?.statements ?? 0));
        },
      },
    ],
  });
  return { handler: yoga, schemaBuildMs, probe: '{ topics(limit: 1) { id } }', close: () => driver.close() };
}

export const BUILDERS: Record<ServerKind, () => Promise<Built>> = { ours: buildOurs, floor: buildFloor, peer: buildPeer };
