/**
 * HTTP-level protections that run before GraphQL: request body size, per-client rate limit,
 * security headers. Refusals are JSON in the GraphQL error shape with a code naming the limit.
 */
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { AppError, ErrorCode, HTTP_STATUS } from '../errors.js';
import type { Limits } from '../limits.js';

function refusal(status: number, code: string, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code, ...extra } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** 413 for bodies over MAX_BODY_BYTES, whether or not the client declared the length. */
export function useBodyLimit(limits: Pick<Limits, 'maxBodyBytes' | 'maxImportBytes'>): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (request.method !== 'POST' && request.method !== 'PUT' && request.method !== 'PATCH') return;
      const isImport = url.pathname.replace(/\/+$/, '') === '/import';
      const max = isImport ? limits.maxImportBytes : limits.maxBodyBytes;
      const limitName = isImport ? 'MAX_IMPORT_BYTES' : 'MAX_BODY_BYTES';
      const declared = request.headers.get('content-length');
      const tooLarge = () =>
        endResponse(
          refusal(413, 'PAYLOAD_TOO_LARGE', `The request body is over the limit of ${max} bytes (${limitName}).`, {
            limit: limitName,
            maximum: max,
          }),
        );
      if (declared !== null) {
        if (Number(declared) > max) tooLarge();
        return;
      }
      // Chunked bodies: count what a copy of the stream carries, stopping past the limit.
      const reader = request.clone().body?.getReader();
      if (!reader) return;
      let total = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        total += value.byteLength;
        if (total > max) {
          await reader.cancel();
          tooLarge();
          return;
        }
      }
    },
  };
}

/** A token bucket per client: RATE_LIMIT_PER_MINUTE requests, refilled continuously. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updated: number }>();

  constructor(
    readonly perMinute: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait, or 0 when the request may go ahead (and a token is taken). */
  take(client: string): number {
    const capacity = this.perMinute();
    if (capacity <= 0) return 0;
    const now = this.now();
    const refillPerMs = capacity / 60_000;
    const bucket = this.buckets.get(client) ?? { tokens: capacity, updated: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updated) * refillPerMs);
    bucket.updated = now;
    this.buckets.set(client, bucket);
    if (this.buckets.size > 100_000) this.forgetIdle(now, refillPerMs, capacity);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / refillPerMs / 1000);
  }

  /** What a client has left, for the RateLimit-* headers (after take()). */
  status(client: string): { limit: number; remaining: number; resetSeconds: number } | null {
    const capacity = this.perMinute();
    const bucket = this.buckets.get(client);
    if (capacity <= 0 || !bucket) return null;
    const refillPerMs = capacity / 60_000;
    return {
      limit: capacity,
      remaining: Math.max(0, Math.floor(bucket.tokens)),
      resetSeconds: Math.ceil((capacity - bucket.tokens) / refillPerMs / 1000),
    };
  }

  private forgetIdle(now: number, refillPerMs: number, capacity: number) {
    for (const [key, b] of this.buckets) if (b.tokens + (now - b.updated) * refillPerMs >= capacity) this.buckets.delete(key);
  }
}

/** Who is asking: the token subject if authenticated, else the client address. */
export type ClientKey = (request: Request, serverContext: Record<string, unknown>) => string;

export function clientAddress(trustProxy: boolean): ClientKey {
  return (request, serverContext) => {
    if (trustProxy) {
      const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
      if (forwarded) return forwarded;
    }
    const req = serverContext.req as { socket?: { remoteAddress?: string } } | undefined;
    return req?.socket?.remoteAddress ?? 'local';
  };
}

/** Headers a browser client may read across origins (CORS `Access-Control-Expose-Headers`). */
export const EXPOSED_HEADERS = [
  'x-request-id',
  'x-cypher-statements',
  'retry-after',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'ratelimit-policy',
];

/**
 * Conservative headers on every response. HTML pages (the playground) set no policy here, and
 * a response that brings its own policy (the playground's files) keeps it.
 */
export function useSecurityHeaders(): Plugin {
  return {
    onResponse({ response }) {
      response.headers.set('x-content-type-options', 'nosniff');
      response.headers.set('referrer-policy', 'no-referrer');
      response.headers.set('x-frame-options', 'DENY');
      response.headers.set('cross-origin-resource-policy', 'same-site');
      if (!response.headers.get('content-type')?.startsWith('text/html') && !response.headers.has('content-security-policy')) {
        response.headers.set('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
      }
    },
  };
}

/**
 * CSRF prevention for browser requests, by yoga's maintained plugin: a POST a page on another
 * site could send without a CORS preflight (a "simple" content type, or none) must carry
 * x-graphql-csrf-token (or apollo-require-preflight). JSON POSTs always trigger a preflight, so
 * they pass. GETs are left alone: they cannot run mutations (yoga refuses them), and persisted
 * GETs are how caches and links read. The refusal keeps its code, CSRF_PREVENTED (HTTP 403).
 */
export function useCsrfPrevention(): Plugin {
  const prevention = useCSRFPrevention({ requestHeaders: ['x-graphql-csrf-token', 'apollo-require-preflight'] });
  return {
    onRequestParse(payload) {
      if (payload.request.method !== 'POST') return;
      try {
        return prevention.onRequestParse?.(payload);
      } catch {
        throw new AppError(
          ErrorCode.CSRF_PREVENTED,
          'POST requests must be JSON (content-type: application/json) or carry an x-graphql-csrf-token header, so other sites cannot forge them.',
          { http: { status: HTTP_STATUS.CSRF_PREVENTED } },
        );
      }
    },
  };
}

/** Deepest nesting of lists and objects allowed in `variables` and `extensions`. */
export const MAX_PARAMS_DEPTH = 64;

/** How deeply a parsed JSON value nests (iterative: a deep value cannot overflow the stack here). */
export function jsonDepth(value: unknown, stopAt = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    const here = depth + 1;
    if (here > deepest) deepest = here;
    if (deepest > stopAt) return deepest;
    for (const child of Array.isArray(current) ? current : Object.values(current)) stack.push([child, here]);
  }
  return deepest;
}

/**
 * GET /graphql?query=...&variables=...: `variables` and `extensions` must be JSON objects. A
 * malformed one is the client's mistake (400 BAD_REQUEST), not an internal error. For every
 * method, `variables` and `extensions` nested more than MAX_PARAMS_DEPTH deep are refused (400)
 * before anything walks them: a list nested 20,000 deep overflowed the stack of code that
 * serialises variables (an INTERNAL_SERVER_ERROR).
 */
export function useQueryStringCheck(): Plugin {
  return {
    onParams({ params }) {
      for (const name of ['variables', 'extensions'] as const) {
        if (jsonDepth(params[name], MAX_PARAMS_DEPTH) > MAX_PARAMS_DEPTH) {
          throw createGraphQLError(`The ${name} nest lists or objects more than ${MAX_PARAMS_DEPTH} deep.`, {
            extensions: { code: 'BAD_REQUEST', argument: name, http: { status: 400 } },
          });
        }
      }
    },
    onRequest({ request, url, endResponse }) {
      if (request.method !== 'GET' || url.pathname.replace(/\/+$/, '') !== '/graphql') return;
      for (const name of ['variables', 'extensions']) {
        const text = url.searchParams.get(name);
        if (text === null || text === '') continue;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          value = undefined;
        }
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
          endResponse(refusal(400, 'BAD_REQUEST', `The ${name} parameter must be a JSON object.`, { argument: name }));
          return;
        }
      }
    },
  };
}
