/**
 * Relay pagination both ways: reading forward with first/after to the end and back with
 * last/before gives the same rows in the same order, agrees with totalCount, and pageInfo says
 * truthfully whether another page exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, testApp, testRunner, uniquePrefix } from '../helpers.js';
import { createEdges, createNodes, deleteTestData } from './fixtures.js';

const app = testApp();
const cypher = testRunner();
const prefix = uniquePrefix('api-page');
const treaty = `${prefix}-treaty`;
const states = Array.from({ length: 25 }, (_, i) => ({
  id: `${prefix}-state-${String(i).padStart(2, '0')}`,
  name: `Pagestate ${String(i).padStart(2, '0')}`,
  kind: 'state',
}));

beforeAll(async () => {
  await createNodes(cypher, 'Treaty', [{ id: treaty, name: 'Pagination Test Convention', kind: 'convention' }]);
  await createNodes(cypher, 'Actor', states);
  await createEdges(
    cypher,
    'SIGNED',
    states.map((s) => ({ from: s.id, to: treaty, props: { date: '2010' } })),
  );
});

afterAll(async () => {
  await deleteTestData(cypher, prefix);
});

interface PageResult {
  slugs: string[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/** Reads every page forward, then every page backward, with the given page function. */
async function readBothWays(page: (args: Record<string, unknown>) => Promise<PageResult>, size: number) {
  const forward: PageResult[] = [];
  let after: string | null = null;
  do {
    const result = await page({ first: size, after });
    forward.push(result);
    after = result.pageInfo.endCursor;
    if (forward.length > 50) throw new Error('forward paging does not end');
  } while (forward.at(-1)!.pageInfo.hasNextPage);

  const backward: PageResult[] = [];
  let before: string | null = null;
  do {
    const result = await page({ last: size, before });
    backward.push(result);
    before = result.pageInfo.startCursor;
    if (backward.length > 50) throw new Error('backward paging does not end');
  } while (backward.at(-1)!.pageInfo.hasPreviousPage);
  return { forward, backward };
}

function expectConsistent({ forward, backward }: { forward: PageResult[]; backward: PageResult[] }, size: number) {
  const total = forward[0]!.totalCount;
  const forwardRows = forward.flatMap((p) => p.slugs);
  const backwardRows = [...backward].reverse().flatMap((p) => p.slugs);
  expect(forwardRows).toHaveLength(total);
  expect(new Set(forwardRows).size).toBe(total);
  expect(backwardRows).toEqual(forwardRows);
  expect(forward).toHaveLength(Math.ceil(total / size));
  forward.forEach((p, i) => {
    expect(p.totalCount).toBe(total);
    expect(p.pageInfo.hasPreviousPage).toBe(i > 0);
    expect(p.pageInfo.hasNextPage).toBe(i < forward.length - 1);
  });
  backward.forEach((p, i) => {
    expect(p.pageInfo.hasNextPage).toBe(i > 0);
    expect(p.pageInfo.hasPreviousPage).toBe(i < backward.length - 1);
  });
  return forwardRows;
}

describe('pagination of a root collection', () => {
  const page = async (args: Record<string, unknown>): Promise<PageResult> => {
    const { body } = await gql(
      app,
      `query($first: Int, $after: String, $last: Int, $before: String) {
        actors(filter: { within: "eu", kinds: [STATE] }, first: $first, after: $after, last: $last, before: $before) {
          totalCount nodes { slug } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
      args,
    );
    expect(body.errors).toBeUndefined();
    const c = body.data.actors;
    return { slugs: c.nodes.map((n: any) => n.slug), pageInfo: c.pageInfo, totalCount: c.totalCount };
  };

  it('when the 27 EU member states are read 5 at a time forward and then backward, then both readings agree with each other and with totalCount', async () => {
    const pages = await readBothWays(page, 5);
    const rows = expectConsistent(pages, 5);
    expect(pages.forward[0]!.totalCount).toBe(27);
    expect(pages.forward.map((p) => p.slugs.length)).toEqual([5, 5, 5, 5, 5, 2]);
    expect(pages.backward.map((p) => p.slugs.length)).toEqual([5, 5, 5, 5, 5, 2]);
    expect(rows[0]).toBe('austria');
    expect(rows.at(-1)).toBe('sweden');
  });

  it('when a page is read after the last cursor, then it is empty and says there is nothing after it', async () => {
    const last = await page({ last: 1 });
    const beyond = await page({ first: 5, after: last.pageInfo.endCursor });
    expect(beyond.slugs).toEqual([]);
    expect(beyond.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null });
  });
});

describe('pagination of a relationship field', () => {
  const page = async (args: Record<string, unknown>): Promise<PageResult> => {
    const { body } = await gql(
      app,
      `query($slug: String!, $first: Int, $after: String, $last: Int, $before: String) {
        treaty(slug: $slug) { parties(status: SIGNED, first: $first, after: $after, last: $last, before: $before) {
          totalCount edges { node { slug } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`,
      { slug: treaty, ...args },
    );
    expect(body.errors).toBeUndefined();
    const c = body.data.treaty.parties;
    return { slugs: c.edges.map((e: any) => e.node.slug), pageInfo: c.pageInfo, totalCount: c.totalCount };
  };

  it('when 25 signatories are read 5 at a time (an exact multiple), then the last page says there is no next page and the readings agree', async () => {
    const pages = await readBothWays(page, 5);
    const rows = expectConsistent(pages, 5);
    expect(rows).toEqual(states.map((s) => s.id));
  });

  it('when pages of 7 are read, then the remainder page holds the last 4 and backward reading starts with it', async () => {
    const pages = await readBothWays(page, 7);
    expectConsistent(pages, 7);
    expect(pages.forward.map((p) => p.slugs.length)).toEqual([7, 7, 7, 4]);
    expect(pages.backward.map((p) => p.slugs.length)).toEqual([7, 7, 7, 4]);
    expect(pages.backward[0]!.slugs).toEqual(states.slice(18).map((s) => s.id));
  });
});
