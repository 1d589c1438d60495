/**
 * Cost limits that refuse abuse, not analysts. A relationship page asked at its default size
 * counts what it can really hold on this graph (never more than the busiest node's
 * relationships of its types); pages asked for explicitly count as asked. So every example and
 * every ordinary three-level query with evidence is accepted, while deep fan-outs at the maximum
 * page size and alias bombs are still refused, naming the limit.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { complexityFromQuery } from '@pothos/plugin-complexity';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/limits.js';
import { OPERATIONS_DIR } from '../../src/persisted-operations.js';
import { schema } from '../../src/schema.js';
import { gql, testApp } from '../helpers.js';

const app = testApp();
const cost = (query: string) => complexityFromQuery(query, { schema }).complexity;

/** The EU's priorities, each priority's subjects, with excerpts: the three levels. */
const PRIORITIES_AND_SUBJECTS = `
  priorities { edges { evidence { excerpt source { title } } node { slug name
    ... on Topic { subjects { edges { evidence { excerpt } node { slug name } } } } } } }`;

const THREE_LEVEL_QUERIES: Record<string, string> = {
  'under actor(slug:)': `{ actor(slug: "eu") { name ${PRIORITIES_AND_SUBJECTS} } }`,
  'under the actors root': `{ actors(filter: { slugs: ["eu"] }) { nodes { name ${PRIORITIES_AND_SUBJECTS} } } }`,
  'under the entities root': `{ entities(filter: { nameContains: "European Union" }) { nodes { name ... on Actor { ${PRIORITIES_AND_SUBJECTS} } } } }`,
  'members, their memberships, with evidence': `{ actors { nodes { name members { edges { evidence { excerpt } node { name
      memberOf { edges { evidence { excerpt asOf } node { name } } } } } } } } }`,
  'programmes, partners, their treaties': `{ programmes { nodes { name partners { edges { role evidence { excerpt } node { name
      ... on Actor { treaties { edges { date evidence { excerpt } node { name } } } } } } } } } }`,
};

beforeAll(async () => {
  // The first request reads the graph's degree statistics; costs below use them.
  expect((await gql(app, '{ __typename }')).body.errors).toBeUndefined();
});

describe('what analysts ask is accepted', () => {
  for (const [name, query] of Object.entries(THREE_LEVEL_QUERIES)) {
    it(`when a three-level query with evidence runs at default page sizes ${name}, then it is answered`, async () => {
      const { body } = await gql(app, query);
      expect(body.errors).toBeUndefined();
      expect(cost(query)).toBeLessThanOrEqual(DEFAULT_LIMITS.maxComplexity);
    });
  }

  it('when the EU’s priorities are read under the actors root, then its subjects come back with excerpts', async () => {
    const { body } = await gql(app, THREE_LEVEL_QUERIES['under the actors root']!);
    const eu = body.data.actors.nodes[0];
    const subjects = eu.priorities.edges.flatMap((e: any) => e.node.subjects?.edges ?? []);
    expect(eu.priorities.edges.length).toBeGreaterThan(3);
    expect(subjects.length).toBeGreaterThan(0);
    expect(subjects[0].evidence.excerpt).toEqual(expect.any(String));
  });

  it('when every example operation in schema/examples is costed, then each is within the limit (the example tests run them)', () => {
    const files = readdirSync(OPERATIONS_DIR).filter((f) => f.endsWith('.graphql'));
    expect(files.length).toBeGreaterThanOrEqual(19);
    for (const file of files) {
      expect(cost(readFileSync(path.join(OPERATIONS_DIR, file), 'utf8')), file).toBeLessThanOrEqual(DEFAULT_LIMITS.maxComplexity);
    }
  });

  it('when a default page is costed, then it counts at most the busiest node’s relationships, and an explicit page counts as asked', () => {
    const defaultPage = cost('{ actor(slug: "eu") { priorities { nodes { slug } } } }');
    const askedPage = cost('{ actor(slug: "eu") { priorities(first: 20) { nodes { slug } } } }');
    expect(askedPage).toBe(2 + 20);
    expect(defaultPage).toBeLessThanOrEqual(askedPage);
    expect(defaultPage).toBeGreaterThan(2);
  });
});

describe('abuse is still refused, naming the limit', () => {
  it('when pages nest three deep at the maximum page size, then the query is refused with MAX_QUERY_COMPLEXITY', async () => {
    const { body } = await gql(
      app,
      '{ actors(first: 100) { nodes { memberOf(first: 100) { nodes { ... on Actor { members(first: 100) { nodes { slug } } } } } } } }',
    );
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'MAX_QUERY_COMPLEXITY' });
    expect(body.errors?.[0]?.message).toContain('MAX_QUERY_COMPLEXITY');
  });

  it('when thirty aliases each ask a three-level page at the maximum size, then the query is refused with MAX_QUERY_COMPLEXITY', async () => {
    const one = (i: number) => `a${i}: actors(first: 100) { nodes { memberOf(first: 100) { nodes { slug } } } }`;
    const query = `{ ${Array.from({ length: 30 }, (_, i) => one(i)).join('\n')} }`;
    const { body } = await gql(app, query);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'MAX_QUERY_COMPLEXITY' });
  });

  it('when thirty aliases each repeat an ordinary three-level query, then the sum is refused with MAX_QUERY_COMPLEXITY', async () => {
    const one = (i: number) => `a${i}: actors { nodes { name ${PRIORITIES_AND_SUBJECTS} } }`;
    const query = `{ ${Array.from({ length: 30 }, (_, i) => one(i)).join('\n')} }`;
    const { body } = await gql(app, query);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'MAX_QUERY_COMPLEXITY' });
  });
});
