/**
 * The one error model. Every error a client can act on is an AppError: a stable code, a message
 * written for people, and details. The code alone decides how it surfaces, in one table:
 * `extensions.code` in GraphQL, and the HTTP status for the routes that are not GraphQL
 * (/export, /import) and for refusals before GraphQL runs. yoga passes AppErrors through
 * (they are GraphQLErrors) and masks everything else (logged in full with the request id).
 *
 * Driver errors become AppErrors where statements run (src/db/driver-errors.ts), so the error
 * plugin classifies by type only.
 */
import { GraphQLError } from 'graphql';

export const ErrorCode = {
  NOT_FOUND: 'NOT_FOUND',
  AMBIGUOUS_NAME: 'AMBIGUOUS_NAME',
  INVALID_ID: 'INVALID_ID',
  INVALID_CURSOR: 'INVALID_CURSOR',
  PAGE_SIZE_EXCEEDED: 'PAGE_SIZE_EXCEEDED',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  CONFLICT: 'CONFLICT',
  VERSION_CONFLICT: 'VERSION_CONFLICT',
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  QUERY_TIMEOUT: 'QUERY_TIMEOUT',
  OVERLOADED: 'OVERLOADED',
  QUERY_LIMIT_EXCEEDED: 'QUERY_LIMIT_EXCEEDED',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  RATE_LIMITED: 'RATE_LIMITED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  CSRF_PREVENTED: 'CSRF_PREVENTED',
  BAD_REQUEST: 'BAD_REQUEST',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The HTTP status of each code, where an error decides the status of a whole response. */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  NOT_FOUND: 404,
  AMBIGUOUS_NAME: 400,
  INVALID_ID: 400,
  INVALID_CURSOR: 400,
  PAGE_SIZE_EXCEEDED: 400,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  DATABASE_UNAVAILABLE: 503,
  QUERY_TIMEOUT: 503,
  OVERLOADED: 503,
  QUERY_LIMIT_EXCEEDED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  CSRF_PREVENTED: 403,
  BAD_REQUEST: 400,
  INTERNAL_SERVER_ERROR: 500,
};

/** An error a client can act on: its code says what happened (and its HTTP status). */
export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { code, ...details } });
    this.name = new.target.name;
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.code];
  }
}

/** The name most modules throw: any AppError with a code. */
export class ClientError extends AppError {}

/** Neo4j cannot be reached (or is known to be down): try again shortly. */
export class DatabaseUnavailableError extends AppError {
  constructor(reason: string) {
    super(ErrorCode.DATABASE_UNAVAILABLE, `The graph database is unavailable: ${reason}`);
  }
}

/** A statement ran past its timeout (Neo4j's, or the client's guard just past it). */
export class QueryTimeoutError extends AppError {
  constructor(message = 'The query took longer than the database allows (NEO4J_QUERY_TIMEOUT_MS); narrow it down.') {
    super(ErrorCode.QUERY_TIMEOUT, message);
  }
}

/**
 * Too much expensive work is running or waiting already (the app's load gate, src/http/load-gate.ts):
 * refused at once, before any statement; try again in `retryAfterSeconds`.
 */
export class OverloadedError extends AppError {
  constructor(limit: string, maximum: number, retryAfterSeconds: number) {
    super(ErrorCode.OVERLOADED, `The service is busy with other expensive queries (${limit} ${maximum}); try again shortly.`, {
      limit,
      maximum,
      retryAfter: retryAfterSeconds,
    });
  }
}

/** The JSON body and status of an error answered outside GraphQL (/export, /import, refusals). */
export function errorResponse(error: AppError, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return Response.json(
    { errors: [{ message: error.message, extensions: { ...error.extensions, ...extra } }] },
    { status: error.httpStatus, headers },
  );
}

export const notFound = (what: string, id: string) => new ClientError(ErrorCode.NOT_FOUND, `No ${what} has id "${id}".`, { id });

export const badInput = (argument: string, message: string) =>
  new ClientError(ErrorCode.BAD_USER_INPUT, `${argument}: ${message}`, { argument });
