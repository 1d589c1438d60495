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
  it('when counted at 2004-06-18, then the graph holds 5 ratifications (Albania, Croatia, Estonia, Hungary from the 2004 chart; Lithuania 2004-03-18 from the Tractatenblad), none yet in force', async () => {
    const at2004 = await counts('budapest-convention', '2004-06-18');
    expect(at2004).toMatchObject({ at: '2004-06-18', ratified: 5, inForce: 0 });
    expect(at2004.signed).toBeGreaterThanOrEqual(15);
    // On 2004-07-01 the Convention entered into force for those five.
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

const STATES = `query States($slug: String!, $status: TreatyStatus, $at: PartialDate) {
  treaty(slug: $slug) {
    states(status: $status, at: $at) {
      at status totalCount
      items { state { slug } status signatureDate ratificationDate entryIntoForce method coeMember sourcesAgree signatureDates ratificationDates
              evidence { type date entryIntoForce evidence { sourceSlug asOf source { url } } } }
    }
    statusCounts(at: $at) { signed ratified participants }
    parties(status: $status) { totalCount }
  }
}`;

async function states(slug: string, status: 'SIGNED' | 'RATIFIED' | 'ANY', at: string | null = null) {
  const res = await gql(app, STATES, { slug, status, at });
  expect(res.body.errors).toBeUndefined();
  return res.body.data.treaty;
}

describe('distinct states: each state once, with every source behind it', () => {
  it('when the ratifications of the Budapest Convention are asked, then each state is listed once and the count equals statusCounts, while parties counts one relationship per source', async () => {
    const t = await states('budapest-convention', 'RATIFIED');
    const slugs = (t.states.items as any[]).map((i) => i.state.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(t.states.totalCount).toBe(slugs.length);
    expect(t.states.totalCount).toBe(t.statusCounts.ratified);
    expect(t.parties.totalCount).toBeGreaterThan(t.states.totalCount);
    for (const item of t.states.items as any[]) expect(item.status).toBe('RATIFIED');
  });

  it('when counted at chosen dates, then states(at:) agrees with statusCounts(at:) for signatures, ratifications and both', async () => {
    for (const at of ['2004-06-18', '2011-06-01', '2015-12-03', '2021-04-28', '2024-06-20']) {
      const signed = await states('budapest-convention', 'SIGNED', at);
      const ratified = await states('budapest-convention', 'RATIFIED', at);
      const any = await states('budapest-convention', 'ANY', at);
      expect([signed.states.totalCount, ratified.states.totalCount, any.states.totalCount]).toEqual([
        any.statusCounts.signed,
        any.statusCounts.ratified,
        any.statusCounts.participants,
      ]);
    }
  });

  it('when the United Kingdom is asked, then the Treaty Office notification of 1 June 2011 gives its ratification of 2011-05-25, in force 2011-09-01', async () => {
    const t = await states('budapest-convention', 'RATIFIED');
    const uk = (t.states.items as any[]).find((i) => i.state.slug === 'united-kingdom');
    expect(uk).toMatchObject({ ratificationDate: '2011-05-25', entryIntoForce: '2011-09-01' });
    const notification = uk.evidence.find((e: any) => e.evidence.sourceSlug === 'coe-notification-185-uk-2011');
    expect(notification).toMatchObject({ type: 'RATIFIED', date: '2011-05-25', evidence: { asOf: '2011-06-01' } });
    expect(notification.evidence.source.url).toMatch(/^https:\/\//);
  });

  it('when the United States is asked, then it signed on 2001-11-23 and deposited its ratification on 2006-09-29, in force 2007-01-01', async () => {
    const t = await states('budapest-convention', 'ANY');
    const us = (t.states.items as any[]).find((i) => i.state.slug === 'united-states');
    expect(us).toMatchObject({
      status: 'RATIFIED',
      signatureDate: '2001-11-23',
      ratificationDate: '2006-09-29',
      entryIntoForce: '2007-01-01',
    });
  });

  it('when the Budapest Convention is asked as of 1 June 2011, then the 31 Contracting States and 16 Signatory States of that notification are there', async () => {
    const ratified = await states('budapest-convention', 'RATIFIED', '2011-06-01');
    const slugs = new Set((ratified.states.items as any[]).map((i) => i.state.slug));
    for (const s of ['albania', 'netherlands', 'united-kingdom', 'united-states', 'spain', 'north-macedonia', 'ukraine'])
      expect(slugs.has(s), s).toBe(true);
    // Japan and Switzerland had signed, not ratified, on that day (the notification's Signatory States).
    for (const s of ['japan', 'switzerland', 'sweden', 'south-africa']) expect(slugs.has(s), s).toBe(false);
    const signed = await states('budapest-convention', 'SIGNED', '2011-06-01');
    const signedSlugs = new Set((signed.states.items as any[]).map((i) => i.state.slug));
    for (const s of ['japan', 'switzerland', 'sweden', 'south-africa', 'ireland', 'canada']) expect(signedSlugs.has(s), s).toBe(true);
    const tables = await gql(app, '{ treaty(slug: "budapest-convention") { statusSources { sourceSlug asOf signed ratified states } } }');
    const notification = (tables.body.data.treaty.statusSources as any[]).find((t) => t.sourceSlug === 'coe-notification-185-uk-2011');
    expect(notification).toEqual({ sourceSlug: 'coe-notification-185-uk-2011', asOf: '2011-06-01', signed: 16, ratified: 31, states: 47 });
  });

  it('when Sweden, Nigeria, Chile and Switzerland are asked, then their dates come from the Council of Europe news and national records that state them', async () => {
    const t = await states('budapest-convention', 'RATIFIED');
    const by = Object.fromEntries((t.states.items as any[]).map((i) => [i.state.slug, i]));
    expect(by.sweden).toMatchObject({ ratificationDate: '2021-04-28' });
    expect(by.nigeria).toMatchObject({ ratificationDate: '2022-07-06', entryIntoForce: '2022-11-01', method: 'accession' });
    expect(by.chile.ratificationDates).toContain('2017-04-21');
    expect(by.switzerland).toMatchObject({ ratificationDate: '2011-09-21', entryIntoForce: '2012-01-01' });
  });

  it('when the First Protocol (ETS 189) is asked, then Sweden (2021-04-28), the Netherlands (acceptance 2010-07-22), Norway (2008-04-29) and Croatia (2008-07-04) are among its parties', async () => {
    const t = await states('additional-protocol-racism-xenophobia', 'RATIFIED');
    const by = Object.fromEntries((t.states.items as any[]).map((i) => [i.state.slug, i]));
    expect(by.sweden.ratificationDate).toBe('2021-04-28');
    expect(by.netherlands).toMatchObject({ ratificationDate: '2010-07-22', method: expect.stringContaining('acceptance') });
    expect(by.norway.ratificationDate).toBe('2008-04-29');
    expect(by.croatia.ratificationDate).toBe('2008-07-04');
    expect(t.states.totalCount).toBe(t.statusCounts.ratified);
  });

  it('when a count is reported for a date the new sources give (15 parties in October 2006, 66 in April 2021, 69 in December 2023), then it stands beside the count derived at that date', async () => {
    const res = await gql(
      app,
      `{ treaty(slug: "budapest-convention") { reportedCounts { property reported asOf derived evidence { sourceSlug } } } }`,
    );
    const rows = res.body.data.treaty.reportedCounts as any[];
    const at = (source: string) => rows.find((r) => r.evidence.sourceSlug === source && r.property === 'ratificationCount');
    expect(at('crime-research-us-joins-2006-10-03')).toMatchObject({ reported: 15, asOf: '2006-10-03' });
    expect(at('coe-news-sweden-2021-04-28')).toMatchObject({ reported: 66, asOf: '2021-04-28' });
    expect(at('coe-octopus-2023-12-15')).toMatchObject({ reported: 69, asOf: '2023-12-15' });
    // The derived figure is what the graph's edges hold at that date, never more than the states it names.
    const derived = await counts('budapest-convention', '2006-10-03');
    expect(at('crime-research-us-joins-2006-10-03').derived).toBe(derived.ratified);
  });
});

describe('the second round of records: the parties no chart showed, and ETS 189 by state', () => {
  const by = async (slug: string, status: 'SIGNED' | 'RATIFIED', at: string | null = null) => {
    const t = await states(slug, status, at);
    return Object.fromEntries((t.states.items as any[]).map((i) => [i.state.slug, i]));
  };

  it("when Poland is asked, then the Polish Journal of Laws (statement of 2015-04-02) gives the President's ratification of 2015-01-29, in force for Poland 2015-06-01", async () => {
    const [edge] = (await partyEdges('budapest-convention', 'RATIFIED', 'poland')).filter(
      (e) => e.evidence.sourceSlug === 'dzu-2015-729-poland-185',
    );
    expect(edge).toMatchObject({
      date: '2015-01-29',
      entryIntoForce: '2015-06-01',
      method: 'ratification',
      evidence: { asOf: '2015-04-02' },
    });
    expect(edge.evidence.source.url).toMatch(/^http:\/\/www\.infor\.pl\/akt-prawny\/DZU\.2015\.102\.0000729/);
  });

  it('when Monaco, San Marino, Senegal, Peru and Sierra Leone are asked, then each has the date its record states', async () => {
    const ratified = await by('budapest-convention', 'RATIFIED');
    expect(ratified.monaco).toMatchObject({ ratificationDate: '2017-03-17', entryIntoForce: '2017-07-01' });
    expect(ratified['san-marino']).toMatchObject({ ratificationDate: '2019-03-08' });
    expect(ratified.senegal).toMatchObject({ ratificationDate: '2016-12', method: 'accession' });
    expect(ratified.peru).toMatchObject({ ratificationDate: '2019-03-09' });
    expect(ratified['sierra-leone']).toMatchObject({ ratificationDate: '2024-04-19', method: 'accession' });
    // Deposits other records give: Sri Lanka's accession, and Canada, Latvia, Malta, Portugal from Portugal's notices.
    expect(ratified['sri-lanka']).toMatchObject({ ratificationDate: '2015-05-29', entryIntoForce: '2015-09-01', method: 'accession' });
    expect(ratified.canada.ratificationDates).toContain('2015-07-08');
    expect(ratified.latvia).toMatchObject({ ratificationDate: '2007-02-14' });
    expect(ratified.malta).toMatchObject({ ratificationDate: '2012-04-13' });
    expect(ratified.portugal).toMatchObject({ ratificationDate: '2010-03-24' });
    expect(ratified.panama).toMatchObject({ ratificationDate: '2014-03', method: 'accession' });
    expect(ratified.greece).toMatchObject({ ratificationDate: '2017-01-25', entryIntoForce: '2017-05-01' });
    expect(ratified.morocco).toMatchObject({ ratificationDate: '2018-06-29', entryIntoForce: '2018-10-01' });
    expect(ratified.brazil).toMatchObject({ ratificationDate: '2022-11-30', method: 'accession' });
    const signed = await by('budapest-convention', 'SIGNED');
    expect(signed['san-marino']).toMatchObject({ signatureDate: '2017-03-17' });
  });

  it("when Paraguay and Ecuador are listed without a date, then each counts from its source's date (2018-10-02, 2026-01-14) and not before", async () => {
    expect(Object.keys(await by('budapest-convention', 'RATIFIED', '2018-10-02'))).toContain('paraguay');
    expect(Object.keys(await by('budapest-convention', 'RATIFIED', '2018-10-01'))).not.toContain('paraguay');
    expect(Object.keys(await by('budapest-convention', 'RATIFIED', '2026-01-14'))).toContain('ecuador');
    expect(Object.keys(await by('budapest-convention', 'RATIFIED', '2025'))).not.toContain('ecuador');
  });

  it('when the Tractatenblad 2007, 10 table is asked (dd-mm-yy), then Lithuania signed on 2003-06-23 and ratified on 2004-03-18, and Ireland signed on 2002-02-28, as of 2007-02-01', async () => {
    const [lt] = (await partyEdges('budapest-convention', 'RATIFIED', 'lithuania')).filter(
      (e) => e.evidence.sourceSlug === 'trb-2007-10-185',
    );
    expect(lt).toMatchObject({
      date: '2004-03-18',
      entryIntoForce: '2004-07-01',
      evidence: { asOf: '2007-02-01', excerpt: 'Litouwen | 23-06-03 | 18-03-04 | R | 01-07-04' },
    });
    const signed = await by('budapest-convention', 'SIGNED');
    expect(signed.lithuania).toMatchObject({ signatureDate: '2003-06-23' });
    expect(signed.ireland).toMatchObject({ signatureDate: '2002-02-28' });
  });

  it("when Chile's decree (deposit 2017-04-20) and the parliamentary brief (2017-04-21) disagree, then both dates are kept and the sources are marked as disagreeing", async () => {
    const ratified = await by('budapest-convention', 'RATIFIED');
    expect(ratified.chile.ratificationDates).toEqual(expect.arrayContaining(['2017-04-20', '2017-04-21']));
    expect(ratified.chile.ratificationDate).toBe('2017-04-20');
    expect(ratified.chile.sourcesAgree).toBe(false);
  });

  it('when the First Protocol (ETS 189) is asked, then Germany, Poland, Finland, Greece, Morocco and Romania have their dates, Spain and Luxembourg the dates the Polish statement gives, and Moldova only its signature', async () => {
    const ratified = await by('additional-protocol-racism-xenophobia', 'RATIFIED');
    expect(ratified.germany).toMatchObject({ ratificationDate: '2011-06-10', entryIntoForce: '2011-10-01' });
    expect(ratified.poland).toMatchObject({ ratificationDate: '2015-01-29', entryIntoForce: '2015-06-01' });
    expect(ratified.finland).toMatchObject({ ratificationDate: '2011-05-20', entryIntoForce: '2011-09-01' });
    expect(ratified.spain).toMatchObject({ ratificationDate: null, entryIntoForce: '2015-04-01' });
    expect(ratified.luxembourg).toMatchObject({ entryIntoForce: '2015-02-01' });
    expect(ratified.greece).toMatchObject({ ratificationDate: '2017-01-25' });
    expect(ratified.romania).toMatchObject({ ratificationDate: '2009-04-14' });
    expect(ratified.morocco).toMatchObject({ ratificationDate: '2018-06-29', method: 'accession' });
    expect(Object.keys(ratified)).toHaveLength(29);
    expect(Object.keys(ratified)).not.toContain('moldova');
    const signed = await by('additional-protocol-racism-xenophobia', 'SIGNED');
    expect(signed.germany).toMatchObject({ signatureDate: '2003-01-28' });
    expect(signed['san-marino']).toMatchObject({ signatureDate: '2017-05-19' });
    expect(signed.moldova).toMatchObject({ signatureDate: '2003-03-25' });
    expect(signed.portugal).toMatchObject({ signatureDate: '2003-03-17' });
  });

  it('when a source reports a count for its day (55 in October 2017, San Marino the 63rd, 71 with Sierra Leone), then the derived count stands beside it', async () => {
    const res = await gql(
      app,
      `{ treaty(slug: "budapest-convention") { reportedCounts { property reported asOf derived evidence { sourceSlug } } } }`,
    );
    const rows = res.body.data.treaty.reportedCounts as any[];
    const at = (source: string, property = 'ratificationCount') =>
      rows.find((r) => r.evidence.sourceSlug === source && r.property === property);
    expect(at('coe-news-cabo-verde-invited-2017-10-02')).toMatchObject({ reported: 55, asOf: '2017-10-02', derived: 55 });
    expect(at('smtv-san-marino-2019-03-09')).toMatchObject({ reported: 63, asOf: '2019-03-09', derived: 63 });
    expect(at('sierraloaded-sierra-leone-2024-04-19')).toMatchObject({ reported: 71, asOf: '2024-04-19', derived: 70 });
    expect(at('sierraloaded-sierra-leone-2024-04-19', 'signedNotRatifiedCount')).toMatchObject({ reported: 2, derived: 2 });
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

describe('provenance of the sources added for distinct states, sanctions after 2020 and the African Union', () => {
  it('every relationship these sources state has the source URL and an asOf', async () => {
    const rows = await cypher.read<{ type: string; source: string; url: string | null; asOf: string | null }>(
      'Test.newReferenceEdges',
      `MATCH ()-[r]->() WHERE r.source IN $sources AND NOT type(r) IN ['ATTESTS', 'MENTIONS']
       MATCH (s:Source {id: r.source})
       RETURN type(r) AS type, s.id AS source, s.url AS url, r.asOf AS asOf`,
      {
        sources: [
          'coe-notification-185-uk-2011',
          'us-embassy-japan-us-ratification-2006',
          'senate-treaty-doc-108-11',
          'coe-news-sweden-2021-04-28',
          'coe-news-nigeria-2022-07-06',
          'bcn-chile-budapest-2018-07',
          'finlex-185-parties',
          'fedlex-0-311-43-2020-09-14',
          'coe-declarations-189-2016-02-09',
          'insightnews-cyber-listings-2024-06-24',
          'tveuropa-cyber-listings-2024-06',
          'err-cyber-listings-2025-01-27',
          'worldpopulationreview-african-union-2024',
          'simplewiki-african-union-2025',
          'wikimili-au-member-states',
          'legilux-189-san-marino-2019-03-08',
          'memorial-189-monaco-2017-03-17',
          'aviso-70-2016-189-czech-republic',
          'mofa-japan-acceptance-2012-07-04',
          'coe-notification-185-australia-2012',
          'canada-ratification-2015-07-08',
          'pngfacts-tonga-2017-05',
          'dzu-2015-729-poland-185',
          'dzu-2015-731-poland-189',
          'coe-declarations-185-monaco-2017-12-12',
          'libertas-san-marino-2019-01-13',
          'smtv-san-marino-2019-03-09',
          'coe-octopus-senegal',
          'tedic-paraguay-budapest-2018-10-02',
          'iapp-peru-budapest-2019-09',
          'sierraloaded-sierra-leone-2024-04-19',
          'coe-news-finland-189-2011-05-20',
          'chile-decreto-83-2017',
          'bgbl-2011-ii-290-germany-189',
          'bgbl-2011-ii-843-germany-189',
          'trb-2007-10-185',
          'ft-lk-sri-lanka-2015-09-03',
          'migrarconderechos-spain-185',
          'tez-turkiye-185-6533',
          'dre-aviso-29-2012-malta',
          'dre-aviso-13-2015-portugal',
          'gddc-pt-189',
          'africamoney-mauritius-185',
          'dre-aviso-66-2016-canada',
          'dre-aviso-11-2015-latvia',
          'derechosdigitales-panama-185',
          'legilux-189-greece-2017-01-25',
          'lex24-ro-lege-105-2009',
          'lex-justice-md-lege-302-2016',
          'wort-cabo-verde-2018-06',
          'coe-reservations-185-greece-2017-12-13',
          'legilux-185-morocco-2018-06-29',
          'coe-dsg-morocco-2018-06-29',
        ],
      },
    );
    expect(rows.length).toBeGreaterThan(120);
    for (const r of rows) {
      expect(r.url, `${r.type} from ${r.source}`).toMatch(/^https?:\/\//);
      expect(r.asOf, `${r.type} from ${r.source}`).toMatch(/^\d{4}/);
    }
  });
});
