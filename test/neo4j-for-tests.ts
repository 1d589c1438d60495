/**
 * Finds the real Neo4j instances a test run uses, in order of preference:
 * 1. NEO4J_URI (+ NEO4J_USER / NEO4J_PASSWORD) from the environment: one throw-away database,
 *    so the run uses one worker (vitest.config.ts) and the suite empties it between files;
 * 2. testcontainers Neo4j 5.26 containers when a Docker engine answers, one per worker;
 * 3. the embedded launcher, one JVM per worker, each on a free port with a throw-away data folder.
 *
 * Neo4j Community has one user database per instance, so "a database per worker" means an
 * instance per worker. They start side by side in the global setup (measured: two embedded
 * instances are ready ~7 s after launch on a quiet 2-core machine, one alone ~6.5 s).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createDriver } from '../src/db/driver.js';
import { ensureLauncherBuilt, startEmbeddedNeo4j } from '../src/db/embedded.js';
import { Database } from '../src/db/query.js';
import { applySchema } from '../src/db/schema.js';
import { loadCuratedSeed } from '../src/modules/import/curated-seed.js';

export interface TestNeo4j extends TestConnection {
  kind: 'external' | 'testcontainers' | 'embedded';
  stop(): Promise<void>;
}

/**
 * The statement timeout of every test connection. Far above what the slowest statement takes on
 * a busy machine (seconds), so no test that is not about timeouts can meet one; the tests about
 * timeouts set their own.
 */
export const TEST_QUERY_TIMEOUT_MS = 120_000;

/** A cheap check: DOCKER_HOST or the default socket, then GET /_ping with a short timeout. */
async function dockerEngineAnswers(): Promise<boolean> {
  const host = process.env.DOCKER_HOST;
  const socketPath = host?.startsWith('unix://') ? host.slice('unix://'.length) : host ? undefined : '/var/run/docker.sock';
  if (!host && !existsSync('/var/run/docker.sock')) return false;
  const target = socketPath
    ? { socketPath }
    : (() => {
        const url = new URL((host ?? '').replace(/^tcp:/, 'http:'));
        return { host: url.hostname, port: Number(url.port || 2375) };
      })();
  return new Promise((resolve) => {
    const req = request({ ...target, path: '/_ping', method: 'GET', timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

async function startContainer(): Promise<TestNeo4j> {
  const { Neo4jContainer } = await import('@testcontainers/neo4j');
  const container = await new Neo4jContainer('neo4j:5.26-community').withPassword('test-password').start();
  return {
    kind: 'testcontainers',
    uri: container.getBoltUri(),
    user: container.getUsername(),
    password: container.getPassword(),
    stop: async () => {
      await container.stop();
    },
  };
}

async function startEmbedded(): Promise<TestNeo4j> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cdg-neo4j-test-'));
  const embedded = await startEmbeddedNeo4j({ dataDir, port: 0, heap: '768m', pageCache: '128m', txTimeoutSeconds: 600 });
  return {
    kind: 'embedded',
    uri: embedded.uri,
    user: 'neo4j',
    txLogDir: path.join(dataDir, 'data', 'transactions', 'neo4j'),
    stop: async () => {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** `count` Neo4j instances (one when NEO4J_URI names the database to use). */
export async function startNeo4jForTests(count: number): Promise<TestNeo4j[]> {
  if (process.env.NEO4J_URI) {
    return [
      {
        kind: 'external',
        uri: process.env.NEO4J_URI,
        user: process.env.NEO4J_USER ?? 'neo4j',
        password: process.env.NEO4J_PASSWORD,
        stop: async () => {},
      },
    ];
  }
  const docker = await dockerEngineAnswers();
  // Built once here (Maven on a first run), not by each instance racing to do it.
  if (!docker) ensureLauncherBuilt();
  const started = await Promise.allSettled(Array.from({ length: count }, () => (docker ? startContainer() : startEmbedded())));
  const instances = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(instances.map((i) => i.stop()));
    throw failed.reason;
  }
  return instances;
}

export interface TestConnection {
  uri: string;
  user: string;
  password?: string;
  /** The database's transaction log folder, when the files are on this machine (embedded). */
  txLogDir?: string;
}

/** A Database on one test Neo4j, with the test statement timeout. */
export function openTestDatabase(connection: TestConnection): Database {
  return new Database(createDriver(connection), { database: 'neo4j', timeoutMs: TEST_QUERY_TIMEOUT_MS });
}

/**
 * A mark that moves with every committed write: the transaction log files' names and last
 * modification times (every commit appends to the log before it is acknowledged; reads never
 * touch it). Neo4j Community does not report its last committed transaction id (SHOW DATABASE
 * gives null), so without the log files at hand every call gives a new mark: always reset.
 */
export async function writeMark(connection: TestConnection): Promise<string> {
  if (!connection.txLogDir) return `unknown-${process.hrtime.bigint()}`;
  const logs = (await readdir(connection.txLogDir)).filter((name) => name.startsWith('neostore.transaction.db')).sort();
  const times = await Promise.all(logs.map(async (name) => (await stat(path.join(connection.txLogDir!, name), { bigint: true })).mtimeNs));
  return logs.map((name, i) => `${name}@${times[i]}`).join(',');
}

/**
 * Puts a database back to exactly the curated seed: every node and relationship removed, the seed
 * and its documents loaded, then the full-text indexes rebuilt from the loaded graph. Returns the
 * write mark that marks it clean.
 */
export async function resetToSeed(db: Database, connection: TestConnection): Promise<string> {
  const runner = db.observed(() => {});
  await runStatement(db, 'MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS'); // a test may have written many thousands of nodes
  await applySchema(runner);
  await loadCuratedSeed(runner);
  // Full-text scores count deleted documents until Lucene merges its segments, and when it merges
  // depends on timing; the seed load itself updates documents. Indexes populated from the loaded
  // graph hold no deleted documents, so every reset scores search exactly alike, whatever ran before.
  for (const index of await fullTextIndexes(db)) await runStatement(db, `DROP INDEX \`${index}\``);
  await applySchema(runner);
  return writeMark(connection);
}

/** The names of the database's full-text indexes (names come from the database, not from input). */
async function fullTextIndexes(db: Database): Promise<string[]> {
  const { records } = await db.driver.executeQuery('SHOW FULLTEXT INDEXES YIELD name', {}, { database: 'neo4j' });
  return records.map((record) => String(record.get('name')));
}

async function runStatement(db: Database, statement: string): Promise<void> {
  const session = db.driver.session({ database: 'neo4j' });
  try {
    await session.run(statement, {}, { timeout: TEST_QUERY_TIMEOUT_MS });
  } finally {
    await session.close();
  }
}
