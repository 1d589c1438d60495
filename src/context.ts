/** The per-request context: a statement-counting query runner and the request's loaders. */
import type { Logger } from './logger.js';
import type { Database, QueryRunner, StatementObserver } from './db/query.js';
import type { Principal } from './auth/auth.js';
import type { ResponseCacheControl } from './cache.js';
import type { Loaders } from './loaders.js';

export interface Context {
  requestId: string;
  logger: Logger;
  /** Runs Cypher for this request and counts its statements (see the x-cypher-statements header). */
  cypher: QueryRunner;
  loaders: Loaders;
  /** Who is asking (null when no token was sent). */
  principal: Principal | null;
  /** Writes invalidate cached reads through it. */
  cache: ResponseCacheControl;
}

export interface ContextInput {
  db: Database;
  logger: Logger;
  requestId: string;
  principal: Principal | null;
  cache: ResponseCacheControl;
  /** Builds the request's loaders over its runner (app.ts wires each module's). */
  createLoaders: (cypher: QueryRunner) => Loaders;
  /** Makes an observer told of every statement this request runs (tracing). */
  onStatement?: (context: () => Context) => StatementObserver;
}

export function createContext({ db, logger, requestId, principal, cache, createLoaders, onStatement }: ContextInput): Context {
  let context: Context;
  const observer = onStatement?.(() => context);
  const cypher = db.observed(observer ?? (() => {}));
  context = {
    requestId,
    logger: logger.child({ requestId, ...(principal ? { subject: principal.subject } : {}) }),
    cypher,
    loaders: createLoaders(cypher),
    principal,
    cache,
  };
  return context;
}
