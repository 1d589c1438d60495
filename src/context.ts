/** The per-request context: a statement-counting query runner and, later, the loaders. */
import type { Logger } from './logger.js';
import type { Database, QueryRunner } from './db/query.js';

export interface Context {
  requestId: string;
  logger: Logger;
  /** Runs Cypher for this request and counts its statements (see the x-cypher-statements header). */
  cypher: QueryRunner;
}

export function createContext(db: Database, logger: Logger, requestId: string): Context {
  return {
    requestId,
    logger: logger.child({ requestId }),
    cypher: db.observed(() => {}),
  };
}
