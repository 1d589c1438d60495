/**
 * The No-N+1 proof: a query four levels deep (programmes -> partners -> their programmes -> their
 * partners, with each relationship's source at every level) runs a number of Cypher statements
 * bounded by its depth, and the number does not change when the network doubles in size.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, testApp, testRunner, uniquePrefix } from '../helpers.js';
import { createEdges, createNodes, deleteTestData } from './fixtures.js';

// The nested pages below (100 x 100 x 100 x 99) are far over the default MAX_QUERY_COMPLEXITY,
// which exists to refuse exactly such queries; this test is about batching, so it raises it.
const app = testApp({ MAX_QUERY_COMPLEXITY: 1_000_000_000 });
const cypher = testRunner();
const prefix = uniquePrefix('api-batch');
const SOURCES = ['doc-000', 'doc-001', 'doc-002', 'doc-003'];

interface Network {
  programmes: string[];
  partners: string[];
  /** programme slug -> its partners' slugs */
  partnersOf: Map<string, string[]>;
  /** partner slug -> its programmes' slugs */
  programmesOf: Map<string, string[]>;
}

/**
 * `programmeCount` programmes and 8 partners per programme; partner i joins programmes i and i+1
 * (mod the count), and every fourth partner a third one, so partners are shared across programmes.
 */
async function createNetwork(name: string, programmeCount: number): Promise<Network> {
  const programmes = Array.from({ length: programmeCount }, (_, i) => `${prefix}-${name}-prog-${i}`);
  const partners = Array.from({ length: programmeCount * 8 }, (_, i) => `${prefix}-${name}-partner-${String(i).padStart(3, '0')}`);
  const partnersOf = new Map(programmes.map((p) => [p, [] as string[]]));
  const programmesOf = new Map(partners.map((p) => [p, [] as string[]]));
  const edges = partners.flatMap((partner, i) => {
    const joined = new Set([i % programmeCount, (i + 1) % programmeCount, ...(i % 4 === 0 ? [(i + 2) % programmeCount] : [])]);
    return [...joined].map((j) => {
      partnersOf.get(programmes[j]!)!.push(partner);
      programmesOf.get(partner)!.push(programmes[j]!);
      return { from: partner, to: programmes[j]!, source: SOURCES[i % SOURCES.length]!, props: { role: 'partner' } };
    });
  });
  await createNodes(
    cypher,
    'Programme',
    programmes.map((id, i) => ({ id, name: `Batch ${name} programme ${i}`, kind: 'programme' })),
  );
  await createNodes(
    cypher,
    'Actor',
    partners.map((id, i) => ({ id, name: `Batch ${name} partner ${String(i).padStart(3, '0')}`, kind: 'coalition' })),
  );
  await createEdges(cypher, 'PARTNER_IN', edges);
  return { programmes, partners, partnersOf, programmesOf };
}

const NESTED = `query Nested($slugs: [String!]) {
  programmes(filter: { slugs: $slugs }, first: 100) {
    totalCount
    nodes {
      slug
      partners(first: 100) {
        totalCount
        edges {
          role
          evidence { source { title } }
          node {
            slug
            programmes(first: 100) {
              totalCount
              edges {
                evidence { source { title } }
                node {
                  slug
                  partners(first: 99) {
                    totalCount
                    edges { evidence { source { title } } node { slug } }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}`;

let small: Network;
let large: Network;

beforeAll(async () => {
  small = await createNetwork('small', 3);
  large = await createNetwork('large', 6);
});

afterAll(async () => {
  await deleteTestData(cypher, prefix);
});

describe('batching of nested relationship fields', () => {
  it('when programmes -> partners -> programmes -> partners is asked for, then the answer matches the network at every level', async () => {
    const { body } = await gql(app, NESTED, { slugs: small.programmes });
    expect(body.errors).toBeUndefined();
    const programmes = body.data.programmes;
    expect(programmes.totalCount).toBe(3);
    for (const programme of programmes.nodes) {
      const expected = small.partnersOf.get(programme.slug)!;
      expect(expected.length).toBeGreaterThanOrEqual(17);
      expect(programme.partners.totalCount).toBe(expected.length);
      expect(programme.partners.edges.map((e: any) => e.node.slug).sort()).toEqual([...expected].sort());
      for (const edge of programme.partners.edges) {
        expect(edge.role).toBe('partner');
        expect(edge.node.programmes.edges.map((e: any) => e.node.slug).sort()).toEqual([...small.programmesOf.get(edge.node.slug)!].sort());
        for (const back of edge.node.programmes.edges) {
          expect(back.node.partners.totalCount).toBe(small.partnersOf.get(back.node.slug)!.length);
          expect(back.evidence.source.title.length).toBeGreaterThan(0);
        }
      }
    }
    // Partners are shared: some take part in all three programmes.
    expect(small.partners.filter((p) => small.programmesOf.get(p)!.length === 3).length).toBeGreaterThan(0);
    const titles = new Set(programmes.nodes.flatMap((p: any) => p.partners.edges.map((e: any) => e.evidence.source.title)));
    expect(titles.size).toBe(SOURCES.length);
  });

  it('when the same query runs on a network twice the size, then it runs the same, depth-bounded number of statements', async () => {
    const smallRun = await gql(app, NESTED, { slugs: small.programmes });
    const largeRun = await gql(app, NESTED, { slugs: large.programmes });
    expect(largeRun.body.errors).toBeUndefined();
    expect(largeRun.body.data.programmes.totalCount).toBe(6);
    const edgesAtLevel2 = (r: typeof smallRun) =>
      r.body.data.programmes.nodes.reduce((n: number, p: any) => n + p.partners.edges.length, 0);
    expect(edgesAtLevel2(largeRun)).toBe(2 * edgesAtLevel2(smallRun));

    // Per level: one statement for the edges, one for totalCount, and sources through one loader.
    const levels = 4;
    expect(Number.isInteger(smallRun.statements)).toBe(true);
    expect(smallRun.statements).toBeLessThanOrEqual(2 * levels + 3);
    expect(largeRun.statements).toBe(smallRun.statements);
  });
});
