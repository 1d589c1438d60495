/**
 * The reference layer, asked as an analyst would through the API: who signed and ratified the
 * Council of Europe's cybercrime treaties and when (as of each chart's date), how many had at a
 * chosen date (derived from the edges), the counts each source reports beside them, and a source
 * URL and as-of date on every edge the reference layer adds.
 */
import { describe, expect, it } from 'vitest';
import { gql, testApp, testRunner } from '../helpers.js';

const app = testApp();
const cypher = testRunner();

const PARTIES = `query Parties($slug: String!, $status: TreatyStatus, $state: String!) {
  treaty(slug: $slug) {
    parties(status: $status, withSlugs: [$state], first: 50) {
      totalCount
      edges { type date entryIntoForce method coeMember node { slug name } evidence { sourceSlug excerpt asOf source { url } } }
    }
  }
}`;

async function partyEdges(slug: string, status: 'SIGNED' | 'RATIFIED', state: string) {
  const res = await gql(app, PARTIES, { slug, status, state });
  expect(res.body.errors).toBeUndefined();
  return (res.body.data.treaty.parties.edges as any[]).filter((e) => e.node.slug === state);
}

async function counts(slug: string, at: string | null) {
  const res = await gql(
    app,
    `query($slug: String!, $at: PartialDate) { treaty(slug: $slug) { statusCounts(at: $at) { at signed ratified inForce signedNotRatified participants } } }`,
    { slug, at },
  );
  expect(res.body.errors).toBeUndefined();
  return res.body.data.treaty.statusCounts;
}

describe('the Budapest Convention (ETS 185) by state, as the treaty office charts show it', () => {
  it('when the 2015 chart lists Albania, then Albania signed on 2001-11-23 and ratified on 2002-06-20, in force 2004-07-01, citing the chart as of 2015-12-03', async () => {
    const [signed] = (await partyEdges('budapest-convention', 'SIGNED', 'albania')).filter(
      (e) => e.evidence.sourceSlug === 'coe-chart-185-2015-12-03',
    );
    expect(signed).toMatchObject({
      date: '2001-11-23',
      evidence: { asOf: '2015-12-03', excerpt: 'Albania | 23/11/2001 | 20/06/2002 | 01/07/2004 | A.' },
    });
    expect(signed.evidence.source.url).toMatch(/coe\.int\/en\/web\/conventions\/full-list.*treaty\/185\/signatures/);
    const [ratified] = (await partyEdges('budapest-convention', 'RATIFIED', 'albania')).filter(
      (e) => e.evidence.sourceSlug === 'coe-chart-185-2015-12-03',
    );
    expect(ratified).toMatchObject({ date: '2002-06-20', entryIntoForce: '2004-07-01', method: 'ratification' });
  });

  it('when the 2004 chart groups Hungary under the member states of the Council of Europe, then its ratification of 2003-12-04 says so', async () => {
    const [ratified] = (await partyEdges('budapest-convention', 'RATIFIED', 'hungary')).filter(
      (e) => e.evidence.sourceSlug === 'coe-chart-185-2004-06-18',
    );
    expect(ratified).toMatchObject({
      date: '2003-12-04',
      entryIntoForce: '2004-07-01',
      coeMember: 'yes',
      evidence: { asOf: '2004-06-18' },
    });
  });

  it('when Andorra had only signed by 2015 and ratified by 2020, then both charts are kept, each with its own date', async () => {
    const ratified = await partyEdges('budapest-convention', 'RATIFIED', 'andorra');
    expect(ratified.map((e) => [e.evidence.sourceSlug, e.date, e.entryIntoForce])).toContainEqual([
      'netlawgic-chart-185-2020-03-13',
      '2016-11-16',
      '2017-03-01',
    ]);
    expect(ratified.some((e) => e.evidence.sourceSlug === 'coe-chart-185-2015-12-03')).toBe(false);
    const signed = await partyEdges('budapest-convention', 'SIGNED', 'andorra');
    expect(signed.map((e) => e.date)).toContain('2013-04-23');
  });

  it('when Benin is a "signature" in the Dutch change log but an accession in the Council of Europe\'s news, then both claims are kept', async () => {
    const signed = await partyEdges('budapest-convention', 'SIGNED', 'benin');
    expect(signed.map((e) => [e.evidence.sourceSlug, e.date])).toEqual([['verdragen-185-changes-2024', '2024-06-20']]);
    const ratified = await partyEdges('budapest-convention', 'RATIFIED', 'benin');
    expect(ratified.map((e) => [e.evidence.sourceSlug, e.date, e.method])).toContainEqual([
      'coe-news-2024-06-20',
      '2024-06-20',
      'accession',
    ]);
  });

  it('when New Zealand acceded in 2025, then the Dutch change log of 2026 gives 2025-08-28 and entry into force 2025-12-01', async () => {
    const [edge] = await partyEdges('budapest-convention', 'RATIFIED', 'new-zealand');
    expect(edge).toMatchObject({
      date: '2025-08-28',
      method: 'accession',
      entryIntoForce: '2025-12-01',
      evidence: { sourceSlug: 'verdragen-185-changes-2026', asOf: '2026-01-14' },
    });
  });
});

