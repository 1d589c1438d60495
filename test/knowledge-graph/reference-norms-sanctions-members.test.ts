/**
 * The rest of the reference layer through the API: the eleven 2015 GGE norms with their letters,
 * resolutions 70/237 and 74/247 (sponsors, vote), the EU cyber sanctions listings of 30 July 2020
 * with their grounds, and the members of organisations the documents name, each with its source.
 */
import { describe, expect, it } from 'vitest';
import { gql, testApp } from '../helpers.js';

const app = testApp();

async function query(text: string, variables: Record<string, unknown> = {}) {
  const res = await gql(app, text, variables);
  expect(res.body.errors).toBeUndefined();
  return res.body.data;
}

describe('the eleven norms of the 2015 UN GGE report (A/70/174, paragraph 13)', () => {
  it('when the report is asked for the norms it defines, then (a) to (k) are there, each with its paragraph and a cited source', async () => {
    const data = await query(
      `{ instrument(slug: "un-gge-report-2015") { defines(first: 50) { edges { paragraph node { slug code } evidence { source { url } } } } } }`,
    );
    const paragraphs = new Set((data.instrument.defines.edges as any[]).map((e) => e.paragraph));
    expect([...paragraphs].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'].map((l) => `13(${l})`));
    for (const e of data.instrument.defines.edges) expect(e.evidence.source.url).toMatch(/^https:\/\//);
  });

  it('when the hospitals and power grids norm is asked, then it is 13(f), defined in A/70/174 and still linked to the documents', async () => {
    const data = await query(`{ norm(slug: "gge-norm-13f") { code aliases definedIn(first: 5) { edges { paragraph } } } }`);
    expect(data.norm.code).toBe('A/70/174 para. 13(f)');
    expect(data.norm.aliases).toContain('hospitals and power grids norm');
    expect(data.norm.definedIn.edges.map((e: any) => e.paragraph)).toContain('13(f)');
  });

  it('when norm 13(k) is asked, then it is about emergency response teams', async () => {
    const data = await query(`{ norm(slug: "gge-norm-13k") { name code } }`);
    expect(data.norm).toEqual({ name: 'Norm 13(k): do no harm to emergency response teams', code: 'A/70/174 para. 13(k)' });
  });
});

describe('UN General Assembly resolutions 70/237 and 74/247', () => {
  it('when resolution 70/237 is asked, then it supports the 2015 GGE report', async () => {
    const data = await query(`{ instrument(slug: "unga-resolution-70-237") { code supports(first: 5) { nodes { slug } } } }`);
    expect(data.instrument.code).toBe('A/RES/70/237');
    expect(data.instrument.supports.nodes.map((n: any) => n.slug)).toEqual(['un-gge-report-2015']);
  });

  it('when resolution 74/247 is asked, then its eight sponsors and its recorded vote (79 for, 60 against, 33 abstentions) are there', async () => {
    const data = await query(`{ instrument(slug: "unga-resolution-74-247") {
      ledBy(first: 20) { nodes { slug } }
      facts { property count evidence { sourceSlug } }
    } }`);
    // doc-002 also says Russia led it: one slug, two edges.
    expect([...new Set(data.instrument.ledBy.nodes.map((n: any) => n.slug))].sort()).toEqual([
      'belarus',
      'cambodia',
      'china',
      'myanmar',
      'nicaragua',
      'north-korea',
      'russia',
      'venezuela',
    ]);
    const vote = Object.fromEntries(
      (data.instrument.facts as any[])
        .filter((f) => f.evidence.sourceSlug === 'vestnik-kavkaza-2019-12-28')
        .map((f) => [f.property, f.count]),
    );
    expect(vote).toEqual({ abstentions: 33, votesAgainst: 60, votesInFavour: 79 });
  });
});

describe('the EU cyber sanctions listings of 30 July 2020', () => {
  it('when Decision 2019/797 is asked for its listings, then six persons and three entities are listed on 2020-07-30 by Decision 2020/1127', async () => {
    const data = await query(`{ instrument(slug: "council-decision-2019-797") {
      listings(first: 50) { edges { date grounds act { slug } node { slug kind } evidence { asOf source { url } } } }
    } }`);
    const edges = (data.instrument.listings.edges as any[]).filter((e) => e.date === '2020-07-30');
    expect(edges).toHaveLength(9);
    expect(edges.filter((e) => e.node.kind === 'PERSON')).toHaveLength(6);
    expect(
      edges
        .filter((e) => e.node.kind === 'ENTITY')
        .map((e) => e.node.slug)
        .sort(),
    ).toEqual(['chosun-expo', 'gru-gtsst', 'huaying-haitai']);
    for (const e of edges) {
      expect(e).toMatchObject({ date: '2020-07-30', act: { slug: 'council-decision-2020-1127' }, evidence: { asOf: '2020-07-30' } });
      expect(e.evidence.source.url).toMatch(/^https:\/\//);
    }
    expect(edges.find((e) => e.node.slug === 'chosun-expo').grounds).toMatch(/WannaCry/);
  });

  it('when Chosun Expo is asked, then it is listed under the regime and involved in WannaCry, with the source saying so', async () => {
    const data = await query(`{ actor(slug: "chosun-expo") {
      listedUnder(first: 5) { nodes { slug } }
      involvedIn(first: 5) { edges { node { slug kind } evidence { excerpt } } }
    } }`);
    expect(data.actor.listedUnder.nodes.map((n: any) => n.slug)).toEqual(['council-decision-2019-797']);
    expect(data.actor.involvedIn.edges).toEqual([
      { node: { slug: 'wannacry', kind: 'INCIDENT' }, evidence: { excerpt: expect.stringContaining('WannaCry') } },
    ]);
  });

  it("when the GRU unit is asked, then NotPetya and the attacks on Ukraine's power grid are its incidents", async () => {
    const data = await query(`{ actor(slug: "gru-gtsst") { involvedIn(first: 5) { nodes { slug } } } }`);
    expect(data.actor.involvedIn.nodes.map((n: any) => n.slug).sort()).toEqual(['notpetya', 'ukraine-power-grid-attacks']);
  });
});

describe('the EU cyber sanctions listings of 22 October 2020', () => {
  it('when the Bundestag hack is asked, then Badin, Kostyukov and the GTsSS are involved and were listed on 2020-10-22', async () => {
    const data = await query(
      `{ event(slug: "bundestag-cyber-attack-2015") { involved(first: 5) { nodes { slug listedUnder(first: 2) { edges { date grounds } } } } } }`,
    );
    const nodes = data.event.involved.nodes as any[];
    expect(nodes.map((n) => n.slug).sort()).toEqual(['dmitry-badin', 'gru-gtsss', 'igor-kostyukov']);
    for (const n of nodes)
      expect(n.listedUnder.edges[0]).toMatchObject({ date: '2020-10-22', grounds: expect.stringContaining('Bundestag') });
  });

  it('when the regime is asked how many persons it lists, then each date a source counts stands side by side: 6 (2020-07-30), 8 (2020-10-22, 2022-05-16), 14 (2024-06-24), 17 (2025-01-27, 2025-05-12)', async () => {
    const data = await query(
      `{ instrument(slug: "eu-cyber-sanctions-regime") { facts(property: listedPersonCount) { count evidence { asOf } } } }`,
    );
    expect((data.instrument.facts as any[]).map((f) => [f.evidence.asOf, f.count]).sort()).toEqual([
      ['2020-07-30', 6],
      ['2020-10-22', 8],
      ['2022-05-16', 8],
      ['2024-06-24', 14],
      ['2025-01-27', 17],
      ['2025-05-12', 17],
    ]);
  });
});

describe('the EU cyber sanctions after 2020: renewals and the listings of 2024 and 2025', () => {
  it('when Decision 2019/797 is asked for its listings of 24 June 2024, then the six persons of Decision (CFSP) 2024/1779 are there with the groups the Council named', async () => {
    const data = await query(
      `{ instrument(slug: "council-decision-2019-797") { listings(first: 50) { edges { date grounds act { slug } node { slug involvedIn(first: 3) { nodes { slug } } } evidence { asOf source { url } } } } } }`,
    );
    const edges = (data.instrument.listings.edges as any[]).filter((e) => e.date === '2024-06-24');
    expect(edges.map((e) => e.node.slug).sort()).toEqual([
      'andrey-korinets',
      'maksim-galochkin',
      'mikhail-tsarev',
      'mykola-chernykh',
      'oleksandr-sklianko',
      'ruslan-peretyatko',
    ]);
    for (const e of edges) {
      expect(e.act.slug).toBe('council-decision-2024-1779');
      expect(e.evidence.source.url).toMatch(/^https?:\/\//);
    }
    const tsarev = edges.find((e) => e.node.slug === 'mikhail-tsarev');
    expect(tsarev.grounds).toContain('Conti');
    expect(tsarev.node.involvedIn.nodes.map((n: any) => n.slug)).toEqual(['conti-trickbot-ransomware']);
  });

  it('when the listings of 27 January 2025 are asked, then three GRU Unit 29155 officers are listed for the cyber-attacks against Estonia', async () => {
    const data = await query(
      `{ event(slug: "estonia-cyber-attacks-2020") { involved(first: 5) { nodes { slug listedUnder(first: 2) { edges { date grounds } } } } } }`,
    );
    const nodes = data.event.involved.nodes as any[];
    expect(nodes.map((n) => n.slug).sort()).toEqual(['nikolay-korchagin', 'vitaly-shevchenko', 'yuriy-denisov']);
    for (const n of nodes)
      expect(n.listedUnder.edges[0]).toMatchObject({ date: '2025-01-27', grounds: expect.stringContaining('Estonia') });
  });

  it('when the regime is asked for its parts, then the renewals of 2021, 2022 and 2025 are there, each adopted on its date', async () => {
    const data = await query(
      `{ instrument(slug: "eu-cyber-sanctions-regime") { parts(first: 20) { nodes { slug facts(property: adopted) { date } } } } }`,
    );
    const adopted = Object.fromEntries((data.instrument.parts.nodes as any[]).map((n) => [n.slug, n.facts.map((f: any) => f.date)]));
    expect(adopted).toMatchObject({
      'cyber-sanctions-renewal-2021-05-17': ['2021-05-17'],
      'cyber-sanctions-renewal-2022-05-16': ['2022-05-16'],
      'council-decision-2024-1779': ['2024-06-24'],
      'cyber-sanctions-listings-2025-01-27': ['2025-01-27'],
      'cyber-sanctions-renewal-2025-05-12': ['2025-05-12'],
    });
  });
});

describe('members of the organisations the documents name', () => {
  it('when ASEAN is asked for its members, then the ten of 2010 and Timor-Leste (2025) are there, each with the date it joined', async () => {
    const data = await query(
      `{ actor(slug: "asean") { members(first: 20) { edges { since node { slug } evidence { source { url } } } } } }`,
    );
    const since = Object.fromEntries((data.actor.members.edges as any[]).map((e) => [e.node.slug, e.since]));
    expect(since).toMatchObject({ indonesia: '1967-08-08', brunei: '1984-01', cambodia: '1999', 'timor-leste': '2025' });
    expect(Object.keys(since)).toHaveLength(11);
  });

  it('when the Freedom Online Coalition is asked, then the members the Latvian page of October 2017 names are there (29 named; it speaks of 30), Latvia since 2012-12-07', async () => {
    const data = await query(
      `{ actor(slug: "freedom-online-coalition") { members(first: 50, withSlugs: null) { totalCount edges { since node { slug } evidence { asOf sourceSlug } } } } }`,
    );
    const fromLatvia = (data.actor.members.edges as any[]).filter((e) => e.evidence.sourceSlug === 'latvia-mfa-foc-2017');
    expect(fromLatvia).toHaveLength(29);
    expect(fromLatvia.find((e) => e.node.slug === 'latvia')).toMatchObject({ since: '2012-12-07', evidence: { asOf: '2017-10-11' } });
  });

  it('when the OAS and the OSCE are asked, then the OAS lists 35 members and every EU member state is an OSCE participating State', async () => {
    const data = await query(
      `{ oas: actor(slug: "oas") { members { totalCount } } osce: actor(slug: "osce") { members(withSlugs: ["germany", "malta"]) { totalCount } } }`,
    );
    expect(data.oas.members.totalCount).toBe(35);
    expect(data.osce.members.totalCount).toBe(2);
  });
});

describe('members of the African Union and of the GFCE', () => {
  it('when the African Union is asked for its members, then the 55 states are there once each (Angola twice: two pages give two dates), Morocco since 2017-01-31', async () => {
    const data = await query(
      `{ actor(slug: "au") { members(first: 100) { totalCount edges { since node { slug } evidence { sourceSlug asOf } } } facts(property: memberCount) { count } } }`,
    );
    const edges = data.actor.members.edges as any[];
    expect(data.actor.members.totalCount).toBe(56);
    const states = new Set(edges.map((e) => e.node.slug));
    expect(states.size).toBe(55);
    for (const s of ['morocco', 'south-sudan', 'sahrawi-arab-democratic-republic', 'south-africa', 'cote-d-ivoire'])
      expect(states.has(s), s).toBe(true);
    expect(edges.find((e) => e.node.slug === 'morocco')).toMatchObject({
      since: '2017-01-31',
      evidence: { sourceSlug: 'worldpopulationreview-african-union-2024', asOf: '2024' },
    });
    expect(edges.find((e) => e.node.slug === 'south-sudan')).toMatchObject({
      evidence: { sourceSlug: 'simplewiki-african-union-2025', asOf: '2025' },
    });
    const angola = edges
      .filter((e) => e.node.slug === 'angola')
      .map((e) => e.since)
      .sort();
    expect(angola).toEqual(['1975-02-11', '1979-02-11']);
    expect(data.actor.facts.map((f: any) => f.count)).toEqual([55]);
  });

  it('when the GFCE is asked how many members it has, then 42 at its launch, 48 in September 2015, 71 in October 2018 and the 60 of its members page stand side by side', async () => {
    const data = await query(`{ actor(slug: "gfce") { facts(property: memberCount) { count evidence { asOf } } } }`);
    expect((data.actor.facts as any[]).map((f) => [f.evidence.asOf, f.count]).sort()).toEqual([
      [null, 60],
      ['2015-04-16', 42],
      ['2015-09-18', 48],
      ['2018-10-24', 71],
    ]);
  });
});
