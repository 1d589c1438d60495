/**
 * Optional OpenTelemetry tracing: when OTEL_EXPORTER_OTLP_ENDPOINT is set, every GraphQL
 * operation is a span (operation name, request id, statement count, error codes) with one child
 * span per Cypher statement (its name, mode, rows), exported over OTLP/HTTP.
 */
import { SpanKind, SpanStatusCode, context as otelContext, trace, type Span, type Tracer } from '@opentelemetry/api';
import type { DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import type { QueryRunner, StatementObserver } from '../db/query.js';

export interface Tracing {
  tracer: Tracer;
  /** Sends what is buffered (tests, shutdown). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Exports spans to the OTLP endpoint, when there is one. The SDK and exporter are loaded only
 * then: most deployments do not trace, and they would add about 80 ms to every start.
 */
export async function startTracing(endpoint: string | undefined): Promise<Tracing | null> {
  if (!endpoint) return null;
  const [{ OTLPTraceExporter }, { BatchSpanProcessor, TracerProvider }] = await Promise.all([
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/sdk-trace'),
  ]);
  const exporter = new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` });
  const provider = new TracerProvider({ spanProcessors: [new BatchSpanProcessor({ exporter })] });
  return {
    tracer: provider.getTracer('cyber-diplomacy-graph'),
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}

// Keyed by the request's query runner: yoga hands resolvers a copy of the context object, but
// the runner inside it is the same one that reports the request's statements.
const requestSpans = new WeakMap<QueryRunner, Span>();

/** A statement observer that records each statement as a child of its request's span. */
export function statementTracer(tracing: Tracing | null, context: () => Context): StatementObserver {
  return (event) => {
    const parent = tracing ? requestSpans.get(context().cypher) : undefined;
    if (!tracing || !parent) return;
    const end = Date.now();
    const span = tracing.tracer.startSpan(
      'neo4j.statement',
      {
        kind: SpanKind.CLIENT,
        startTime: end - event.durationMs,
        attributes: {
          'db.system': 'neo4j',
          'db.operation.name': event.name,
          'db.neo4j.access_mode': event.mode,
          'db.response.rows': event.rows,
        },
      },
      trace.setSpan(otelContext.active(), parent),
    );
    if (event.error) span.setStatus({ code: SpanStatusCode.ERROR, message: String((event.error as Error).message ?? event.error) });
    span.end(end);
  };
}

export function useTracing(tracing: Tracing): Plugin<Context> {
  return {
    onExecute({ args }) {
      const context = args.contextValue as Context;
      const operation = (args.document as DocumentNode).definitions.find((d) => d.kind === 'OperationDefinition') as
        | { name?: { value: string }; operation: string }
        | undefined;
      const name = args.operationName ?? operation?.name?.value ?? 'anonymous';
      const span = tracing.tracer.startSpan(`graphql.${operation?.operation ?? 'operation'} ${name}`, {
        kind: SpanKind.SERVER,
        attributes: {
          'graphql.operation.name': name,
          'graphql.operation.type': operation?.operation ?? 'unknown',
          'request.id': context.requestId,
        },
      });
      requestSpans.set(context.cypher, span);
      return {
        onExecuteDone({ result }) {
          span.setAttribute('db.statements', context.cypher.statementCount);
          const errors = 'errors' in result ? (result.errors ?? []) : [];
          if (errors.length > 0) {
            span.setAttribute(
              'graphql.error.codes',
              errors.map((e) => String(e.extensions?.code ?? 'UNKNOWN')),
            );
            span.setStatus({ code: SpanStatusCode.ERROR });
          }
          span.end();
        },
      };
    },
  };
}
