/** Full-text search in English and Indonesian: aliases, accents, prefixes. */
import { describe, expect, it } from 'vitest';
import { gql, testApp } from '../helpers.js';

const app = testApp();

async function topHit(text: string, kinds?: string[]) {
  const { body } = await gql(app, `query($text: String!, $kinds: [EntityLabel!]) { search(text: $text, kinds: $kinds, first: 5) { nodes { slug } } }`, { text, kinds });
  expect(body.errors).toBeUndefined();
  return body.data.search.nodes[0]?.slug;
}

describe('search in Indonesian and English', () => {
  it('when searching for the Indonesian names "Uni Eropa", "Jepang" and "Korea Selatan", then the EU, Japan and South Korea rank first', async () => {
    expect(await topHit('Uni Eropa')).toBe('eu');
    expect(await topHit('Jepang')).toBe('japan');
    expect(await topHit('Korea Selatan')).toBe('south-korea');
  });

  it('when searching without the accent ("andre barrinha"), then André Barrinha is found', async () => {
    expect(await topHit('andre barrinha')).toBe('andre-barrinha');
    expect(await topHit('André Barrinha')).toBe('andre-barrinha');
  });

  it('when the last word is only a prefix ("konvensi buda"), then the Budapest Convention is found', async () => {
    expect(await topHit('konvensi buda', ['Treaty'])).toBe('budapest-convention');
  });

  it('when results are paged, then the pages follow the ranking without gaps and totalCount counts them all', async () => {
    const query = `query($after: String) { search(text: "cyber", first: 3, after: $after) { totalCount nodes { slug } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;
    const all = (await gql(app, `{ search(text: "cyber", first: 6) { nodes { slug } } }`)).body.data.search.nodes;
    const first = (await gql(app, query)).body.data.search;
    const second = (await gql(app, query, { after: first.pageInfo.endCursor })).body.data.search;
    expect([...first.nodes, ...second.nodes]).toEqual(all);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(second.pageInfo.hasPreviousPage).toBe(true);
    expect(first.totalCount).toBeGreaterThan(6);
  });
});
