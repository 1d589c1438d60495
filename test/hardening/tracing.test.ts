/**
 * With an OTLP endpoint configured, each GraphQL operation is exported as a span with one child
 * span per Cypher statement. The collector here is a loopback HTTP server recording what it gets.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { startTracing } from '../../src/http/tracing.js';
import { createLogger } from '../../src/logger.js';
import { gql, testDatabase } from '../helpers.js';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Array<{ key: string; value: Record<string, unknown> }>;
}

const received: OtlpSpan[] = [];
let collector: Server;

afterAll(() => collector?.close());

const attribute = (span: OtlpSpan, key: string) => {
  const value = span.attributes.find((a) => a.key === key)?.value;
  return value ? (Object.values(value)[0] as unknown) : undefined;
};

describe('tracing', () => {
  it('exports each operation as a span with a child span per Cypher statement', async () => {
    collector = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        if (req.url === '/v1/traces') {
          const payload = JSON.parse(body) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: OtlpSpan[] }> }> };
          for (const r of payload.resourceSpans) for (const s of r.scopeSpans) received.push(...s.spans);
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const tracing = (await startTracing(`http://127.0.0.1:${(collector.address() as AddressInfo).port}`))!;
    const app = createApp({
      env: { NODE_ENV: 'test', GRAPHIQL: false, NEO4J_DATABASE: 'neo4j', CACHE_TTL_MS: 0, RATE_LIMIT_PER_MINUTE: 0 },
      db: testDatabase(),
      logger: createLogger('silent'),
      tracing,
    });

    const result = await gql(
      app,
      'query TracedPartners { programme(slug: "eu-cyber-direct") { partners { totalCount } } }',
      {},
      { 'x-request-id': 'trace-me' },
    );
    expect(result.body.errors).toBeUndefined();
    await tracing.flush();

    const operation = received.find((s) => attribute(s, 'graphql.operation.name') === 'TracedPartners');
    expect(operation, JSON.stringify(received.map((s) => s.name))).toBeDefined();
    expect(attribute(operation!, 'request.id')).toBe('trace-me');
    const statements = received.filter((s) => s.parentSpanId === operation!.spanId);
    expect(statements.length).toBe(result.statements);
    expect(statements.every((s) => s.name === 'neo4j.statement' && s.traceId === operation!.traceId)).toBe(true);
    expect(statements.map((s) => attribute(s, 'db.operation.name'))).toEqual(expect.arrayContaining(['Entity.findPlanned']));
    await tracing.shutdown();
  });
});
