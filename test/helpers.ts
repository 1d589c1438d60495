/** Shared test helpers: this worker's Neo4j, an in-process app, and a GraphQL client over fetch. */
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { inject } from 'vitest';
import { createApp, type App } from '../src/app.js';
import type { Database, QueryRunner } from '../src/db/query.js';
import { createLogger } from '../src/logger.js';
import { openTestDatabase, TEST_QUERY_TIMEOUT_MS, type TestConnection } from './neo4j-for-tests.js';

/** This worker's slot (0-based): vitest numbers the workers running at once 1..maxWorkers. */
export function workerIndex(): number {
  const index = Number(process.env.VITEST_POOL_ID ?? '1') - 1;
  const count = inject('neo4jInstances').length;
  if (!(index >= 0 && index < count)) {
    throw new Error(`Worker ${index + 1} has no Neo4j: the run started ${count}; run with at most ${count} workers.`);
  }
  return index;
}

/** This worker's own Neo4j (global-setup.ts starts one per worker). */
export function testConnection(): TestConnection {
  return inject('neo4jInstances')[workerIndex()]!;
}

let database: Database | undefined;

/** One Database (driver) per test file, on this worker's Neo4j, closed when the file's process exits. */
export function testDatabase(): Database {
  database ??= openTestDatabase(testConnection());
  return database;
}

export function testRunner(): QueryRunner {
  return testDatabase().observed(() => {});
}

export function testApp(overrides: Partial<Parameters<typeof createApp>[0]['env']> = {}): App {
  return createApp({
    // The read cache and the rate limit are off unless a test turns them on, so statement
    // counts are per request and a busy test file is never throttled.
    env: { NODE_ENV: 'test', GRAPHIQL: true, NEO4J_DATABASE: 'neo4j', CACHE_TTL_MS: 0, RATE_LIMIT_PER_MINUTE: 0, ...overrides },
    db: testDatabase(),
    logger: createLogger('silent'),
  });
}

export interface GraphQLResponse<T = any> {
  status: number;
  headers: Headers;
  body: { data?: T; errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }> };
  /** How many Cypher statements the request ran (x-cypher-statements). */
  statements: number;
}

export async function gql<T = any>(
  app: App,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await app.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as GraphQLResponse<T>['body'],
    statements: Number(response.headers.get('x-cypher-statements') ?? NaN),
  };
}

/** A prefix unique to this test file run, for ids of data a test creates. */
export function uniquePrefix(name: string): string {
  return `t-${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

/** A TCP port that was free a moment ago on loopback. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface ScriptResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one of the project's scripts (e.g. seed/cli.ts) as `npm run` would, against the test Neo4j. */
export function runScript(script: string, args: string[]): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: path.resolve(import.meta.dirname, '..'),
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NEO4J_URI: testConnection().uri,
        NEO4J_USER: testConnection().user,
        NEO4J_PASSWORD: testConnection().password ?? 'unused-auth-is-off',
        NEO4J_QUERY_TIMEOUT_MS: String(TEST_QUERY_TIMEOUT_MS),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
