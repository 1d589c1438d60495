/** Unexpected errors are masked with a request id; metrics describe what the service did. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, testApp, testRunner, uniquePrefix } from '../helpers.js';

const app = testApp();
const broken = uniquePrefix('broken');

beforeAll(async () => {
  // A node whose kind is outside the schema's enum: reading it fails inside the server.
  await testRunner().write(
    'Test.createBrokenNode',
    `CREATE (:Entity:Actor {id: $id, name: 'Broken', aliases: [], searchNames: 'Broken', kind: 'not-a-kind'})`,
    { id: broken },
  );
});

afterAll(async () => {
  await testRunner().write('Test.deleteBrokenNode', 'MATCH (n:Entity {id: $id}) DETACH DELETE n', { id: broken });
});

describe('unexpected errors', () => {
  it('when something fails inside the server, then the client sees a masked message with the request id, and no internals', async () => {
    const { body, headers } = await gql(app, `{ actor(slug: "${broken}") { name kind } }`, {}, { 'x-request-id': 'req-broken-1' });
    const error = body.errors![0];
    expect(error!.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', requestId: 'req-broken-1' });
    expect(error!.message).toBe('Unexpected error. Quote request id req-broken-1 when reporting it.');
    expect(JSON.stringify(body)).not.toMatch(/not-a-kind|EntityKind|stack|\.ts:/);
    expect(headers.get('x-request-id')).toBe('req-broken-1');
  });
});

describe('metrics', () => {
  it('exposes request counts by operation (persisted names; others are "other"), errors by code, Neo4j statement times, loader batch sizes and cache hits', async () => {
    const cached = testApp({ CACHE_TTL_MS: 60_000 });
    const query = 'query EuCyberDirectPartners { programme(slug: "eu-cyber-direct") { partners { nodes { slug } } } }';
    await gql(cached, query);
    await gql(cached, query);
    await gql(cached, '{ entity(slug: "no-such-node") { slug } }');
    const text = await (await cached.fetch('http://test/metrics')).text();
    expect(text).toMatch(/graphql_requests_total\{operation="EuCyberDirectPartners",outcome="ok"\} 1/);
    expect(text).toMatch(/graphql_errors_total\{code="NOT_FOUND"\} 1/);
    expect(text).toMatch(/neo4j_statement_duration_seconds_count\{statement="Entity.findPlanned",mode="read",outcome="ok"\} \d+/);
    expect(text).toMatch(/dataloader_batch_size_count\{loader="entity"\} \d+/);
    expect(text).toMatch(/response_cache_hits_total 1/);
    expect(text).toMatch(/graphql_request_duration_seconds_bucket\{le="[\d.]+",operation="EuCyberDirectPartners"\}/);
    testApp();
  });
});
