/**
 * The service: configuration -> Neo4j (external or embedded) -> schema and seed -> HTTP.
 * SIGINT/SIGTERM stop accepting connections, let in-flight requests finish, close the driver
 * and stop the embedded Neo4j, in that order.
 */
import { EventEmitter } from 'node:events';
import { Server as NetServer, createServer as createNetServer } from 'node:net';
import { createApp } from './app.js';
import { connectNeo4j, type Neo4jHandle } from './db/neo4j.js';
import { applySchema } from './db/schema.js';
import { ConfigError, loadEnv, type Env } from './env.js';
import { isTimeout } from './http/errors.plugin.js';
import { createHttpServer } from './http/server.js';
import { startTracing } from './http/tracing.js';
import { createLogger, type Logger } from './logger.js';
import { seedIfNeeded } from './modules/import/curated-seed.js';
import { ensureAggregates } from './modules/aggregates/aggregates.service.js';

async function main(): Promise<void> {
  const startedAt = performance.now();
  let env: Env;
  try {
    env = loadEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger(env.LOG_LEVEL);
  guardProcess(logger);
  // Fail before the slow part (Neo4j) when the HTTP port is taken.
  const portProblem = await portUnavailable(env.HOST, env.PORT);
  if (portProblem) {
    console.error(portProblem);
    process.exit(69);
  }

  let neo4j: Neo4jHandle;
  try {
    neo4j = await connectNeo4j(env, logger);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(69);
  }
  let shuttingDown = false;
  const stopNeo4j = async () => {
    await neo4j.close().catch((error) => logger.error({ err: error }, 'closing Neo4j failed'));
  };
  // Signals during start-up (e.g. Ctrl-C while the seed loads) must still stop the JVM.
  const earlyExit = () => void stopNeo4j().then(() => process.exit(130));
  process.once('SIGINT', earlyExit);
  process.once('SIGTERM', earlyExit);

  const runner = neo4j.db.observed(() => {});
  // On a busy machine a start-up statement can time out; each step is idempotent (a seed load
  // is one transaction, and a second attempt finds the graph populated), so try up to 3 times.
  for (let attempt = 1; ; attempt++) {
    try {
      await applySchema(runner);
      const seeded = await seedIfNeeded(runner, env.SEED_ON_START, logger);
      if (seeded) logger.info(seeded, 'curated seed loaded');
      await ensureAggregates(runner, logger);
      break;
    } catch (error) {
      if (attempt >= 3 || !isTimeout(error)) throw error;
      logger.warn({ err: error, attempt }, 'a start-up statement timed out; trying again');
    }
  }

  const tracing = await startTracing(env.OTEL_EXPORTER_OTLP_ENDPOINT);
  if (tracing) logger.info({ endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT }, 'exporting traces over OTLP');
  const app = createApp({ env, db: neo4j.db, logger, tracing });
  // The query-cost statistics, read before the first request (which would wait up to 2 s for
  // them, so even a refusal of the first burst after a start came late).
  await app.degrees.ensure(app.cache.keyPrefix());
  const server = createHttpServer(app);
  // Requests being served: shutdown stops listening only when none is left.
  let inFlight = 0;
  const settled = new EventEmitter();
  server.on('request', (_req, res) => {
    inFlight++;
    if (shuttingDown) res.setHeader('connection', 'close');
    res.once('close', () => {
      inFlight--;
      if (inFlight === 0) settled.emit('idle');
    });
  });

  await listen(server, env, logger, stopNeo4j);
  process.removeListener('SIGINT', earlyExit);
  process.removeListener('SIGTERM', earlyExit);

  const url = `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${env.PORT}/graphql`;
  logger.info({ url, neo4j: neo4j.uri, startupMs: Math.round(performance.now() - startedAt) }, 'service is ready');
  // A neutral ready line (scripts and tests wait for it): the playground may be off.
  console.log(`Ready: GraphQL at ${url}`);
  if (env.EXPLORER) console.log(`Explorer: ${url.replace(/graphql$/, '')}`);

  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down: draining in-flight requests');
    let timedOut = false;
    let deadline: NodeJS.Timeout | undefined;
    const deadlinePassed = new Promise<void>((resolve) => {
      deadline = setTimeout(() => {
        timedOut = true;
        resolve();
      }, env.SHUTDOWN_DRAIN_MS).unref();
    });
    // Keep listening while requests are in flight: connections whose requests were sent before the
    // signal can still wait in the kernel's accept queue (a busy event loop has not polled yet),
    // and closing the listener would reset them. Each pass ends after a poll phase (an immediate
    // runs after it), so whatever was queued has been accepted and counted; stop only when a pass
    // finds nothing in flight. New requests meanwhile are served and close their connection.
    while (!timedOut) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await new Promise((resolve) => setImmediate(resolve));
      if (inFlight === 0) break;
      await Promise.race([new Promise((resolve) => settled.once('idle', resolve)), deadlinePassed]);
    }
    // Stop accepting connections. net.Server's close, not http.Server's: the latter also drops
    // idle keep-alive connections at once, including ones whose request has arrived but has not
    // been read yet on a busy event loop; those would be reset instead of answered. Keep-alive
    // connections that stay idle close by themselves after keepAliveTimeout.
    const drained = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
    if (!timedOut) await Promise.race([drained, deadlinePassed]);
    clearTimeout(deadline);
    server.closeAllConnections();
    await tracing?.shutdown().catch((error) => logger.warn({ err: error }, 'flushing traces failed'));
    await stopNeo4j();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/**
 * The last line of defence: an error that escapes every handler (a stream, a timer, a library's
 * background task) is logged and the process keeps serving, instead of Node's default of exiting
 * and taking every in-flight request (and the embedded Neo4j) with it. Each route handles its
 * own errors; anything logged here is a bug to fix, counted in the log as such.
 */
function guardProcess(logger: Logger): void {
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled promise rejection; still serving');
  });
  process.on('uncaughtException', (error, origin) => {
    logger.error({ err: error, origin }, 'uncaught exception; still serving');
  });
}

function portUnavailable(host: string, port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const probe = createNetServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      resolve(
        error.code === 'EADDRINUSE'
          ? `Port ${port} on ${host} is already in use; set PORT to a free port.`
          : `Cannot listen on ${host}:${port}: ${error.message}`,
      ),
    );
    probe.listen(port, host, () => probe.close(() => resolve(null)));
  });
}

function listen(server: ReturnType<typeof createHttpServer>, env: Env, logger: Logger, onFail: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    server.once('error', async (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'EADDRINUSE'
          ? `Port ${env.PORT} on ${env.HOST} is already in use; set PORT to a free port.`
          : `Cannot listen on ${env.HOST}:${env.PORT}: ${error.message}`;
      console.error(reason);
      logger.debug({ err: error }, 'listen failed');
      await onFail();
      process.exit(69);
    });
    server.listen(env.PORT, env.HOST, () => resolve());
  });
}

// A failed start-up must end the process (the guard above would otherwise keep a process that
// never listens alive): log why, stop the embedded Neo4j with it (its parent's exit ends it), exit 1.
await main().catch((error: unknown) => {
  console.error(`Start-up failed: ${(error as Error)?.message ?? error}`);
  process.exit(1);
});
