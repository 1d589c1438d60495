/**
 * One access rule for every path that reads or writes the graph (GraphQL, persisted GETs,
 * /export, /import, and any route added later): it runs before all of them.
 *
 * - A bearer token that does not verify is refused with 401, on every path.
 * - Without a token, requests are refused with 401 when READS_PUBLIC=false.
 * - The rate limit keys on the authenticated principal when there is one, else on the client
 *   address (so one user behind a shared address is counted as themselves, and a token cannot
 *   be used from many addresses to multiply its budget).
 *
 * Only /health, /ready and /metrics (operational, no graph data) and CORS preflights skip it.
 * The principal found here is the one the GraphQL context and /import use.
 */
import type { Plugin } from 'graphql-yoga';
import { AuthError, type Authenticator, type Principal } from '../auth/auth.js';
import { ErrorCode } from '../errors.js';
import type { ClientKey, RateLimiter } from './security.js';

export const OPEN_PATHS = new Set(['/health', '/ready', '/metrics']);

export interface AccessDeps {
  authenticator: Authenticator;
  limiter: RateLimiter;
  clientAddress: ClientKey;
}

function refusal(status: number, code: string, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code, ...extra } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

export class AccessRule {
  private readonly principals = new WeakMap<Request, Principal | null>();
  /** The rate-limit bucket each request was counted in, for its RateLimit-* headers. */
  private readonly buckets = new WeakMap<Request, string>();

  constructor(private readonly deps: AccessDeps) {}

  /** The principal the rule found for this request (null: anonymous). */
  async principalOf(request: Request): Promise<Principal | null> {
    if (this.principals.has(request)) return this.principals.get(request) ?? null;
    // Not seen by the plugin (an open path): authenticate now; bad tokens throw AuthError.
    return this.deps.authenticator.authenticate(request.headers.get('authorization'));
  }

  plugin(): Plugin {
    return {
      // Every limited response says where the client stands, in the IETF draft's
      // RateLimit-Limit / -Remaining / -Reset (seconds until the bucket is full) and -Policy.
      onResponse: ({ request, response }) => {
        const bucket = this.buckets.get(request);
        const status = bucket === undefined ? null : this.deps.limiter.status(bucket);
        if (!status) return;
        response.headers.set('ratelimit-limit', String(status.limit));
        response.headers.set('ratelimit-remaining', String(status.remaining));
        response.headers.set('ratelimit-reset', String(status.resetSeconds));
        response.headers.set('ratelimit-policy', `${status.limit};w=60`);
      },
      onRequest: async ({ request, url, serverContext, endResponse }) => {
        if (request.method === 'OPTIONS') return;
        const path = url.pathname.replace(/\/+$/, '') || '/';
        if (OPEN_PATHS.has(path)) return;
        const address = this.deps.clientAddress(request, serverContext as Record<string, unknown>);
        let principal: Principal | null;
        try {
          principal = await this.deps.authenticator.authenticate(request.headers.get('authorization'));
        } catch (error) {
          if (!(error instanceof AuthError)) throw error;
          // Bad tokens count against the address, so guessing is rate limited too.
          const limited = this.rateLimited(request, `address:${address}`);
          endResponse(limited ?? refusal(401, ErrorCode.UNAUTHENTICATED, error.message, {}, { 'www-authenticate': 'Bearer' }));
          return;
        }
        const limited = this.rateLimited(request, principal ? `principal:${principal.via}:${principal.subject}` : `address:${address}`);
        if (limited) {
          endResponse(limited);
          return;
        }
        if (!principal && !this.deps.authenticator.config.readsPublic) {
          endResponse(
            refusal(
              401,
              ErrorCode.UNAUTHENTICATED,
              'This service needs a bearer token for every request (READS_PUBLIC=false).',
              {},
              { 'www-authenticate': 'Bearer' },
            ),
          );
          return;
        }
        this.principals.set(request, principal);
      },
    };
  }

  private rateLimited(request: Request, key: string): Response | null {
    this.buckets.set(request, key);
    const wait = this.deps.limiter.take(key);
    if (wait <= 0) return null;
    const perMinute = this.deps.limiter.perMinute();
    return refusal(
      429,
      'RATE_LIMITED',
      `Too many requests: the limit is ${perMinute} per minute per client (RATE_LIMIT_PER_MINUTE). Retry in ${wait} s.`,
      { limit: 'RATE_LIMIT_PER_MINUTE', maximum: perMinute, retryAfterSeconds: wait },
      { 'retry-after': String(wait) },
    );
  }
}
