/**
 * createApp() builds the HTTP application (graphql-yoga) around a Database. It never listens:
 * tests call `app.fetch` in-process, main.ts mounts it on a real port.
 *
 * Plugin order matters: HTTP protections first (metrics, body size, rate limit), then the
 * endpoints that are not GraphQL (/export, /metrics, /ready), then GraphQL's own (persisted
 * operations, query limits, read cache, error classification).
 */
import { randomUUID } from 'node:crypto';
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { createYoga, useReadinessCheck, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { AuthError, Authenticator } from './auth/auth.js';
import { ResponseCacheControl, useHttpCacheHeaders, useReadCache } from './cache.js';
import { createContext, type Context } from './context.js';
import type { Database, QueryRunner } from './db/query.js';
import type { Env } from './env.js';
import { tagLimit, useErrorClassification } from './http/errors.plugin.js';
import { useExplorer } from './http/explorer.js';
import { Metrics, useMetrics } from './http/metrics.js';
import { statementTracer, useTracing, type Tracing } from './http/tracing.js';
import { PLAYGROUND_DEFAULT_OPERATION, playgroundTabs, renderPlayground, usePlaygroundAssets } from './http/playground.js';
import { AccessRule } from './http/access.js';
import { useOperationLimits } from './http/operation-limits.js';
import { LoadGate, useLoadGate } from './http/load-gate.js';
import {
  EXPOSED_HEADERS,
  RateLimiter,
  clientAddress,
  useBodyLimit,
  useCsrfPrevention,
  useQueryStringCheck,
  useSecurityHeaders,
} from './http/security.js';
import { limitsFromEnv } from './limits.js';
import { createLoaderKit, type BatchObserver, type Loaders } from './loaders.js';
import type { Logger } from './logger.js';
import { entityLoaders } from './modules/entity/entity.loaders.js';
import { useExport } from './modules/export/export.http.js';
import { useImport } from './modules/import/import.http.js';
import { relationshipLoaders } from './modules/relationship/relationship.loaders.js';
import { sourceLoaders } from './modules/source/source.loaders.js';
import {
  loadPersistedOperations,
  persistedOperationId,
  persistedOperationNames,
  useMissingQuery,
  usePersistedNamedOperations,
} from './persisted-operations.js';
import { DegreeStatistics } from './query-cost.js';
import { schema } from './schema.js';

type AppEnv = Pick<Env, 'NODE_ENV' | 'GRAPHIQL' | 'NEO4J_DATABASE' | 'CACHE_TTL_MS'> &
  Partial<Pick<Env, 'EXPLORER'>> &
  Partial<
    Pick<
      Env,
      | 'MAX_PAGE_SIZE'
      | 'MAX_QUERY_DEPTH'
      | 'MAX_QUERY_COMPLEXITY'
      | 'MAX_ALIASES'
      | 'MAX_DIRECTIVES'
      | 'MAX_TOKENS'
      | 'MAX_PATH_LENGTH'
      | 'MAX_NEIGHBOURHOOD_NODES'
      | 'MAX_BODY_BYTES'
      | 'MAX_IMPORT_BYTES'
      | 'RATE_LIMIT_PER_MINUTE'
      | 'EXPORT_TIMEOUT_MS'
      | 'EXPORT_STALL_MS'
      | 'MAX_CONCURRENT_EXPORTS'
      | 'MAX_IMPORT_ENTRIES'
      | 'MAX_LIST_ARGUMENT'
      | 'MAX_CONCURRENT_HEAVY_FIELDS'
      | 'HEAVY_QUEUE_WAIT_MS'
      | 'CACHE_MAX_BYTES'
      | 'TRUST_PROXY'
      | 'CORS_ORIGINS'
      | 'INTROSPECTION'
      | 'CSRF_PREVENTION'
      | 'METRICS'
      | 'API_KEYS'
      | 'JWT_SECRET'
      | 'JWT_JWKS_URL'
      | 'JWT_ISSUER'
      | 'JWT_AUDIENCE'
      | 'JWT_REQUIRE_EXP'
      | 'JWT_MAX_LIFETIME_SECONDS'
      | 'READS_PUBLIC'
    >
  >;

export interface AppDependencies {
  env: AppEnv;
  db: Database;
  logger: Logger;
  /** Shared with the write path, which invalidates cached reads. */
  cache?: ResponseCacheControl;
  metrics?: Metrics;
  /** OpenTelemetry tracing, when an OTLP endpoint is configured. */
  tracing?: Tracing | null;
  /** Where the built explorer is (default web/dist). */
  explorerDir?: string;
}

export type App = YogaServerInstance<Record<string, unknown>, Context> & {
  cache: ResponseCacheControl;
  metrics: Metrics;
  /** This app's degree statistics (the query-cost estimate). */
  degrees: DegreeStatistics;
  /** This app's gate on expensive fields. */
  loadGate: LoadGate;
};

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;

/** A request's loaders: each module's, over the request's runner (this is where they are wired). */
function createLoaders(cypher: QueryRunner, onBatch: BatchObserver): Loaders {
  const kit = createLoaderKit(cypher, onBatch);
  const entity = entityLoaders(kit);
  return { ...entity, ...sourceLoaders(kit), ...relationshipLoaders(kit, entity) };
}

/** yoga answers a GraphQLError thrown while building the context with this HTTP status. */
function withHttpStatus(error: AuthError, status: number): AuthError {
  (error.extensions as Record<string, unknown>).http = { status, headers: { 'www-authenticate': 'Bearer' } };
  return error;
}

export function createApp({
  env,
  db,
  logger,
  cache = new ResponseCacheControl(),
  metrics = new Metrics(),
  tracing = null,
  explorerDir,
}: AppDependencies): App {
  // This app's limits: passed to every plugin that enforces one and carried on each request's context.
  const limits = limitsFromEnv(env);
  const production = env.NODE_ENV === 'production';
  // The playground needs introspection for its docs and autocomplete: it turns introspection on
  // unless INTROSPECTION=false says otherwise, and then the playground is off (it would be blind).
  const playgroundAsked = env.GRAPHIQL ?? !production;
  const introspection = env.INTROSPECTION ?? (!production || playgroundAsked);
  const playground = playgroundAsked && introspection;
  if (playgroundAsked && !playground) logger.warn('GRAPHIQL is on but INTROSPECTION=false: the playground is off (it needs introspection)');
  const persistedOperations = loadPersistedOperations();
  const stopObserving = db.addObserver(metrics.observeStatement);
  // Degree statistics for the query-cost estimate, read by a runner not counted on any request.
  const degrees = new DegreeStatistics(db.observed(() => {}));
  // This app's gate on expensive fields (load shedding: OVERLOADED when full).
  const loadGate = new LoadGate(limits.maxConcurrentHeavyFields, limits.heavyQueueWaitMs);
  const rateLimiter = new RateLimiter(() => limits.rateLimitPerMinute);
  const authenticator = new Authenticator({
    apiKeys: env.API_KEYS ?? [],
    jwtSecret: env.JWT_SECRET,
    jwksUrl: env.JWT_JWKS_URL,
    jwtIssuer: env.JWT_ISSUER,
    jwtAudience: env.JWT_AUDIENCE,
    jwtRequireExp: env.JWT_REQUIRE_EXP,
    jwtMaxLifetimeSeconds: env.JWT_MAX_LIFETIME_SECONDS,
    readsPublic: env.READS_PUBLIC ?? true,
  });
  const access = new AccessRule({ authenticator, limiter: rateLimiter, clientAddress: clientAddress(env.TRUST_PROXY ?? false) });
  // Statements fail fast while Neo4j is known to be down; /ready reports the same knowledge.
  db.health.start(logger);

  // The runner of each request, so its statement count can be reported on the response.
  const runners = new WeakMap<Request, QueryRunner>();
  const requestIds = new WeakMap<Request, string>();
  const requestIdOf = (request: Request): string => {
    let id = requestIds.get(request);
    if (!id) {
      const incoming = request.headers.get('x-request-id');
      id = incoming && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
      requestIds.set(request, id);
    }
    return id;
  };

  // Each document limit tags its refusal with a code where Armor raises it (onReject), so the
  // error plugin classifies by code, never by Armor's wording.
  const armor = new EnvelopArmor({
    maxDepth: {
      n: limits.maxDepth,
      ignoreIntrospection: true,
      exposeLimits: true,
      onReject: [tagLimit('MAX_QUERY_DEPTH', limits.maxDepth)],
    },
    maxAliases: { n: limits.maxAliases, exposeLimits: true, onReject: [tagLimit('MAX_ALIASES', limits.maxAliases)] },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: true, onReject: [tagLimit('MAX_DIRECTIVES', limits.maxDirectives)] },
    maxTokens: { n: limits.maxTokens, exposeLimits: true, onReject: [tagLimit('MAX_TOKENS', limits.maxTokens)] },
    // Cost is measured by Pothos's page-aware complexity (src/builder.ts), not by Armor.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: !introspection },
  }).protect();

  const corsOrigins = (env.CORS_ORIGINS ?? '*')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);

  const yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    graphiql: playground
      ? {
          title: 'Cyber diplomacy graph',
          defaultQuery: persistedOperations.get(PLAYGROUND_DEFAULT_OPERATION),
          defaultTabs: playgroundTabs(persistedOperations, PLAYGROUND_DEFAULT_OPERATION).map(({ query, variables }) => ({
            query,
            variables,
          })),
        }
      : false,
    renderGraphiQL: renderPlayground,
    cors: corsOrigins.includes('*')
      ? {
          origin: '*',
          methods: ['GET', 'POST'],
          allowedHeaders: ['content-type', 'authorization', 'x-request-id', 'x-graphql-csrf-token'],
          exposedHeaders: EXPOSED_HEADERS,
        }
      : { origin: corsOrigins, credentials: true, methods: ['GET', 'POST'], exposedHeaders: EXPOSED_HEADERS },
    // Unexpected errors are masked by useErrorClassification (with the request id); this is the
    // safety net for anything that escapes it.
    maskedErrors: true,
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(' ')),
      info: (...args) => logger.info(args.map(String).join(' ')),
      warn: (...args) => logger.warn(args.map(String).join(' ')),
      error: (...args) => logger.error(args.map(String).join(' ')),
    },
    context: async ({ request }) => {
      // The access rule (src/http/access.ts) has already refused bad tokens and, with private
      // reads, anonymous requests; this is the principal it found. Fields that need a scope ask
      // for it in the schema (src/auth/scopes.ts).
      const principal = await access.principalOf(request).catch((error: unknown) => {
        if (error instanceof AuthError) throw withHttpStatus(error, 401);
        throw error;
      });
      await degrees.ensure(cache.keyPrefix());
      const context = createContext({
        db,
        logger,
        requestId: requestIdOf(request),
        principal,
        cache,
        createLoaders: (cypher) => createLoaders(cypher, (loader, size) => metrics.batchSizes.observe({ loader }, size)),
        limits,
        degrees,
        onStatement: tracing ? (current) => statementTracer(tracing, current) : undefined,
      });
      runners.set(request, context.cypher);
      return context;
    },
    plugins: [
      ...(env.METRICS === false ? [] : [useMetrics(metrics, persistedOperationNames(persistedOperations))]),
      useSecurityHeaders(),
      ...(playground ? [usePlaygroundAssets()] : []),
      useBodyLimit(limits),
      access.plugin(),
      useQueryStringCheck(),
      useExport(db, logger, limits, requestIdOf),
      ...(env.EXPLORER === false ? [] : [useExplorer(explorerDir)]),
      useImport({
        db,
        logger,
        authenticate: (request) => access.principalOf(request),
        onWrite: () => cache.invalidateAll(),
        requestIdOf,
        limits,
      }),
      useReadinessCheck({
        endpoint: '/ready',
        // The health monitor's knowledge: answers at once, even while Neo4j hangs.
        check: () => db.health.available,
      }),
      ...(env.CSRF_PREVENTION === false ? [] : [useCsrfPrevention()]),
      useMissingQuery(),
      usePersistedNamedOperations(persistedOperations),
      useHttpCacheHeaders(env.CACHE_TTL_MS, (request) => {
        const url = new URL(request.url);
        return persistedOperationId({}, url) !== null || (url.searchParams.get('extensions') ?? '').includes('persistedQuery');
      }),
      ...(armor.plugins as Plugin[]),
      useOperationLimits(limits),
      ...(introspection ? [] : [useDisableIntrospection()]),
      // After the limits (refused operations take no slot), before the read cache: a refusal
      // stops execution before the cache wraps it (the cache warns when its wrapper is skipped);
      // a cached answer holds its slot only for the moment it takes to serve.
      useLoadGate(loadGate, limits) as Plugin,
      ...(env.CACHE_TTL_MS > 0 ? [useReadCache(cache, env.CACHE_TTL_MS, () => metrics.cacheHits.inc(), env.CACHE_MAX_BYTES)] : []),
      useErrorClassification(logger, (code) => metrics.errors.inc({ code })) as Plugin,
      ...(tracing ? [useTracing(tracing) as Plugin] : []),
      {
        onResponse({ request, response }) {
          response.headers.set('x-request-id', requestIdOf(request));
          // A response served from the read cache ran no statement (and may have no runner).
          response.headers.set('x-cypher-statements', String(runners.get(request)?.statementCount ?? 0));
        },
      },
    ],
  });
  const app = yoga as App;
  app.cache = cache;
  app.metrics = metrics;
  app.degrees = degrees;
  app.loadGate = loadGate;
  // Let the Database forget this app's metrics observer when the server is disposed.
  const dispose = yoga.dispose?.bind(yoga);
  yoga.dispose = async () => {
    stopObserving();
    await dispose?.();
  };
  return app;
}
