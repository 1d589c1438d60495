/** The per-request context: a statement-counting query runner and the request's loaders. */
import type { Logger } from './logger.js';
import type { Database, QueryRunner, StatementObserver } from './db/query.js';
import type { Principal } from './auth/auth.js';
import type { ResponseCacheControl } from './cache.js';
import type { Limits } from './limits.js';
import type { Loaders } from './loaders.js';
import type { DegreeStatistics } from './query-cost.js';

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
  /** The limits of the app serving this request (src/limits.ts). */
  limits: Readonly<Limits>;
  /** The app's degree statistics, for the query-cost estimate (src/query-cost.ts). */
  degrees: DegreeStatistics;
}

export interface ContextInput {
  db: Database;
  logger: Logger;
  requestId: string;
  principal: Principal | null;
  cache: ResponseCacheControl;
  /** Builds the request's loaders over its runner (app.ts wires each module's). */
  createLoaders: (cypher: QueryRunner) => Loaders;
  limits: Readonly<Limits>;
  degrees: DegreeStatistics;
  /** Makes an observer told of every statement this request runs (tracing). */
  onStatement?: (context: () => Context) => StatementObserver;
}

export function createContext({
  db,
  logger,
  requestId,
  principal,
  cache,
  createLoaders,
  limits,
  degrees,
  onStatement,
}: ContextInput): Context {
  let context: Context;
  const observer = onStatement?.(() => context);
  // All of the request's statements share one budget: the query timeout (src/db/query.ts).
  const cypher = db.observed(observer ?? (() => {}), { budgetMs: db.options.timeoutMs });
  context = {
    requestId,
    logger: logger.child({ requestId, ...(principal ? { subject: principal.subject } : {}) }),
    cypher,
    loaders: createLoaders(cypher),
    principal,
    cache,
    limits,
    degrees,
  };
  return context;
}
