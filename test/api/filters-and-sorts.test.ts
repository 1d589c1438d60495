/** Root collections filtered and sorted in the database: kinds, names and aliases, dates, regions, mentions, relationships. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, testApp, testRunner, uniquePrefix } from '../helpers.js';
import { createNodes, deleteTestData } from './fixtures.js';

const app = testApp();
const cypher = testRunner();
const prefix = uniquePrefix('api-filter');
const source = `${prefix}-source`;
const mentioned = [`${prefix}-alpha`, `${prefix}-beta`] as const;

beforeAll(async () => {
  await createNodes(cypher, 'Actor', [
    { id: mentioned[0], name: 'Alpha Filterland', kind: 'state' },
    { id: mentioned[1], name: 'Beta Filterland', kind: 'state' },
    { id: `${prefix}-gamma`, name: 'Gamma Filterland', kind: 'state' },
  ]);
  await cypher.write(
    'Test.createMentions',
    `CREATE (s:Source {id: $source, title: 'Filter test document', kind: 'document', language: 'en'})
     WITH s UNWIND $mentioned AS id MATCH (n:Entity {id: id})
     CREATE (s)-[:MENTIONS {source: $source, start: 0, end: 5, matched: n.name, excerpt: n.name}]->(n)
     WITH DISTINCT s MATCH (eu:Entity {id: 'eu'})
     CREATE (s)-[:MENTIONS {source: $source, start: 10, end: 12, matched: 'EU', excerpt: 'the EU'}]->(eu)`,
    { source, mentioned },
  );
});

afterAll(async () => {
  await deleteTestData(cypher, prefix);
});

async function actors(filter: Record<string, unknown>, orderBy?: Record<string, unknown>) {
  const { body } = await gql(
    app,
    `query($filter: EntityFilter, $orderBy: EntityOrder) { actors(filter: $filter, orderBy: $orderBy, first: 100) { totalCount nodes { slug kind } } }`,
    { filter, orderBy },
  );
  expect(body.errors).toBeUndefined();
  return body.data.actors as { totalCount: number; nodes: Array<{ slug: string; kind: string }> };
}
const slugsOf = (c: { nodes: Array<{ slug: string }> }) => c.nodes.map((n) => n.slug);

describe('filters', () => {
  it('when actors are filtered by kind PERSON, then only the cited people come back', async () => {
    const people = await actors({ kinds: ['PERSON'] });
    expect(people.nodes.every((n) => n.kind === 'PERSON')).toBe(true);
    expect(slugsOf(people)).toEqual(
      expect.arrayContaining(['andre-barrinha', 'joyce-hakmeh', 'manantan', 'thomas-renard', 'allison-peters']),
    );
    expect(people.totalCount).toBe(people.nodes.length);
  });

  it('when the name filter is an Indonesian alias, then the node with that alias is found', async () => {
    expect(slugsOf(await actors({ nameContains: 'Jepang' }))).toEqual(['japan']);
    expect(slugsOf(await actors({ nameContains: 'korea selatan' }))).toEqual(['south-korea']);
    const eropa = slugsOf(await actors({ nameContains: 'eropa' }));
    expect(eropa).toEqual(expect.arrayContaining(['eu', 'council-of-europe', 'european-commission']));
  });

  it('when treaties are filtered by a date range, then a year bound includes every date in that year', async () => {
    const { body } = await gql(
      app,
      `{ from2022: treaties(filter: { dateFrom: "2022" }) { nodes { slug } }
         upTo2001: treaties(filter: { dateTo: "2001" }) { nodes { slug } }
         in2003: treaties(filter: { dateFrom: "2003-01", dateTo: "2003-01" }) { nodes { slug date } } }`,
    );
    const seeded = (nodes: Array<{ slug: string }>) => nodes.map((n) => n.slug).filter((s) => !s.startsWith('t-'));
    expect(seeded(body.data.from2022.nodes).sort()).toEqual(['second-additional-protocol', 'un-convention-against-cybercrime']);
    expect(seeded(body.data.upTo2001.nodes)).toEqual(['budapest-convention']);
    expect(body.data.in2003.nodes).toEqual([{ slug: 'additional-protocol-racism-xenophobia', date: '2003-01-28' }]);
  });

  it('when actors are filtered to those within the Western Balkans, then its three states come back', async () => {
    const within = await actors({ within: 'western-balkans' });
    expect(slugsOf(within)).toEqual(['bosnia-and-herzegovina', 'north-macedonia', 'serbia']);
    expect(within.totalCount).toBe(3);
  });

  it('when actors are filtered by the source that mentions them, then exactly the mentioned ones come back', async () => {
    const found = await actors({ mentionedIn: source });
    expect(slugsOf(found)).toEqual([mentioned[0], mentioned[1], 'eu']);
    expect(found.totalCount).toBe(3);
  });

  it('when actors must have relationships, then every condition applies (partners of both EUNITY and EU Cyber Direct: Japan)', async () => {
    const ecd = await actors({ hasRelationship: [{ type: 'PARTNER_IN', otherSlug: 'eu-cyber-direct' }] });
    expect(ecd.totalCount).toBe(9);
    const both = await actors({
      hasRelationship: [
        { type: 'PARTNER_IN', otherSlug: 'eu-cyber-direct' },
        { type: 'PARTNER_IN', otherSlug: 'eunity' },
      ],
    });
    expect(slugsOf(both)).toEqual(['japan']);
    const eu = await actors({
      slugs: ['eu', 'japan', 'austria'],
      hasRelationship: [{ type: 'MEMBER_OF', direction: 'IN', otherLabel: 'Actor' }],
    });
    expect(slugsOf(eu)).toEqual(['eu']);
  });
});

describe('sorts', () => {
  const balkans = { within: 'western-balkans' };

  it('when sorted by NAME ascending and descending, then the orders are each other’s reverse', async () => {
    expect(slugsOf(await actors(balkans, { field: 'NAME' }))).toEqual(['bosnia-and-herzegovina', 'north-macedonia', 'serbia']);
    expect(slugsOf(await actors(balkans, { field: 'NAME', direction: 'DESC' }))).toEqual([
      'serbia',
      'north-macedonia',
      'bosnia-and-herzegovina',
    ]);
  });

  it('when treaties are sorted by DATE, then the oldest come first (and last when descending)', async () => {
    const query = `query($d: SortDirection) { treaties(filter: { slugs: ["second-additional-protocol", "budapest-convention", "un-convention-against-cybercrime", "additional-protocol-racism-xenophobia"] }, orderBy: { field: DATE, direction: $d }) { nodes { slug date } } }`;
    const asc = (await gql(app, query, { d: 'ASC' })).body.data.treaties.nodes;
    const desc = (await gql(app, query, { d: 'DESC' })).body.data.treaties.nodes;
    expect(asc.map((n: any) => n.date)).toEqual(['2001-11-23', '2003-01-28', '2022-05-12', '2024-12-24']);
    expect(desc.map((n: any) => n.slug)).toEqual([...asc].reverse().map((n: any) => n.slug));
  });

  it('when partners of EU Cyber Direct are sorted by DEGREE over PARTNER_IN, then Japan (two programmes) comes first', async () => {
    const { body } = await gql(
      app,
      `{ actors(filter: { hasRelationship: [{ type: PARTNER_IN, otherSlug: "eu-cyber-direct" }] },
                orderBy: { field: DEGREE, direction: DESC, relationshipTypes: [PARTNER_IN], relationshipDirection: OUT }) {
           nodes { slug degree(types: [PARTNER_IN], direction: OUT) } } }`,
    );
    const nodes = body.data.actors.nodes;
    expect(nodes[0]).toEqual({ slug: 'japan', degree: 2 });
    expect(nodes.slice(1).every((n: any) => n.degree === 1)).toBe(true);
    const ascending = await actors(
      { hasRelationship: [{ type: 'PARTNER_IN', otherSlug: 'eu-cyber-direct' }] },
      { field: 'DEGREE', relationshipTypes: ['PARTNER_IN'], relationshipDirection: 'OUT' },
    );
    expect(slugsOf(ascending).at(-1)).toBe('japan');
  });
});
