/**
 * Prometheus metrics at /metrics: requests and latency by operation, errors by code, Neo4j
 * statement time by statement name, DataLoader batch sizes, read-cache hits.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Plugin } from 'graphql-yoga';
import type { StatementObserver } from '../db/query.js';

export class Metrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL operations executed, by operation name and outcome.',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'GraphQL operation latency, by operation name.',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'graphql_errors_total',
    help: 'Errors returned to clients, by code.',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly statements = new Histogram({
    name: 'neo4j_statement_duration_seconds',
    help: 'Neo4j statement time, by statement name and access mode.',
    labelNames: ['statement', 'mode', 'outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [this.registry],
  });
  readonly batchSizes = new Histogram({
    name: 'dataloader_batch_size',
    help: 'Keys per DataLoader batch (one Cypher statement each), by loader.',
    labelNames: ['loader'] as const,
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
    registers: [this.registry],
  });
  readonly cacheHits = new Counter({
    name: 'response_cache_hits_total',
    help: 'GraphQL reads answered from the read cache.',
    registers: [this.registry],
  });
  readonly httpResponses = new Counter({
    name: 'http_responses_total',
    help: 'HTTP responses, by route and status.',
    labelNames: ['route', 'status'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  observeStatement: StatementObserver = (event) => {
    this.statements.observe({ statement: event.name, mode: event.mode, outcome: event.error ? 'error' : 'ok' }, event.durationMs / 1000);
  };
}

const ROUTES = ['/graphql', '/export', '/health', '/ready', '/metrics'];

/**
 * Operation names are client-chosen, and every distinct label value is a new time series: only
 * the names of the persisted operations (schema/examples/) are labels of their own; any other
 * named operation is "other", an unnamed one "anonymous". The label set stays bounded.
 */
export function operationLabel(name: string | null | undefined, known: ReadonlySet<string> = new Set()): string {
  if (!name) return 'anonymous';
  return known.has(name) ? name : 'other';
}

export function useMetrics(metrics: Metrics, knownOperations: ReadonlySet<string> = new Set()): Plugin {
  return {
    async onRequest({ url, endResponse }) {
      if (url.pathname !== '/metrics') return;
      endResponse(new Response(await metrics.registry.metrics(), { headers: { 'content-type': metrics.registry.contentType } }));
    },
    onExecute({ args }) {
      const started = performance.now();
      const operation = operationLabel(
        args.operationName ??
          (
            (args.document as import('graphql').DocumentNode).definitions.find((d) => d.kind === 'OperationDefinition') as
              | { name?: { value: string } }
              | undefined
          )?.name?.value,
        knownOperations,
      );
      return {
        onExecuteDone({ result }) {
          const failed = 'errors' in result && (result.errors?.length ?? 0) > 0;
          metrics.requests.inc({ operation, outcome: failed ? 'error' : 'ok' });
          metrics.duration.observe({ operation }, (performance.now() - started) / 1000);
        },
      };
    },
    onResponse({ request, response }) {
      const path = new URL(request.url).pathname;
      const route = ROUTES.find((r) => path === r || path.startsWith(`${r}/`)) ?? 'other';
      metrics.httpResponses.inc({ route, status: String(response.status) });
    },
  };
}
