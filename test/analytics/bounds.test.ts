/**
 * Bounds on a large synthetic graph: a hub with 5000 neighbours, each with three of its own,
 * and a twin of the hub joined to the same 5000. Neighbourhoods stop at their caps and path
 * searches answer within their limits instead of enumerating millions of paths.
 *
 * "Promptly" is not measured with a clock, which fails on a busy machine: a search that
 * enumerated the paths through a hub of 5000 would not finish within the test statement timeout
 * (TEST_QUERY_TIMEOUT_MS, 120 s) on any machine and would answer QUERY_TIMEOUT, so "answers
 * without errors" is the machine-independent proof that the search is bounded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, testApp, testRunner, uniquePrefix } from '../helpers.js';

const cypher = testRunner();
const prefix = uniquePrefix('bounds');
const hub = `${prefix}-hub`;
const twin = `${prefix}-twin`;
const SPOKES = 5000;
const LEAVES_PER_SPOKE = 3;
const BATCH = 1000;
const EVIDENCE = { source: 'doc-002', excerpt: 'synthetic relationship for the bounds test' };

describe('bounds on a large graph', () => {
  const app = testApp();

  beforeAll(async () => {
    // One transaction of batched writes: other test files see all of it or none of it.
    await cypher.writeTransaction('Test.createSyntheticGraph', async (tx) => {
      await tx.run(
        'Test.createHubs',
        `UNWIND $ids AS id CREATE (:Entity:Actor {id: id, name: id, aliases: [], kind: 'coalition', searchNames: id})`,
        { ids: [hub, twin] },
      );
      for (let start = 0; start < SPOKES; start += BATCH) {
        const spokes = Array.from({ length: BATCH }, (_, i) => `${prefix}-n${start + i}`);
        await tx.run(
          'Test.createSpokes',
          `MATCH (h:Entity {id: $hub}), (t:Entity {id: $twin})
           UNWIND $spokes AS id
           CREATE (n:Entity:Actor {id: id, name: id, aliases: [], kind: 'state', searchNames: id})
           CREATE (h)-[:COOPERATES_WITH {source: $evidence.source, excerpt: $evidence.excerpt}]->(n)
           CREATE (t)-[:COOPERATES_WITH {source: $evidence.source, excerpt: $evidence.excerpt}]->(n)
           WITH n UNWIND range(1, $leaves) AS j
           CREATE (n)-[:COOPERATES_WITH {source: $evidence.source, excerpt: $evidence.excerpt}]->
                  (:Entity:Actor {id: n.id + '-leaf' + j, name: n.id + ' leaf ' + j, aliases: [], kind: 'state', searchNames: n.id})`,
          { hub, twin, spokes, leaves: LEAVES_PER_SPOKE, evidence: EVIDENCE },
        );
      }
    });
  });

  afterAll(async () => {
    await cypher.writeTransaction('Test.deleteSyntheticGraph', async (tx) => {
      let deleted = 0;
      do {
        const [row] = await tx.run<{ deleted: number }>(
          'Test.deleteSyntheticBatch',
          'MATCH (n:Entity) WHERE n.id STARTS WITH $prefix WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS deleted',
          { prefix },
        );
        deleted = row!.deleted;
      } while (deleted > 0);
    });
  });

  it('when the graph is built, then it holds the hub, its twin, 5000 spokes and three leaves per spoke', async () => {
    const [row] = await cypher.read<{ nodes: number; hubDegree: number }>(
      'Test.countSynthetic',
      `MATCH (n:Entity) WHERE n.id STARTS WITH $prefix
       WITH count(n) AS nodes
       MATCH (h:Entity {id: $hub}) RETURN nodes, COUNT { (h)--() } AS hubDegree`,
      { prefix, hub },
    );
    expect(row).toEqual({ nodes: 2 + SPOKES * (1 + LEAVES_PER_SPOKE), hubDegree: SPOKES });
  });

  it('when the neighbourhood of the hub is asked at depth 2 with maxNodes 200, then at most 200 nodes come back and truncated is true', async () => {
    const result = await gql(
      app,
      'query($slug: String!) { neighbourhood(slug: $slug, depth: 2, maxNodes: 200) { truncated maxNodes nodes { id } edges { source target } } }',
      { slug: hub },
    );

    expect(result.body.errors).toBeUndefined();
    const { nodes, edges, truncated } = result.body.data.neighbourhood;
    expect(truncated).toBe(true);
    expect(nodes.length).toBeLessThanOrEqual(200);
    expect(nodes.length).toBeGreaterThan(100);
    expect(nodes.map((n: any) => n.id)).toContain(hub);
    const ids = new Set(nodes.map((n: any) => n.id));
    expect(edges.every((e: any) => ids.has(e.source) && ids.has(e.target))).toBe(true);
  });

  it('when all shortest paths between the hub and its twin are asked, then the 5000 are cut to the limit', async () => {
    const result = await gql(app, 'query($from: String!, $to: String!) { paths(from: $from, to: $to, all: true, limit: 50) { length } }', {
      from: hub,
      to: twin,
    });

    expect(result.body.errors).toBeUndefined();
    expect(result.body.data.paths).toHaveLength(50);
    expect(result.body.data.paths.every((p: any) => p.length === 2)).toBe(true);
  });

  it('when the limit on paths is above 50, then the error is BAD_USER_INPUT', async () => {
    const { body } = await gql(
      app,
      'query($from: String!, $to: String!) { paths(from: $from, to: $to, all: true, limit: 51) { length } }',
      { from: hub, to: twin },
    );

    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'limit' });
  });

  it('when a path must go through node types the graph lacks, then the answer is an empty list, promptly', async () => {
    const result = await gql(
      app,
      'query($from: String!, $to: String!) { paths(from: $from, to: $to, maxLength: 6, through: [Programme]) { length } }',
      {
        from: `${prefix}-n0-leaf1`,
        to: `${prefix}-n1-leaf1`,
      },
    );

    expect(result.body.errors).toBeUndefined();
    expect(result.body.data.paths).toEqual([]);
  });

  it('when no path exists within maxLength 6, then the answer is an empty list, promptly', async () => {
    const result = await gql(
      app,
      'query($from: String!, $to: String!) { paths(from: $from, to: $to, maxLength: 6, all: true, limit: 50) { length } }',
      {
        from: `${prefix}-n0-leaf1`,
        to: 'eu',
      },
    );

    expect(result.body.errors).toBeUndefined();
    expect(result.body.data.paths).toEqual([]);
  });

  it('when two leaves of different spokes are joined, then the shortest path is the four hops through a hub', async () => {
    const { body } = await gql(
      app,
      'query($from: String!, $to: String!) { paths(from: $from, to: $to, maxLength: 6) { length nodes { slug } hops { type evidence { sourceSlug } } } }',
      {
        from: `${prefix}-n0-leaf1`,
        to: `${prefix}-n1-leaf2`,
      },
    );

    expect(body.errors).toBeUndefined();
    const [path] = body.data.paths;
    expect(path.length).toBe(4);
    expect([hub, twin]).toContain(path.nodes[2].slug);
    expect(path.hops.every((h: any) => h.type === 'COOPERATES_WITH' && h.evidence.sourceSlug === 'doc-002')).toBe(true);
  });
});
