/**
 * Brings up the Neo4j the service uses, one way or the other, and hands back a Database:
 * NEO4J_URI when set (a server, Aura, a cluster through neo4j://), else the embedded default.
 */
import type { Env } from '../env.js';
import type { Logger } from '../logger.js';
import { createDriver, verifyConnection, type Neo4jConnection } from './driver.js';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from './embedded.js';
import { Database } from './query.js';

export interface Neo4jHandle {
  db: Database;
  /** Where the service connected, for logs (never includes the password). */
  uri: string;
  embedded?: EmbeddedNeo4j;
  close(): Promise<void>;
}

export async function connectNeo4j(env: Env, logger: Logger): Promise<Neo4jHandle> {
  let embedded: EmbeddedNeo4j | undefined;
  let connection: Neo4jConnection;
  if (env.NEO4J_URI) {
    connection = { uri: env.NEO4J_URI, user: env.NEO4J_USER, password: env.NEO4J_PASSWORD, maxPoolSize: env.NEO4J_MAX_POOL_SIZE };
  } else {
    const started = performance.now();
    embedded = await startEmbeddedNeo4j({
      dataDir: env.NEO4J_EMBEDDED_DATA_DIR,
      port: env.NEO4J_EMBEDDED_PORT,
      heap: env.NEO4J_EMBEDDED_HEAP,
      pageCache: env.NEO4J_EMBEDDED_PAGE_CACHE,
      txTimeoutSeconds: Math.ceil(env.NEO4J_QUERY_TIMEOUT_MS / 1000) * 6,
      onProgress: (message) => logger.info(message),
    });
    logger.info(
      { uri: embedded.uri, pid: embedded.pid, dataDir: env.NEO4J_EMBEDDED_DATA_DIR, startupMs: Math.round(performance.now() - started) },
      'embedded Neo4j is ready',
    );
    connection = { uri: embedded.uri, user: 'neo4j', maxPoolSize: env.NEO4J_MAX_POOL_SIZE };
  }

  const driver = createDriver(connection);
  try {
    await verifyConnection(driver, connection, env.NEO4J_DATABASE);
  } catch (error) {
    await driver.close();
    await embedded?.stop();
    throw error;
  }
  const db = new Database(driver, { database: env.NEO4J_DATABASE, timeoutMs: env.NEO4J_QUERY_TIMEOUT_MS });
  return {
    db,
    uri: connection.uri,
    embedded,
    async close() {
      await db.close();
      await embedded?.stop();
    },
  };
}
