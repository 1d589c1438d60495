/**
 * Every limit that protects the service from abusive or accidental heavy requests, in one
 * place. Values come from configuration (src/env.ts); createApp builds one Limits per app and
 * hands it to everything that enforces a limit (the request context carries it to resolvers and
 * the cost estimate), so two apps in one process each enforce their own. Each refusal names the
 * limit and the value. The printed schema states only the defaults below.
 */
import type { Env } from './env.js';

export interface Limits {
  maxPageSize: number;
  defaultPageSize: number;
  maxDepth: number;
  maxComplexity: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxPathLength: number;
  maxNeighbourhoodDepth: number;
  maxNeighbourhoodNodes: number;
  maxBodyBytes: number;
  /** Bulk imports (POST /import) may be larger than GraphQL requests. */
  maxImportBytes: number;
  rateLimitPerMinute: number;
  /** A whole export (GET /export/...) must finish within this; its transactions close then. */
  exportTimeoutMs: number;
  /** An export whose reader takes nothing for this long is dropped. */
  exportStallMs: number;
  /** Exports streaming at once (each holds a read transaction). */
  maxConcurrentExports: number;
  /** Entries (nodes, sources, relationships, mentions) in one import. */
  maxImportEntries: number;
  /** Reading (parsing and validating) one import's text, in its worker thread. */
  importParseTimeoutMs: number;
  /** Ids in any list argument (nodes(ids:), withSlugs, ...); each also counts in complexity. */
  maxListArgument: number;
  /** Expensive root fields (paths, neighbourhood, compare, ...) executing at once (src/http/load-gate.ts). */
  maxConcurrentHeavyFields: number;
  /** How long an operation with expensive fields may wait for room before it is refused (OVERLOADED). */
  heavyQueueWaitMs: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxPageSize: 100,
  defaultPageSize: 20,
  maxDepth: 20,
  maxComplexity: 20_000,
  maxAliases: 30,
  maxDirectives: 20,
  maxTokens: 5_000,
  maxPathLength: 6,
  maxNeighbourhoodDepth: 3,
  maxNeighbourhoodNodes: 1_000,
  maxBodyBytes: 100_000,
  maxImportBytes: 5_000_000,
  rateLimitPerMinute: 1_200,
  exportTimeoutMs: 60_000,
  exportStallMs: 15_000,
  maxConcurrentExports: 4,
  maxImportEntries: 10_000,
  importParseTimeoutMs: 60_000,
  maxListArgument: 100,
  maxConcurrentHeavyFields: 8,
  heavyQueueWaitMs: 500,
});

export function limitsFromEnv(env: Partial<Env>): Readonly<Limits> {
  return Object.freeze({
    maxPageSize: env.MAX_PAGE_SIZE ?? DEFAULT_LIMITS.maxPageSize,
    defaultPageSize: Math.min(DEFAULT_LIMITS.defaultPageSize, env.MAX_PAGE_SIZE ?? DEFAULT_LIMITS.maxPageSize),
    maxDepth: env.MAX_QUERY_DEPTH ?? DEFAULT_LIMITS.maxDepth,
    maxComplexity: env.MAX_QUERY_COMPLEXITY ?? DEFAULT_LIMITS.maxComplexity,
    maxAliases: env.MAX_ALIASES ?? DEFAULT_LIMITS.maxAliases,
    maxDirectives: env.MAX_DIRECTIVES ?? DEFAULT_LIMITS.maxDirectives,
    maxTokens: env.MAX_TOKENS ?? DEFAULT_LIMITS.maxTokens,
    maxPathLength: env.MAX_PATH_LENGTH ?? DEFAULT_LIMITS.maxPathLength,
    maxNeighbourhoodDepth: DEFAULT_LIMITS.maxNeighbourhoodDepth,
    maxNeighbourhoodNodes: env.MAX_NEIGHBOURHOOD_NODES ?? DEFAULT_LIMITS.maxNeighbourhoodNodes,
    maxBodyBytes: env.MAX_BODY_BYTES ?? DEFAULT_LIMITS.maxBodyBytes,
    maxImportBytes: env.MAX_IMPORT_BYTES ?? DEFAULT_LIMITS.maxImportBytes,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE ?? DEFAULT_LIMITS.rateLimitPerMinute,
    exportTimeoutMs: env.EXPORT_TIMEOUT_MS ?? DEFAULT_LIMITS.exportTimeoutMs,
    exportStallMs: env.EXPORT_STALL_MS ?? DEFAULT_LIMITS.exportStallMs,
    maxConcurrentExports: env.MAX_CONCURRENT_EXPORTS ?? DEFAULT_LIMITS.maxConcurrentExports,
    maxImportEntries: env.MAX_IMPORT_ENTRIES ?? DEFAULT_LIMITS.maxImportEntries,
    importParseTimeoutMs: DEFAULT_LIMITS.importParseTimeoutMs,
    maxListArgument: env.MAX_LIST_ARGUMENT ?? DEFAULT_LIMITS.maxListArgument,
    maxConcurrentHeavyFields: env.MAX_CONCURRENT_HEAVY_FIELDS ?? DEFAULT_LIMITS.maxConcurrentHeavyFields,
    heavyQueueWaitMs: env.HEAVY_QUEUE_WAIT_MS ?? DEFAULT_LIMITS.heavyQueueWaitMs,
  });
}
