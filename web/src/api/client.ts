/**
 * The one API module: every request of the explorer goes through `request()`. It knows the
 * endpoint, sends named operations, caches answers for back/forward navigation, and turns
 * GraphQL errors into ApiError with the server's `extensions.code`. Views never build URLs or
 * parse error bodies themselves. With an access token stored (token.ts), every request carries it.
 */
import { authorizationHeader, readToken } from './token';

/** A GraphQL operation document with the types of its answer and variables. */
export interface Operation<TData, TVariables extends Record<string, unknown> = Record<string, never>> {
  readonly name: string;
  readonly document: string;
  /** Phantom fields so TypeScript can infer TData/TVariables from the constant. */
  readonly __types?: { data: TData; variables: TVariables };
}

/** Declares an operation; the name is read from the document (`query Name`). */
export function operation<TData, TVariables extends Record<string, unknown> = Record<string, never>>(
  document: string,
): Operation<TData, TVariables> {
  const name = /\b(?:query|mutation)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(document)?.[1];
  if (!name) throw new Error('Every explorer operation is named');
  return { name, document: document.trim() };
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly requestId: string | null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** A sentence for the page, with the request id to quote when the server failed. */
  get forPeople(): string {
    switch (this.code) {
      case 'NOT_FOUND':
        return 'Nothing by that name in the graph.';
      case 'RATE_LIMITED':
        return 'Too many requests; wait a moment and try again.';
      case 'DATABASE_UNAVAILABLE':
        return 'The database is not answering right now; try again shortly.';
      case 'NETWORK':
        return 'The service cannot be reached.';
      case 'UNAUTHENTICATED':
        return 'This service needs an access token: enter one under "Access token" at the top of the page.';
      case 'FORBIDDEN':
        return 'The access token does not allow this.';
      default:
        return this.requestId ? `${this.message} (request ${this.requestId})` : this.message;
    }
  }
}

export const ENDPOINT = '/graphql';

const cache = new Map<string, Promise<unknown>>();
const CACHE_LIMIT = 200;

/** Forgets every cached answer (e.g. after the access token changes). */
export function clearCache(): void {
  cache.clear();
}

/** Runs an operation; identical requests share one answer for this page's lifetime. */
export function request<TData, TVariables extends Record<string, unknown>>(
  op: Operation<TData, TVariables>,
  variables: TVariables,
): Promise<TData> {
  const key = `${op.name}\u0000${JSON.stringify(variables)}`;
  const hit = cache.get(key);
  if (hit) return hit as Promise<TData>;
  const pending = send(op, variables);
  cache.set(key, pending);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  pending.catch(() => cache.delete(key));
  return pending;
}

async function send<TData>(op: Operation<TData, any>, variables: Record<string, unknown>): Promise<TData> {
  let response: Response;
  try {
    response = await fetch(ENDPOINT, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...authorizationHeader(readToken()),
      },
      body: JSON.stringify({ query: op.document, operationName: op.name, variables }),
    });
  } catch (error) {
    throw new ApiError((error as Error).message, 'NETWORK', null);
  }
  const requestId = response.headers.get('x-request-id');
  let body: { data?: TData | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The service answered ${response.status} without JSON`, `HTTP_${response.status}`, requestId);
  }
  const first = body.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code ?? 'INTERNAL_SERVER_ERROR', requestId);
  if (!body.data) throw new ApiError('The service answered without data', 'INTERNAL_SERVER_ERROR', requestId);
  return body.data;
}

/** What "show query" displays: the operation text with the variables it was run with. */
export function operationText(op: Operation<unknown, any>, variables?: Record<string, unknown>): string {
  const vars =
    variables && Object.keys(variables).length ? `\n\n# variables\n${JSON.stringify(variables, null, 2).replace(/^/gm, '# ')}` : '';
  return op.document + vars;
}
