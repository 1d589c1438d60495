/**
 * createApp() builds the HTTP application (graphql-yoga) around a Database. It never listens:
 * tests call `app.fetch` in-process, main.ts mounts it on a real port.
 */
import { randomUUID } from 'node:crypto';
import { createYoga, useReadinessCheck, type YogaServerInstance } from 'graphql-yoga';
import { ResponseCacheControl, useReadCache } from './cache.js';
import { createContext, type Context } from './context.js';
import type { Database, QueryRunner } from './db/query.js';
import type { Env } from './env.js';
import type { Logger } from './logger.js';
import { useExport } from './modules/export/export.http.js';
import { loadPersistedOperations, usePersistedNamedOperations } from './persisted-operations.js';
import { schema } from './schema.js';

export interface AppDependencies {
  env: Pick<Env, 'NODE_ENV' | 'GRAPHIQL' | 'NEO4J_DATABASE' | 'CACHE_TTL_MS'>;
  db: Database;
  logger: Logger;
  /** Shared with the write path, which invalidates cached reads. */
  cache?: ResponseCacheControl;
}

export type App = YogaServerInstance<Record<string, unknown>, Context>;

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;

export function createApp({ env, db, logger, cache = new ResponseCacheControl() }: AppDependencies): App {
  const persistedOperations = loadPersistedOperations();
  // The runner of each request, so its statement count can be reported on the response.
  const runners = new WeakMap<Request, QueryRunner>();
  const requestIds = new WeakMap<Request, string>();

  const requestIdOf = (request: Request): string => {
    let id = requestIds.get(request);
    if (!id) {
      const incoming = request.headers.get('x-request-id');
      id = incoming && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
      requestIds.set(request, id);
    }
    return id;
  };

  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    graphiql: env.GRAPHIQL
      ? { title: 'Cyber diplomacy graph', defaultQuery: persistedOperations.get('eu-cyber-direct-partners') }
      : false,
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(' ')),
      info: (...args) => logger.info(args.map(String).join(' ')),
      warn: (...args) => logger.warn(args.map(String).join(' ')),
      error: (...args) => logger.error(args.map(String).join(' ')),
    },
    context: ({ request }) => {
      const context = createContext(db, logger, requestIdOf(request));
      runners.set(request, context.cypher);
      return context;
    },
    plugins: [
      useExport(db, logger),
      usePersistedNamedOperations(persistedOperations),
      ...(env.CACHE_TTL_MS > 0 ? [useReadCache(cache, env.CACHE_TTL_MS)] : []),
      useReadinessCheck({
        endpoint: '/ready',
        check: async () => {
          try {
            await db.driver.executeQuery('RETURN 1', {}, { database: env.NEO4J_DATABASE });
            return true;
          } catch {
            return false;
          }
        },
      }),
      {
        onResponse({ request, response }) {
          response.headers.set('x-request-id', requestIdOf(request));
          // A response served from the read cache ran no statement (and may have no runner).
          response.headers.set('x-cypher-statements', String(runners.get(request)?.statementCount ?? 0));
        },
      },
    ],
  });
}
