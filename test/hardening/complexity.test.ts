/**
 * The query-cost estimate (src/builder.ts) is the worst-case number of objects a query can
 * return: each page multiplies what is selected under it once, and scalars are free. A real
 * 2-level query fits under the default MAX_QUERY_COMPLEXITY; nested pages that multiply into
 * millions of objects do not.
 */
import { complexityFromQuery } from '@pothos/plugin-complexity';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/limits.js';
import { schema } from '../../src/schema.js';

const cost = (query: string) => complexityFromQuery(query, { schema }).complexity;

describe('the query cost estimate', () => {
  it("when a programme's 50 partners are asked with evidence and 5 memberships each, then the cost counts every object once", () => {
    const query = `{ programme(slug: "p") { slug name
      partners(first: 50) { edges { role since evidence { sourceSlug excerpt asOf }
        node { slug name kind memberOf(first: 5) { edges { since evidence { sourceSlug excerpt } node { slug name } } } } } } } }`;
    // programme + partners connection + 50 x (edge, evidence, node, memberOf connection + 5 x (edge, evidence, node))
    expect(cost(query)).toBe(1 + 1 + 50 * (4 + 5 * 3));
    expect(cost(query)).toBeLessThan(DEFAULT_LIMITS.maxComplexity);
  });

  it('when edges or nodes of a connection are selected, then they are counted once per page item, not ten times', () => {
    expect(cost('{ programme(slug: "p") { partners(first: 50) { edges { node { slug } } } } }')).toBe(2 + 50 * 2);
    expect(cost('{ programme(slug: "p") { partners(first: 50) { nodes { slug } } } }')).toBe(2 + 50);
    expect(cost('{ programme(slug: "p") { partners { nodes { slug } } } }')).toBe(2 + DEFAULT_LIMITS.defaultPageSize);
  });

  it('when a list that is not a connection is named nodes or edges, then it is still a list', () => {
    // Subgraph.nodes is a real list (up to maxNodes), not one page item.
    expect(cost('{ neighbourhood(slug: "eu") { nodes { id } } }')).toBe(1 + 10);
  });

  it('when pages nest three deep at 100 each, then the cost is in the millions and the query is refused', () => {
    const query = '{ actors(first: 100) { nodes { programmes(first: 100) { nodes { partners(first: 100) { nodes { slug } } } } } } }';
    expect(cost(query)).toBe(1 + 100 * (2 + 100 * (2 + 100)));
    expect(cost(query)).toBeGreaterThan(DEFAULT_LIMITS.maxComplexity);
  });
});
