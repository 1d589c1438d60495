/** How a search text becomes Lucene queries: words only, never syntax; compounds, stems and stop words. */
import { describe, expect, it } from 'vitest';
import { buildSearchQuery, escapeLucene, searchTerms } from '../../src/modules/search/search.lucene.js';

describe('building the search queries', () => {
  it('when the text has accents, capitals and punctuation, then the words are folded and the punctuation is gone', () => {
    expect(searchTerms('André  BARRINHA, (2021)!')).toEqual(['andre', 'barrinha', '2021']);
    expect(buildSearchQuery('?!- ')).toBeNull();
  });

  it('when the text holds Lucene syntax, then none of it reaches the queries', () => {
    const query = buildSearchQuery('title:"EU" AND (x* OR y~2^9) [1 TO 5] \\ /') as NonNullable<ReturnType<typeof buildSearchQuery>>;
    for (const lucene of [query.any, query.all, query.names, query.stemAny, query.stemAll]) {
      expect(lucene).not.toMatch(/title:|\bAND\b(?! )|x\*\*|\[1/);
      expect(lucene).not.toContain('\\');
    }
    expect(query.exactWords).toEqual(['title', 'eu', 'x', 'y', '2', '9', '1', '5']);
    expect(escapeLucene('a+b-c&&d||e!(f){g}[h]^i"j~k*l?m:n\\o/p')).toBe(
      'a\\+b\\-c\\&\\&d\\|\\|e\\!\\(f\\)\\{g\\}\\[h\\]\\^i\\"j\\~k\\*l\\?m\\:n\\\\o\\/p',
    );
  });

  it('when a word is hyphenated, then the parts as a phrase and the joined word are alternatives of one required slot', () => {
    const query = buildSearchQuery('crime in cyber-space') as NonNullable<ReturnType<typeof buildSearchQuery>>;
    expect(query.all).toContain('+(searchNames:(crime^1');
    expect(query.all).toContain('+(searchNames:("cyber space"^1 OR cyberspace^1');
    expect(query.all).not.toContain('(in^1');
    expect(query.all.match(/\+\(/g)).toHaveLength(2);
  });

  it('when a long word could be two ("multistakeholder"), then its two-word splits are alternatives', () => {
    expect(buildSearchQuery('multistakeholder')?.any).toContain('"multi stakeholder"');
  });

  it('when every word is a stop word ("on or the"), then the words are still searched rather than nothing', () => {
    const all = buildSearchQuery('on or the')?.all ?? '';
    expect(all.match(/\+\(searchNames:\((on|or|the)\^1/g)).toHaveLength(3);
    expect(buildSearchQuery('on or the')?.stopWords).toEqual([]);
  });

  it('when a word is long enough, then one typo and a prefix are tolerated; short words and numbers are taken as written', () => {
    const query = buildSearchQuery('budapets eu 2019') as NonNullable<ReturnType<typeof buildSearchQuery>>;
    expect(query.any).toContain('budapets~1');
    expect(query.any).toContain('budapets*');
    expect(query.any).not.toMatch(/eu[*~]|2019[*~]/);
  });
});