describe('derived counts beside the counts the sources report', () => {
  it('when counted at 2004-06-18, then the graph holds 4 ratifications (Albania, Croatia, Estonia, Hungary), none yet in force, and the states that had signed by then', async () => {
    const at2004 = await counts('budapest-convention', '2004-06-18');
    expect(at2004).toMatchObject({ at: '2004-06-18', ratified: 4, inForce: 0 });
    expect(at2004.signed).toBeGreaterThanOrEqual(15);
    // On 2004-07-01 the Convention entered into force for those four and Lithuania (whose date
    // the Dutch list of parties gives).
    expect(await counts('budapest-convention', '2004-07-01')).toMatchObject({ inForce: 5, ratified: 5 });
  });

  it('when counted at a later date, then no count falls (more states, never fewer)', async () => {
    const dates = ['2004-06-18', '2010', '2015-12-03', '2020-03-13', '2024-06-20', null];
    const series = [];
    for (const at of dates) series.push(await counts('budapest-convention', at));
    for (let i = 1; i < series.length; i++) {
      expect(series[i].ratified).toBeGreaterThanOrEqual(series[i - 1].ratified);
      expect(series[i].signed).toBeGreaterThanOrEqual(series[i - 1].signed);
    }
  });

  it('when doc-002 reports 65 ratified and 68 signed, then both stand beside the derived counts, with the difference visible', async () => {
    const res = await gql(
      app,
      `{ treaty(slug: "budapest-convention") { reportedCounts { property reported asOf derivedAt derived difference agrees coverage evidence { sourceSlug } } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const rows = res.body.data.treaty.reportedCounts as any[];
    const doc = rows.filter((r) => r.evidence.sourceSlug === 'doc-002');
    expect(doc.map((r) => [r.property, r.reported, r.asOf, r.derivedAt])).toEqual([
      ['ratificationCount', 65, null, null],
      ['signatoryCount', 68, null, null],
    ]);
    for (const r of rows) expect(r.difference).toBe(r.reported - r.derived);
    const coe2024 = rows.find((r) => r.evidence.sourceSlug === 'coe-news-2024-06-20' && r.property === 'ratificationCount');
    expect(coe2024).toMatchObject({ reported: 75, asOf: '2024-06-20', derivedAt: '2024-06-20' });
    expect(coe2024.derived).toBeGreaterThan(0);
    expect(coe2024.coverage).toBeCloseTo(coe2024.derived / 75, 2);
  });

  it("when the First Protocol (ETS 189) is asked, then doc-002's 32 / 45 stand beside the 2008, 2022, 2024 and 2025 figures", async () => {
    const res = await gql(
      app,
      `{ treaty(slug: "additional-protocol-racism-xenophobia") { reportedCounts { property reported asOf evidence { sourceSlug } } } }`,
    );
    const rows = (res.body.data.treaty.reportedCounts as any[]).map((r) => [r.evidence.sourceSlug, r.property, r.reported, r.asOf]);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['doc-002', 'ratificationCount', 32, null],
        ['doc-002', 'signatoryCount', 45, null],
        ['cyberlaw-uk-189-2008', 'ratificationCount', 11, '2008-04'],
        ['icannwiki-189-2022', 'ratificationCount', 33, '2022-02'],
        ['coe-news-2024-06-20', 'ratificationCount', 36, '2024-06-20'],
        ['wikipedia-189-2025', 'ratificationCount', 37, '2025-01'],
      ]),
    );
  });

  it('when the Second Protocol (CETS 224) is counted at 2022-05-12, its opening day, then the Dutch table holds the states that signed that day, and Japan and Serbia are its only ratifications by 2025', async () => {
    const opening = await counts('second-additional-protocol', '2022-05-12');
    expect(opening.ratified).toBe(0);
    expect(opening.signed).toBeGreaterThanOrEqual(20);
    const at2025 = await counts('second-additional-protocol', '2025-11-14');
    expect(at2025.ratified).toBe(2);
    const at2026 = await counts('second-additional-protocol', '2026-02-05');
    expect(at2026.ratified).toBe(3);
  });

  it('when a date is not a partial date, then statusCounts refuses it', async () => {
    const res = await gql(app, `{ treaty(slug: "budapest-convention") { statusCounts(at: "June 2020") { signed } } }`);
    expect(res.body.errors?.length).toBeGreaterThan(0);
  });
});

describe('provenance of the reference layer', () => {
  it('every relationship from a reference source has the source URL and an asOf or a date', async () => {
    const rows = await cypher.read<{ type: string; source: string; url: string | null; asOf: string | null; date: string | null }>(
      'Test.referenceEdges',
      `MATCH (s:Source {kind: 'reference'})
       MATCH ()-[r]->() WHERE r.source = s.id AND type(r) IN ['SIGNED', 'RATIFIED', 'LISTS', 'MEMBER_OF']
       RETURN type(r) AS type, s.id AS source, s.url AS url, r.asOf AS asOf, r.date AS date`,
    );
    expect(rows.length).toBeGreaterThan(300);
    for (const r of rows) {
      expect(r.url, `${r.type} from ${r.source}`).toMatch(/^https?:\/\//);
    }
    const treatyEdges = rows.filter((r) => r.type === 'SIGNED' || r.type === 'RATIFIED');
    for (const r of treatyEdges) expect(r.asOf, `${r.type} from ${r.source}`).toMatch(/^\d{4}/);
  });
});
