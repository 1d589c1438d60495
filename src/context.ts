/** The per-request context: a statement-counting query runner and the request's loaders. */
import type { Logger } from './logger.js';
import type { Database, QueryRunner } from './db/query.js';
import { createLoaders, type BatchObserver, type Loaders } from './loaders.js';

export interface Context {
  requestId: string;
  logger: Logger;
  /** Runs Cypher for this request and counts its statements (see the x-cypher-statements header). */
  cypher: QueryRunner;
  loaders: Loaders;
}

export function createContext(db: Database, logger: Logger, requestId: string, onBatch?: BatchObserver): Context {
  const cypher = db.observed(() => {});
  return {
    requestId,
    logger: logger.child({ requestId }),
    cypher,
    loaders: createLoaders(cypher, onBatch),
  };
}
