/**
 * What clients see when something goes wrong, decided by the error's type (src/errors.ts).
 * AppErrors keep their code; the database's own two (DATABASE_UNAVAILABLE, QUERY_TIMEOUT,
 * translated from driver errors where statements run) also get the request id and are logged;
 * anything else is masked as INTERNAL_SERVER_ERROR with the request id, and logged in full.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import { AppError, DatabaseUnavailableError, ErrorCode, QueryTimeoutError } from '../errors.js';
import type { Logger } from '../logger.js';

/** Neo4j cannot be reached (statements translate driver errors, src/db/driver-errors.ts). */
export const isDatabaseUnavailable = (error: unknown): error is DatabaseUnavailableError => error instanceof DatabaseUnavailableError;

export const isTimeout = (error: unknown): error is QueryTimeoutError => error instanceof QueryTimeoutError;

/** What clients read for the two errors that are the database's, not theirs. */
const MESSAGES: Partial<Record<ErrorCode, string>> = {
  DATABASE_UNAVAILABLE: 'The graph database is unavailable; try again shortly.',
  QUERY_TIMEOUT: 'The query took longer than the database allows (NEO4J_QUERY_TIMEOUT_MS); narrow it down.',
};

/**
 * An Armor onReject hook: marks the refusal of one document limit (depth, aliases, directives,
 * tokens) with QUERY_LIMIT_EXCEEDED and the limit's name and maximum, on the error Armor then
 * raises (yoga keeps a code already set). Classification then reads the code, not the wording.
 */
export function tagLimit(limit: string, maximum: number): (context: unknown, error: GraphQLError) => void {
  return (_context, error) => {
    Object.assign(error.extensions, { code: ErrorCode.QUERY_LIMIT_EXCEEDED, limit, maximum });
  };
}

export type ErrorObserver = (code: string) => void;

export function classify(error: GraphQLError, requestId: string, logger: Logger): GraphQLError {
  const original = error.originalError;
  if (original instanceof DatabaseUnavailableError || original instanceof QueryTimeoutError) {
    logger.warn(
      { requestId, err: original, path: error.path },
      original.code === ErrorCode.QUERY_TIMEOUT ? 'query timed out' : 'graph database unavailable',
    );
    return new GraphQLError(MESSAGES[original.code] ?? original.message, {
      nodes: error.nodes,
      path: error.path,
      extensions: { code: original.code, requestId },
    });
  }
  // Every AppError (and any error that already has a code) surfaces as it is.
  if (error.extensions?.code || original instanceof AppError) return error;
  // Errors without an original error come from parsing/validation of the client's document.
  if (!original) return error;
  if (original instanceof GraphQLError) {
    // A GraphQLError is a message written for clients (e.g. a variable that does not coerce).
    const extensions = original.extensions?.code ? original.extensions : { ...original.extensions, code: ErrorCode.BAD_USER_INPUT };
    return new GraphQLError(error.message, { nodes: error.nodes, path: error.path, extensions });
  }
  logger.error({ requestId, err: original, path: error.path }, 'unexpected error');
  return new GraphQLError(`Unexpected error. Quote request id ${requestId} when reporting it.`, {
    nodes: error.nodes,
    path: error.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
  });
}

export function useErrorClassification(logger: Logger, observe: ErrorObserver = () => {}): Plugin<Context> {
  return {
    onExecute() {
      return {
        onExecuteDone({ args, result, setResult }) {
          if (!('errors' in result) || !result.errors?.length) return;
          const context = args.contextValue as Context;
          const errors = result.errors.map((e) => classify(e, context.requestId, context.logger ?? logger));
          for (const e of errors) observe(String(e.extensions?.code ?? 'UNKNOWN'));
          setResult({ ...result, errors });
        },
      };
    },
    onResultProcess({ result, setResult }) {
      // Parse and validation errors never reach execution: give them a code here. The document
      // limits already carry theirs (tagged where Armor refuses, tagLimit below).
      if (Array.isArray(result) || !result || typeof result !== 'object' || !('errors' in result) || !result.errors?.length) return;
      // A result without data never ran: its errors were not counted in onExecuteDone.
      const beforeExecution = !('data' in result);
      const errors = result.errors.map((e) => {
        const error = e as GraphQLError;
        const existing = error.extensions?.code;
        if (existing) {
          // Refusals before execution (limits, the load gate) were not counted in onExecuteDone.
          if (beforeExecution && (existing === ErrorCode.QUERY_LIMIT_EXCEEDED || existing === ErrorCode.OVERLOADED)) observe(existing);
          return e;
        }
        observe('GRAPHQL_VALIDATION_FAILED');
        return new GraphQLError(e.message, {
          nodes: error.nodes,
          positions: error.positions,
          source: error.source,
          path: error.path,
          extensions: { ...error.extensions, code: 'GRAPHQL_VALIDATION_FAILED' },
        });
      });
      setResult({ ...result, errors });
    },
  };
}
