/**
 * Driver errors, translated once where statements run (src/db/query.ts): by the Neo4j error
 * code, into the app's error types (src/errors.ts). Everything else passes through unchanged
 * (a constraint violation stays a Neo4jError for the write that expects it).
 */
import { Neo4jError } from 'neo4j-driver';
import { AppError, DatabaseUnavailableError, QueryTimeoutError } from '../errors.js';

/** The driver's codes for a server it cannot reach or a connection it lost. */
const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);
/** Neo4j's codes for a transaction that ran past its timeout (server-side or client-configured). */
const TIMEOUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
]);
/**
 * Two pool errors carry no code at all (the driver creates them with code "N/A"): a connection
 * not acquired in time and a pool already closed. Both mean no connection to Neo4j could be used;
 * the driver's own wording (neo4j-driver-core, internal/pool/pool.js) is the only signal.
 */
const POOL_FAILURES = ['Connection acquisition timed out', 'Pool is closed'];

/** Socket errors, should one reach us unwrapped (the driver wraps them as ServiceUnavailable). */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE']);

/**
 * Whether the connection to Neo4j failed: the driver's ServiceUnavailable or SessionExpired
 * (a refused, reset, closed or timed-out connection), a socket error code, or the pool closed
 * (no code: its wording). A connection not acquired in time is not one: that is the pool busy.
 */
export function isConnectionLost(error: unknown): boolean {
  if (error instanceof Neo4jError) {
    return UNAVAILABLE_CODES.has(error.code) || (error.code === 'N/A' && error.message.startsWith('Pool is closed'));
  }
  const code = (error as NodeJS.ErrnoException | null | undefined)?.code;
  return typeof code === 'string' && SOCKET_CODES.has(code);
}

export function translateDriverError(error: unknown): unknown {
  if (error instanceof AppError || !(error instanceof Neo4jError)) return error;
  if (UNAVAILABLE_CODES.has(error.code)) return withCause(new DatabaseUnavailableError(error.message), error);
  if (TIMEOUT_CODES.has(error.code)) return withCause(new QueryTimeoutError(), error);
  if (error.code === 'N/A' && POOL_FAILURES.some((start) => error.message.startsWith(start))) {
    return withCause(new DatabaseUnavailableError(error.message), error);
  }
  // Neo4j's transient errors (a deadlock, a terminated or interrupted transaction) mean "try
  // again"; the driver has already retried what it retries. Memory-limit refusals stay as they
  // are: an import answers them as too large for one transaction.
  if (error.code.startsWith('Neo.TransientError.') && !isMemoryLimit(error)) {
    return withCause(new DatabaseUnavailableError(`it could not complete this now (${error.code}); try again`), error);
  }
  return error;
}

function withCause<E extends Error>(translated: E, cause: Error): E {
  (translated as { cause?: unknown }).cause = cause;
  return translated;
}

/**
 * Neo4j refusing a transaction for the memory it needs (its codes name the memory limit or pool:
 * Neo.TransientError.General.MemoryPoolOutOfMemoryError, ...TransactionMemoryLimit, ...).
 */
export function isMemoryLimit(error: unknown): boolean {
  return error instanceof Neo4jError && /OutOfMemory|MemoryLimit/.test(error.code);
}
