/** Full-text search in English and Indonesian: forgiving matching, ranking users expect. */
import { describe, expect, it } from 'vitest';
import { gql, testApp } from '../helpers.js';

const app = testApp();

const SEARCH = `query($text: String!, $kinds: [EntityLabel!], $first: Int) {
  search(text: $text, kinds: $kinds, first: $first) { edges { score node { slug } } }
}`;

async function search(text: string, kinds?: string[], first = 10) {
  const response = await gql(app, SEARCH, { text, kinds, first });
  expect(response.body.errors).toBeUndefined();
  const edges = response.body.data.search.edges as Array<{ score: number; node: { slug: string } }>;
  return { slugs: edges.map((e) => e.node.slug), scores: edges.map((e) => e.score), statements: response.statements };
}

async function topHit(text: string, kinds?: string[]) {
  return (await search(text, kinds)).slugs[0];
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

describe('search that forgives', () => {
  it('when not every word matches ("avoid cyberattacks on hospitals or power grids"), then the node with most of them still comes back', async () => {
    expect((await search('avoid cyberattacks on hospitals or power grids')).slugs.slice(0, 3)).toContain('gge-norm-13f');
    expect((await search('arsenal of cyber diplomacy')).slugs.slice(0, 3)).toContain('cyber-diplomacy');
  });

  it('when a word is hyphenated where the name writes it as one ("Cyber-space"), or split where the name joins it, then the name is found', async () => {
    expect(await topHit('Committee of Experts on Crime in Cyber-space')).toBe('coe-committee-of-experts-on-crime-in-cyberspace');
    expect(await topHit('multistakeholder diplomacy')).toBe('multi-stakeholder-diplomacy');
    expect(await topHit('cyber security')).toBe('cybersecurity');
    expect(await topHit('cyberattack')).toBe('cyber-attacks');
  });

  it('when a word has a typo or another ending ("Budapets", "sanction"), then the node is still found', async () => {
    expect(await topHit('Budapets Convention')).toBe('budapest-convention');
    expect(await topHit('cyber sanction regime')).toBe('eu-cyber-sanctions-regime');
  });

  it('when doc-000\'s own words for the sanctions regime are searched ("rezim sanksi", "sanksi"), then the regime comes first', async () => {
    expect(await topHit('rezim sanksi')).toBe('eu-cyber-sanctions-regime');
    expect(await topHit('sanksi')).toBe('eu-cyber-sanctions-regime');
  });

  it('when an Indonesian word carries affixes the alias does not ("melindungi pembela HAM"), then the stemmed index finds it', async () => {
    expect((await search('melindungi pembela HAM')).slugs.slice(0, 3)).toContain('human-rights-defender-protection');
    expect(await topHit('penguatan penegakan hukum')).toBe('law-enforcement-strengthening');
  });

  it('when the text holds Lucene syntax, then it is read as words, never as a query, and never fails', async () => {
    for (const text of [
      'EU AND (',
      'name:"European',
      'NOT cyber',
      '*',
      'cyber~2^9',
      '[1 TO 5]',
      'a\\b/c',
      '+-&&||!{}',
      'on or the',
      'yang dan',
      'who?',
    ]) {
      const response = await gql(app, SEARCH, { text, first: 5 });
      const errors = response.body.errors ?? [];
      expect(
        errors.every((e) => e.extensions?.code === 'BAD_USER_INPUT'),
        `${text}: ${JSON.stringify(errors)}`,
      ).toBe(true);
    }
    expect(await topHit('EU AND (')).toBe('eu');
    expect(await topHit('name:"European Union"')).toBe('eu');
  });

  it('when the text has no letter or digit, then it is refused as bad input', async () => {
    const { body } = await gql(app, SEARCH, { text: '?!-' });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('search that ranks like users expect', () => {
  it('when the text is a name or an alias ("EU", "cyber diplomacy", "UE"), then that node comes first', async () => {
    expect(await topHit('EU')).toBe('eu');
    expect(await topHit('UE')).toBe('eu');
    expect(await topHit('cyber diplomacy')).toBe('cyber-diplomacy');
    expect(await topHit('convention on cybercrime')).toBe('budapest-convention');
  });

  it('when two names differ only by punctuation ("GLACY" and "GLACY+"), then the one written as typed comes first', async () => {
    expect((await search('GLACY+')).slugs.slice(0, 2)).toEqual(['glacy-plus', 'glacy']);
    expect((await search('GLACY')).slugs.slice(0, 2)).toEqual(['glacy', 'glacy-plus']);
  });

  it('when some hits have every word and others only some, then every-word hits rank first and scores fall with the rank', async () => {
    const { slugs, scores } = await search('human rights defenders', undefined, 20);
    expect(slugs[0]).toBe('human-rights-defenders');
    expect(slugs.indexOf('human-rights-defender-protection')).toBeLessThan(slugs.indexOf('human-rights'));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // The integer part of a score is its tier: 4 exact name as typed, 2 every word, 1 some words.
    expect(Math.floor(scores[0]!)).toBe(4);
    expect(Math.floor(scores.at(-1) as number)).toBe(1);
  });

  it('when searching, then one Cypher statement answers the page (two with totalCount), whatever the kinds', async () => {
    expect((await search('cyber diplomacy', ['Topic', 'Instrument'])).statements).toBe(1);
    const counted = await gql(app, '{ search(text: "sanksi", first: 2) { totalCount nodes { slug } } }');
    expect(counted.statements).toBe(2);
    expect(counted.body.data.search.totalCount).toBeGreaterThanOrEqual(counted.body.data.search.nodes.length);
  });

  it('when kinds are given, then only those kinds come back, best first', async () => {
    const { body } = await gql(app, '{ search(text: "cyber diplomacy", kinds: [Instrument], first: 10) { nodes { __typename slug } } }');
    const nodes = body.data.search.nodes as Array<{ __typename: string; slug: string }>;
    expect(new Set(nodes.map((n) => n.__typename))).toEqual(new Set(['Instrument']));
    expect(
      nodes
        .slice(0, 3)
        .map((n) => n.slug)
        .sort(),
    ).toEqual(['council-conclusions-cyber-diplomacy', 'cyber-diplomacy-toolbox', 'eu-cyber-diplomacy-strategy']);
  });
});
