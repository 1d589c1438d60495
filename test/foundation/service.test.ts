import { describe, expect, it } from 'vitest';
import { gql, testApp, testRunner, uniquePrefix } from '../helpers.js';

describe('the service skeleton over real Neo4j', () => {
  const app = testApp();

  it('answers liveness on /health and readiness on /ready', async () => {
    expect((await app.fetch('http://test/health')).status).toBe(200);
    expect((await app.fetch('http://test/ready')).status).toBe(200);
  });

  it('answers { __typename } over POST', async () => {
    const response = await app.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{"data":{"__typename":"Query"}}');
  });

  it('serves GraphiQL to browsers on /graphql', async () => {
    const response = await app.fetch('http://test/graphql', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('graphiql');
  });

  it('returns a request id and the number of Cypher statements a request ran', async () => {
    const result = await gql(app, '{ nodeCounts { label count } }', {}, { 'x-request-id': 'abc-123' });
    expect(result.headers.get('x-request-id')).toBe('abc-123');
    expect(result.statements).toBe(1);
    expect(result.body.data.nodeCounts.length).toBeGreaterThan(0);
  });

  it('writes through Cypher and reads the same data back', async () => {
    const cypher = testRunner();
    const id = uniquePrefix('roundtrip');
    await cypher.write('Test.write', 'CREATE (:TestProbe {id: $id, value: $value})', { id, value: 'hello' });
    const rows = await cypher.read<{ value: string }>('Test.read', 'MATCH (p:TestProbe {id: $id}) RETURN p.value AS value', { id });
    expect(rows).toEqual([{ value: 'hello' }]);
    await cypher.write('Test.cleanup', 'MATCH (p:TestProbe {id: $id}) DELETE p', { id });
  });
});
