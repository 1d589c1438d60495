/**
 * Brings up the Neo4j the service uses, one way or the other, and hands back a Database:
 * NEO4J_URI when set (a server, Aura, a cluster through neo4j://), else the embedded default.
 */
import type { Env } from '../env.js';
import type { Logger } from '../logger.js';
import { createDriver, verifyConnection, type Neo4jConnection } from './driver.js';
import { startEmbeddedNeo4j, type EmbeddedNeo4j, type EmbeddedOptions } from './embedded.js';
import { Database } from './query.js';

export interface Neo4jHandle {
  db: Database;
  /** Where the service connected, for logs (never includes the password). */
  uri: string;
  /** The embedded Neo4j running now (a new one after each restart). */
  embedded?: () => EmbeddedNeo4j;
  close(): Promise<void>;
}

/** Restart delays after the embedded Neo4j dies: 1 s, doubling up to 30 s, reset once it runs. */
export const RESTART_BACKOFF_MS = { first: 1_000, max: 30_000 };

/**
 * Keeps the embedded Neo4j running: when the JVM exits without stop() (killed, crashed, out
 * of memory), it is started again on the same port and data folder, with backoff, and every
 * step is logged. The driver reconnects by itself; the health monitor sees Neo4j come back.
 */
export class EmbeddedSupervisor {
  private stopping = false;
  private restarts = 0;
  private wake: (() => void) | null = null;

  constructor(
    private current: EmbeddedNeo4j,
    private readonly options: EmbeddedOptions,
    private readonly logger: Logger,
    /** Restart with the quick-start JVM flags (EmbeddedOptions.quickStart): the service is down meanwhile. */
    private readonly quickRestart = true,
  ) {
    this.watch();
  }

  get neo4j(): EmbeddedNeo4j {
    return this.current;
  }

  get restartCount(): number {
    return this.restarts;
  }

  private watch(): void {
    const watched = this.current;
    void watched.exited.then(({ code, signal }) => {
      if (this.stopping || watched !== this.current) return;
      this.logger.error({ pid: watched.pid, code, signal }, 'embedded Neo4j exited unexpectedly; restarting it');
      void this.restart();
    });
  }

  private async restart(): Promise<void> {
    let delay = RESTART_BACKOFF_MS.first;
    for (let attempt = 1; !this.stopping; attempt++) {
      const started = performance.now();
      try {
        const next = await startEmbeddedNeo4j({ ...this.options, quickStart: this.quickRestart || this.options.quickStart });
        if (this.stopping) {
          await next.stop();
          return;
        }
        this.current = next;
        this.restarts++;
        this.logger.info(
          { pid: next.pid, uri: next.uri, attempt, startupMs: Math.round(performance.now() - started) },
          'embedded Neo4j restarted',
        );
        this.watch();
        return;
      } catch (error) {
        this.logger.error({ err: error, attempt, retryInMs: delay }, 'restarting the embedded Neo4j failed; retrying');
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
        delay = Math.min(delay * 2, RESTART_BACKOFF_MS.max);
      }
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.current.stop();
  }
}

export async function connectNeo4j(env: Env, logger: Logger): Promise<Neo4jHandle> {
  let embedded: EmbeddedNeo4j | undefined;
  let supervisor: EmbeddedSupervisor | undefined;
  let connection: Neo4jConnection;
  if (env.NEO4J_URI) {
    connection = { uri: env.NEO4J_URI, user: env.NEO4J_USER, password: env.NEO4J_PASSWORD, maxPoolSize: env.NEO4J_MAX_POOL_SIZE };
  } else {
    const started = performance.now();
    const options: EmbeddedOptions = {
      dataDir: env.NEO4J_EMBEDDED_DATA_DIR,
      port: env.NEO4J_EMBEDDED_PORT,
      heap: env.NEO4J_EMBEDDED_HEAP,
      pageCache: env.NEO4J_EMBEDDED_PAGE_CACHE,
      txTimeoutSeconds: Math.ceil(env.NEO4J_QUERY_TIMEOUT_MS / 1000) * 6,
      onProgress: (message) => logger.info(message),
    };
    embedded = await startEmbeddedNeo4j(options);
    logger.info(
      { uri: embedded.uri, pid: embedded.pid, dataDir: env.NEO4J_EMBEDDED_DATA_DIR, startupMs: Math.round(performance.now() - started) },
      'embedded Neo4j is ready',
    );
    connection = { uri: embedded.uri, user: 'neo4j', maxPoolSize: env.NEO4J_MAX_POOL_SIZE };
    // A restart must come back where the driver points (port 0 picked a free port once).
    supervisor = new EmbeddedSupervisor(
      embedded,
      { ...options, port: Number(new URL(embedded.uri).port) },
      logger,
      env.NEO4J_EMBEDDED_QUICK_RESTART,
    );
  }

  const driver = createDriver(connection);
  try {
    // The embedded JVM has just said it is ready; on a loaded machine its first connections can still be slow.
    await verifyConnection(driver, connection, env.NEO4J_DATABASE, embedded ? 60_000 : 0);
  } catch (error) {
    await driver.close();
    await supervisor?.stop();
    throw error;
  }
  const db = new Database(driver, { database: env.NEO4J_DATABASE, timeoutMs: env.NEO4J_QUERY_TIMEOUT_MS });
  if (supervisor) db.health.watchProcess(() => supervisor.neo4j.pid);
  db.health.start(logger);
  return {
    db,
    uri: connection.uri,
    embedded: supervisor ? () => supervisor.neo4j : undefined,
    async close() {
      await db.close();
      await supervisor?.stop();
    },
  };
}
