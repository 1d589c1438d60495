/**
 * The relevance set holds: every query of test/search/relevance-set.yaml (English and
 * Indonesian) finds its node first, or among the first three, through `search(text:)` on the
 * seeded graph. `npm run bench:relevance` reports the same set as precision@1 and recall@5.
 */
import { describe, expect, it } from 'vitest';
import { readRelevanceSet } from '../../bench/relevance.js';
import { gql, testApp } from '../helpers.js';

const app = testApp();
const set = await readRelevanceSet();

/** Slugs of the first hits. Other test files write nodes with `t-` ids while this one runs; they are not the seed's. */
async function hits(text: string): Promise<string[]> {
  const { body } = await gql(app, 'query($text: String!) { search(text: $text, first: 20) { nodes { slug } } }', { text });
  expect(body.errors).toBeUndefined();
  return (body.data.search.nodes as Array<{ slug: string }>).map((n) => n.slug).filter((slug) => !slug.startsWith('t-'));
}

describe('the search relevance set', () => {
  it('has queries in both languages, each naming a node of the seed', async () => {
    expect(set.filter((q) => q.lang === 'en').length).toBeGreaterThanOrEqual(20);
    expect(set.filter((q) => q.lang === 'id').length).toBeGreaterThanOrEqual(20);
    for (const slug of new Set(set.map((q) => q.expect))) {
      const { body } = await gql(app, 'query($slug: String!) { entity(slug: $slug) { slug } }', { slug });
      expect(body.data?.entity?.slug, slug).toBe(slug);
    }
  });

  describe.each([
    ['English', 'en'],
    ['Indonesian', 'id'],
  ] as const)('in %s', (_language, lang) => {
    it.each(set.filter((q) => q.lang === lang).map((q) => [q.query, q.expect, q.within] as const))(
      'when searching "%s", then %s is within the first %i',
      async (query, expected, within) => {
        const top = await hits(query);
        expect(top.slice(0, within), `first hits: ${top.slice(0, 5).join(', ')}`).toContain(expected);
      },
    );
  });
});
