/**
 * Errors a client can act on. Each carries a stable `extensions.code`; yoga passes GraphQLErrors
 * through and masks everything else (logged in full with the request id).
 */
import { GraphQLError } from 'graphql';

export const ErrorCode = {
  NOT_FOUND: 'NOT_FOUND',
  AMBIGUOUS_NAME: 'AMBIGUOUS_NAME',
  INVALID_ID: 'INVALID_ID',
  INVALID_CURSOR: 'INVALID_CURSOR',
  PAGE_SIZE_EXCEEDED: 'PAGE_SIZE_EXCEEDED',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  QUERY_LIMIT_EXCEEDED: 'QUERY_LIMIT_EXCEEDED',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class ClientError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...details } });
  }
}

export const notFound = (what: string, id: string) => new ClientError(ErrorCode.NOT_FOUND, `No ${what} has id "${id}".`, { id });

export const badInput = (argument: string, message: string) =>
  new ClientError(ErrorCode.BAD_USER_INPUT, `${argument}: ${message}`, { argument });
