/**
 * A short-lived cache of public read results, so dashboards can poll cheaply. Any curation
 * write calls invalidateAll(): the generation number is part of every cache key, so all older
 * entries stop matching at once (and expire from memory by their TTL).
 */
import { defaultBuildResponseCacheKey } from '@envelop/response-cache';
import { createInMemoryCache, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import type { Plugin } from 'graphql-yoga';

export class ResponseCacheControl {
  private generation = 0;
  hits = 0;

  invalidateAll(): void {
    this.generation++;
  }

  keyPrefix(): string {
    return `g${this.generation}:`;
  }
}

export function useReadCache(control: ResponseCacheControl, ttlMs: number, onHit: () => void = () => {}): Plugin {
  const cache = createInMemoryCache({ max: 1000 });
  const get = cache.get.bind(cache);
  cache.get = async (key: string) => {
    const hit = await get(key);
    if (hit) {
      control.hits++;
      onHit();
    }
    return hit;
  };
  return useResponseCache({
    // Public reads share one cache; requests with a token (which may see more, e.g. the audit
    // trail) are never cached, so nothing is served to someone it was not meant for.
    session: () => null,
    enabled: (request) => !request.headers.has('authorization'),
    ttl: ttlMs,
    cache,
    includeExtensionMetadata: false,
    buildResponseCacheKey: async (params) => control.keyPrefix() + (await defaultBuildResponseCacheKey(params)),
  }) as Plugin;
}

/**
 * HTTP caching for persisted GET operations (`GET /graphql?documentId=...`), fitting the read
 * cache: a public answer without errors may be kept as long as the server keeps it
 * (`public, max-age` = CACHE_TTL_MS); requests with a token, and answers with errors, are
 * `no-store`. Other requests get no Cache-Control (POSTs are not cached by browsers anyway).
 */
export function useHttpCacheHeaders(ttlMs: number, isPersisted: (request: Request) => boolean): Plugin {
  const withErrors = new WeakSet<Request>();
  return {
    onResultProcess({ request, result }) {
      const results = Array.isArray(result) ? result : [result];
      if (results.some((r) => (r as { errors?: unknown[] } | undefined)?.errors?.length)) withErrors.add(request);
    },
    onResponse({ request, response }) {
      if (request.method !== 'GET' || !isPersisted(request)) return;
      const seconds = Math.floor(ttlMs / 1000);
      const cacheable = response.status === 200 && !withErrors.has(request) && !request.headers.has('authorization') && seconds > 0;
      response.headers.set('cache-control', cacheable ? `public, max-age=${seconds}` : 'no-store');
      if (cacheable) response.headers.append('vary', 'authorization');
    },
  };
}
