/**
 * What clients see when something goes wrong. Errors they can act on keep their code. The
 * graph database being unreachable becomes DATABASE_UNAVAILABLE, a Neo4j timeout QUERY_TIMEOUT;
 * anything else is masked as INTERNAL_SERVER_ERROR with the request id, and logged in full.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import { DatabaseUnavailableError } from '../db/health.js';
import { ErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';

const UNAVAILABLE_DRIVER_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);

export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | undefined;
  if (!e) return false;
  if (UNAVAILABLE_DRIVER_CODES.has(e.code ?? '')) return true;
  if (e instanceof DatabaseUnavailableError) return true;
  return /Connection acquisition timed out|Failed to connect to server|ECONNREFUSED|Pool is closed/.test(e.message ?? '');
}

export function isTimeout(error: unknown): boolean {
  return /TransactionTimedOut|TransactionTimedOutClientConfiguration/.test((error as { code?: string })?.code ?? '');
}

export type ErrorObserver = (code: string) => void;

export function classify(error: GraphQLError, requestId: string, logger: Logger): GraphQLError {
  if (error.extensions?.code) return error;
  const original = error.originalError;
  // Errors without an original error come from parsing/validation of the client's document.
  if (!original) return error;
  if (original instanceof GraphQLError) {
    // A GraphQLError is a message written for clients (e.g. a variable that does not coerce).
    const extensions = original.extensions?.code ? original.extensions : { ...original.extensions, code: ErrorCode.BAD_USER_INPUT };
    return new GraphQLError(error.message, { nodes: error.nodes, path: error.path, extensions });
  }
  if (isDatabaseUnavailable(original)) {
    logger.warn({ requestId, err: original, path: error.path }, 'graph database unavailable');
    return new GraphQLError('The graph database is unavailable; try again shortly.', {
      nodes: error.nodes,
      path: error.path,
      extensions: { code: ErrorCode.DATABASE_UNAVAILABLE, requestId },
    });
  }
  if (isTimeout(original)) {
    logger.warn({ requestId, err: original, path: error.path }, 'query timed out');
    return new GraphQLError('The query took longer than the database allows (NEO4J_QUERY_TIMEOUT_MS); narrow it down.', {
      nodes: error.nodes,
      path: error.path,
      extensions: { code: 'QUERY_TIMEOUT', requestId },
    });
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
      // Parse and validation errors (including the document limits, which Armor raises while
      // parsing or validating) never reach execution: give them a code here.
      if (Array.isArray(result) || !result || typeof result !== 'object' || !('errors' in result) || !result.errors?.length) return;
      const errors = result.errors.map((e) => {
        const limit = /\b(depth|alias(?:es)?|directives?|tokens?|cost)\b[^.]*limit of (\d+)/i.exec(e.message);
        const existing = (e as GraphQLError).extensions?.code;
        if (existing && !(limit && existing === 'GRAPHQL_PARSE_FAILED')) return e;
        const code = limit ? 'QUERY_LIMIT_EXCEEDED' : 'GRAPHQL_VALIDATION_FAILED';
        observe(code);
        const error = e as GraphQLError;
        return new GraphQLError(e.message, {
          nodes: error.nodes,
          positions: error.positions,
          source: error.source,
          path: error.path,
          extensions: { ...error.extensions, code },
        });
      });
      setResult({ ...result, errors });
    },
  };
}
