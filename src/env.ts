/**
 * Configuration: the only module that reads process.env. Everything is validated at start-up
 * and every problem is reported at once, so a misconfigured deployment fails with one message
 * that lists all of them.
 */
import { z } from 'zod';
import { apiKeySchema } from './auth/auth.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const NEO4J_SCHEMES = ['bolt', 'bolt+s', 'bolt+ssc', 'neo4j', 'neo4j+s', 'neo4j+ssc'];

const byteSize = z.string().regex(/^\d+[kmg]?$/i, 'must be a size such as 512m or 2g');
const port = z.coerce.number().int().min(0).max(65535);
const flag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(4000),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),

  NEO4J_URI: z
    .string()
    .optional()
    .refine((v) => v === undefined || isNeo4jUri(v), {
      message: `must be a URI such as bolt://localhost:7687 (schemes: ${NEO4J_SCHEMES.join(', ')})`,
    }),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{0,62}$/i, 'must be a Neo4j database name')
    .default('neo4j'),
  /** Per-statement transaction timeout enforced by Neo4j. */
  NEO4J_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  NEO4J_MAX_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(50),

  NEO4J_EMBEDDED_DATA_DIR: z.string().min(1).default('.neo4j-data'),
  NEO4J_EMBEDDED_PORT: port.default(7687),
  NEO4J_EMBEDDED_HEAP: byteSize.default('512m'),
  NEO4J_EMBEDDED_PAGE_CACHE: byteSize.default('128m'),
  /** Restart a crashed embedded Neo4j with C1-only JIT: back about twice as fast, slower at CPU-heavy queries until the next start. */
  NEO4J_EMBEDDED_QUICK_RESTART: flag.default(true),

  /** auto: load the curated seed when the database has no domain nodes; always; never. */
  SEED_ON_START: z.enum(['auto', 'always', 'never']).default('auto'),
  /** The playground; on by default except in production. When on, introspection is on too (it needs it). */
  GRAPHIQL: flag.optional(),
  /** Serve the explorer (web/dist) at `/`. */
  EXPLORER: flag.default(true),
  /** On SIGINT/SIGTERM, how long in-flight requests may run before connections are cut. */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /** How long public read results are cached (ms); 0 turns the cache off. Writes invalidate it. */
  CACHE_TTL_MS: z.coerce.number().int().min(0).max(3_600_000).default(5_000),
  /** Most bytes the read cache holds (LRU); a result over a tenth of this is not cached. */
  CACHE_MAX_BYTES: z.coerce.number().int().min(10_000).max(10_000_000_000).optional(),

  // Limits against abusive or accidental heavy requests (see src/limits.ts for defaults).
  MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(10_000).optional(),
  MAX_QUERY_DEPTH: z.coerce.number().int().min(2).max(100).optional(),
  MAX_QUERY_COMPLEXITY: z.coerce.number().int().min(10).max(10_000_000).optional(),
  MAX_ALIASES: z.coerce.number().int().min(1).max(1_000).optional(),
  MAX_DIRECTIVES: z.coerce.number().int().min(1).max(1_000).optional(),
  MAX_TOKENS: z.coerce.number().int().min(100).max(1_000_000).optional(),
  MAX_PATH_LENGTH: z.coerce.number().int().min(1).max(10).optional(),
  MAX_NEIGHBOURHOOD_NODES: z.coerce.number().int().min(1).max(100_000).optional(),
  MAX_BODY_BYTES: z.coerce.number().int().min(1_000).max(100_000_000).optional(),
  MAX_IMPORT_BYTES: z.coerce.number().int().min(1_000).max(1_000_000_000).optional(),
  /** Requests per minute per client (IP address, or token subject once authenticated); 0 = off. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).optional(),
  /** A whole export must finish within this (ms); a reader that takes nothing for EXPORT_STALL_MS is dropped. */
  EXPORT_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).optional(),
  EXPORT_STALL_MS: z.coerce.number().int().min(100).max(600_000).optional(),
  MAX_CONCURRENT_EXPORTS: z.coerce.number().int().min(1).max(100).optional(),
  MAX_IMPORT_ENTRIES: z.coerce.number().int().min(1).max(1_000_000).optional(),
  /** Most items in any list argument (nodes(ids:), withSlugs, kinds, ...). */
  MAX_LIST_ARGUMENT: z.coerce.number().int().min(1).max(100_000).optional(),
  /** Expensive root fields (paths, neighbourhood, compare, ...) running at once; more wait HEAVY_QUEUE_WAIT_MS, then OVERLOADED. */
  MAX_CONCURRENT_HEAVY_FIELDS: z.coerce.number().int().min(1).max(10_000).optional(),
  HEAVY_QUEUE_WAIT_MS: z.coerce.number().int().min(0).max(60_000).optional(),
  /** Trust X-Forwarded-For for the client address (only behind a proxy you control). */
  TRUST_PROXY: flag.default(false),
  /** Allowed CORS origins, comma-separated; "*" for any. */
  CORS_ORIGINS: z.string().default('*'),
  /** Introspection and field suggestions; off by default in production. */
  INTROSPECTION: flag.optional(),
  /** Refuse browser requests that could be cross-site forgeries (no JSON body, no custom header). */
  CSRF_PREVENTION: flag.default(true),
  METRICS: flag.default(true),

  // Authentication for writes (reads are public unless READS_PUBLIC=false).
  /** JSON list of {name, sha256, scopes}: the hex SHA-256 of each key, never the key. `npm run apikey` makes one. */
  API_KEYS: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (!text) return [];
      try {
        const parsed = z.array(apiKeySchema).safeParse(JSON.parse(text));
        if (parsed.success) return parsed.data;
        for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: `[${issue.path.join('.')}] ${issue.message}` });
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON list such as [{"name":"alice","sha256":"…","scopes":["curator"]}]' });
      }
      return z.NEVER;
    }),
  /** HS256 secret for JWTs (32+ characters). */
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** A JWKS URL for JWTs signed by an identity provider (RS256, ES256, ...). */
  JWT_JWKS_URL: z.url().optional(),
  JWT_ISSUER: z.string().optional(),
  JWT_AUDIENCE: z.string().optional(),
  /** JWTs must carry `exp` (true by default) with a lifetime of at most JWT_MAX_LIFETIME_SECONDS (1 day). */
  JWT_REQUIRE_EXP: flag.default(true),
  JWT_MAX_LIFETIME_SECONDS: z.coerce.number().int().min(60).max(31_536_000).default(86_400),
  READS_PUBLIC: flag.default(true),
  /** Export traces over OTLP/HTTP to this collector (e.g. http://localhost:4318); off when unset. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
});

export type Env = z.infer<typeof envSchema>;

function isNeo4jUri(value: string): boolean {
  try {
    const url = new URL(value);
    return NEO4J_SCHEMES.includes(url.protocol.replace(/:$/, '')) && url.hostname.length > 0;
  } catch {
    return false;
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // Empty strings mean "unset", as in most shells' `VAR= cmd`.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  const problems = result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`);
  // Checked here rather than in a zod refinement, which would only run once all else is valid.
  if (cleaned.NEO4J_URI !== undefined && cleaned.NEO4J_PASSWORD === undefined) {
    problems.push('NEO4J_PASSWORD is required when NEO4J_URI is set');
  }
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  return result.data;
}
