/**
 * A short-lived cache of public read results, so dashboards can poll cheaply. Any curation
 * write calls invalidateAll(): the generation number is part of every cache key and the store is
 * emptied, so no older entry is served again.
 *
 * Bounded in bytes, not entries: results are measured as the JSON they are sent as; the store
 * holds at most CACHE_MAX_BYTES (LRU eviction), a result over a tenth of that is not cached at
 * all, and entries leave memory when their TTL passes (not only when next asked for).
 */
import { defaultBuildResponseCacheKey, type Cache } from '@envelop/response-cache';
import { useResponseCache } from '@graphql-yoga/plugin-response-cache';
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';

export const DEFAULT_CACHE_MAX_BYTES = 50_000_000;

export class ResponseCacheControl {
  private generation = 0;
  private readonly stores = new Set<BoundedResultCache>();
  hits = 0;

  invalidateAll(): void {
    this.generation++;
    for (const store of this.stores) store.clear();
  }

  keyPrefix(): string {
    return `g${this.generation}:`;
  }

  /** Bytes held by the stores of this control (for tests and metrics). */
  get bytes(): number {
    let total = 0;
    for (const store of this.stores) total += store.bytes;
    return total;
  }

  attach(store: BoundedResultCache): void {
    this.stores.add(store);
  }
}

/** The response cache's store: an LRU bounded in bytes, whose entries expire by their TTL. */
export class BoundedResultCache implements Cache {
  private readonly lru: LRUCache<string, ExecutionResult>;
  readonly maxEntryBytes: number;

  constructor(readonly maxBytes: number) {
    this.maxEntryBytes = Math.max(1, Math.floor(maxBytes / 10));
    this.lru = new LRUCache<string, ExecutionResult>({ maxSize: maxBytes, ttlAutopurge: true, allowStale: false });
  }

  set(id: string, data: ExecutionResult, _entities: unknown, ttl: number): void {
    // UTF-16 length is a close, cheap measure of the bytes the result occupies as JSON.
    const size = JSON.stringify(data).length * 2;
    if (size > this.maxEntryBytes) return;
    this.lru.set(id, data, { size, ttl });
  }

  get(id: string): ExecutionResult | undefined {
    return this.lru.get(id);
  }

  invalidate(): void {
    this.lru.clear();
  }

  clear(): void {
    this.lru.clear();
  }

  get bytes(): number {
    return this.lru.calculatedSize;
  }

  get size(): number {
    return this.lru.size;
  }
}

export function useReadCache(
  control: ResponseCacheControl,
  ttlMs: number,
  onHit: () => void = () => {},
  maxBytes = DEFAULT_CACHE_MAX_BYTES,
): Plugin {
  const cache = new BoundedResultCache(maxBytes);
  control.attach(cache);
  const get = cache.get.bind(cache);
  cache.get = (key: string) => {
    const hit = get(key);
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
