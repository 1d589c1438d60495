/** Neighbourhoods shaped for graph-drawing libraries, with caps that say when they cut. */
import { describe, expect, it } from 'vitest';
import { gql, testApp } from '../helpers.js';
import { isSeeded } from './support.js';

const NEIGHBOURHOOD = /* GraphQL */ `
  query Neighbourhood($slug: String!, $depth: Int, $maxNodes: Int, $maxEdges: Int, $types: [RelationshipType!]) {
    neighbourhood(slug: $slug, depth: $depth, maxNodes: $maxNodes, maxEdges: $maxEdges, relationshipTypes: $types) {
      truncated
      maxNodes
      maxEdges
      nodes { id label kind name }
      edges { id source target type evidence { sourceSlug excerpt } }
    }
  }
`;

describe('the neighbourhood of a node', () => {
  const app = testApp();

  it('when depth is 1, then the nodes are the centre and its direct neighbours, and the edges join them by id', async () => {
    const { body, statements } = await gql(app, NEIGHBOURHOOD, { slug: 'eunity', depth: 1 });

    expect(body.errors).toBeUndefined();
    // A centre given by slug is found by the neighbourhood's statement itself: no lookup before it.
    expect(statements).toBe(1);
    const { nodes, edges, truncated } = body.data.neighbourhood;
    expect(truncated).toBe(false);
    const seeded = nodes.filter((n: any) => isSeeded(n.id));
    expect(seeded.map((n: any) => n.id).sort()).toEqual(['eu', 'eunity', 'japan']);
    expect(nodes.find((n: any) => n.id === 'japan')).toEqual({ id: 'japan', label: 'Actor', kind: 'STATE', name: 'Japan' });
    const seededEdges = edges.filter((e: any) => isSeeded(e.source) && isSeeded(e.target));
    expect(seededEdges.map((e: any) => [e.source, e.type, e.target]).sort()).toEqual([
      ['eu', 'RUNS', 'eunity'],
      ['japan', 'PARTNER_IN', 'eunity'],
    ]);
    for (const edge of seededEdges) expect(edge.evidence).toMatchObject({ sourceSlug: 'doc-000' });
  });

  it('when the result is handed to a graph library, then every edge joins two listed nodes and ids are unique', async () => {
    const { body } = await gql(app, NEIGHBOURHOOD, { slug: 'eu', depth: 2 });

    const { nodes, edges } = body.data.neighbourhood;
    const nodeIds = new Set(nodes.map((n: any) => n.id));
    expect(nodeIds.size).toBe(nodes.length);
    expect(edges.length).toBeGreaterThan(nodes.length / 2);
    for (const edge of edges) {
      expect(nodeIds.has(edge.source), `${edge.id} source`).toBe(true);
      expect(nodeIds.has(edge.target), `${edge.id} target`).toBe(true);
    }
    expect(new Set(edges.map((e: any) => e.id)).size).toBe(edges.length);
  });

  it('when maxNodes is smaller than the neighbourhood, then at most maxNodes nodes come back, the centre among them, and truncated is true', async () => {
    const { body } = await gql(app, NEIGHBOURHOOD, { slug: 'eu', depth: 1, maxNodes: 5 });

    const { nodes, edges, truncated, maxNodes } = body.data.neighbourhood;
    expect(truncated).toBe(true);
    expect(maxNodes).toBe(5);
    expect(nodes.length).toBeLessThanOrEqual(5);
    expect(nodes.map((n: any) => n.id)).toContain('eu');
    const nodeIds = new Set(nodes.map((n: any) => n.id));
    for (const edge of edges) expect(nodeIds.has(edge.source) && nodeIds.has(edge.target)).toBe(true);
  });

  it('when maxEdges is smaller than the relationships among the nodes, then at most maxEdges edges come back and truncated is true', async () => {
    const { body } = await gql(app, NEIGHBOURHOOD, { slug: 'eu', depth: 1, maxEdges: 3 });

    expect(body.data.neighbourhood.edges).toHaveLength(3);
    expect(body.data.neighbourhood.truncated).toBe(true);
  });

  it('when relationship types are given, then only those are followed', async () => {
    const { body } = await gql(app, NEIGHBOURHOOD, { slug: 'eu-cyber-direct', depth: 1, types: ['PARTNER_IN'] });

    const { nodes, edges } = body.data.neighbourhood;
    expect(nodes.filter((n: any) => isSeeded(n.id))).toHaveLength(10);
    expect(nodes.map((n: any) => n.id)).not.toContain('eu');
    expect(edges.every((e: any) => e.type === 'PARTNER_IN' && e.target === 'eu-cyber-direct')).toBe(true);
  });

  it('when depth is above 3, then the error is BAD_USER_INPUT naming the bound', async () => {
    const { body } = await gql(app, NEIGHBOURHOOD, { slug: 'eunity', depth: 4 });

    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'depth' });
    expect(body.errors?.[0]?.message).toContain('between 1 and 3');
  });

  it('when the centre does not exist, then the error is NOT_FOUND', async () => {
    const { body } = await gql(app, NEIGHBOURHOOD, { slug: 'atlantis' });

    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', id: 'atlantis' });
  });
});
