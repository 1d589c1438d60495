/** Dashboard figures: counts that match Cypher, group-by breakdowns, timelines and evidence coverage. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/auth/auth.js';
import { COUNT_NODES_STATEMENT, COUNT_RELATIONSHIPS_STATEMENT } from '../../src/modules/graph/graph.repository.js';
import { gql, testApp, testDatabase, testRunner, uniquePrefix } from '../helpers.js';
import { expectSameAsCypher, eventually, isSeeded } from './support.js';

const cypher = testRunner();
const prefix = uniquePrefix('dashboard');
const treatyId = `${prefix}-treaty`;
const signatories = [`${prefix}-state-a`, `${prefix}-state-b`, `${prefix}-state-c`];
const ratifiers = signatories.slice(0, 2);
const CURATOR_KEY = `curator-${uniquePrefix('key')}`;

const byKeys = (rows: Array<{ keys: Array<string | null>; count: number }>) => rows.map((r) => [...r.keys, r.count]);

describe('the dashboard', () => {
  const app = testApp({ API_KEYS: [{ name: 'dashboard-curator', sha256: sha256Hex(CURATOR_KEY), scopes: ['curator'] }] });

  // Through the curation API, as a curator would: the dashboard's counters move with each write.
  beforeAll(async () => {
    const write = async (mutation: string, input: Record<string, unknown>) => {
      const { body } = await gql(app, mutation, { input }, { authorization: `Bearer ${CURATOR_KEY}` });
      expect(body.errors).toBeUndefined();
      expect(JSON.stringify(body.data)).not.toMatch(/Error"/);
    };
    const create =
      'mutation($input: EntityInput!) { createEntity(input: $input) { __typename ... on ValidationError { problems { field message } } } }';
    const link =
      'mutation($input: LinkInput!) { linkEntities(input: $input) { __typename ... on ValidationError { problems { field message } } } }';
    await write(create, { label: 'Treaty', slug: treatyId, name: treatyId, kind: 'CONVENTION' });
    for (const id of signatories) await write(create, { label: 'Actor', slug: id, name: id, kind: 'STATE' });
    const evidence = { source: 'doc-002', excerpt: 'a test treaty, signed and ratified for the dashboard test' };
    for (const id of signatories) await write(link, { type: 'SIGNED', from: id, to: treatyId, evidence });
    for (const id of ratifiers) await write(link, { type: 'RATIFIED', from: id, to: treatyId, evidence });
  });

  afterAll(async () => {
    // The next file starts from a fresh seed (test/fresh-database.ts); this only keeps a re-run tidy.
    await cypher.write('Test.cleanupDashboard', 'MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n', { prefix });
  });

  it('when node counts are read, then each label has the number of nodes a Cypher count gives', async () => {
    await expectSameAsCypher(
      async () =>
        (
          await cypher.read<{ label: string; count: number }>(
            'Test.countLabels',
            "MATCH (n) WHERE NOT n:Aggregate UNWIND labels(n) AS label WITH label, count(*) AS count WHERE label <> 'Entity' RETURN label, count ORDER BY label",
          )
        ).map((r) => [r.label, r.count]),
      async () =>
        (await gql(app, '{ dashboard { nodeCounts { label count } } }')).body.data.dashboard.nodeCounts.map((c: any) => [c.label, c.count]),
    );
    const { body } = await gql(app, '{ dashboard { nodeCounts { label count } } }');
    const counts = Object.fromEntries(body.data.dashboard.nodeCounts.map((c: any) => [c.label, c.count]));
    expect(counts.Programme).toBeGreaterThanOrEqual(5);
    expect(counts.Source).toBeGreaterThanOrEqual(20);
  });

  it('when the graph counts per label and per type are planned, then each is read from the count store, not by a scan', async () => {
    const db = testDatabase();
    for (const statement of [COUNT_NODES_STATEMENT, COUNT_RELATIONSHIPS_STATEMENT]) {
      const { summary } = await db.driver.executeQuery(`EXPLAIN ${statement}`, {}, { database: db.options.database });
      const operators: string[] = [];
      const walk = (plan: { operatorType: string; children: unknown[] }) => {
        operators.push(plan.operatorType.replace(/@.*/, ''));
        for (const child of plan.children) walk(child as typeof plan);
      };
      walk(summary.plan as unknown as { operatorType: string; children: unknown[] });
      expect(operators.filter((o) => /CountFromCountStore/.test(o)).length).toBeGreaterThan(5);
      expect(operators.filter((o) => /Scan|Expand|Seek/.test(o))).toEqual([]);
    }
  });

  it('when relationship counts are read, then they sum to the Cypher count of domain relationships, most first', async () => {
    await expectSameAsCypher(
      async () => {
        const [row] = await cypher.read<{ count: number }>(
          'Test.countDomainRelationships',
          "MATCH (:Entity)-[r]->(:Entity) WHERE NOT type(r) IN ['ATTESTS', 'MENTIONS'] RETURN count(r) AS count",
        );
        return row!.count;
      },
      async () => {
        const { body } = await gql(app, '{ dashboard { relationshipCounts { keys count } } }');
        const rows = body.data.dashboard.relationshipCounts;
        const counts = rows.map((r: any) => r.count);
        expect(counts).toEqual([...counts].sort((a: number, b: number) => b - a));
        return counts.reduce((sum: number, n: number) => sum + n, 0);
      },
    );
    const { body } = await gql(app, '{ dashboard { relationshipCounts { keys count } } }');
    expect(body.data.dashboard.relationshipCounts.find((r: any) => r.keys[0] === 'MEMBER_OF').count).toBeGreaterThanOrEqual(27);
  });

  it("when partners are grouped per programme by partner kind, then the documents' partnerships appear with their counts", async () => {
    const { body } = await gql(
      app,
      '{ dashboard { groupCount(relationshipTypes: [PARTNER_IN], groupBy: [END_NODE, START_KIND], limit: 1000) { keys count } } }',
    );

    expect(body.errors).toBeUndefined();
    const rows = body.data.dashboard.groupCount.filter((r: any) => isSeeded(r.keys[0]));
    expect(byKeys(rows)).toEqual([
      ['eu-cyber-direct', 'STATE', 6],
      ['glacy', 'REGION', 4],
      ['glacy-plus', 'REGION', 4],
      ['eu-cyber-direct', 'INTERNATIONAL_ORGANISATION', 3],
      ['eunity', 'STATE', 1],
    ]);
  });

  it('when treaty status is grouped by treaty and type, then a treaty signed by three and ratified by two counts 2 RATIFIED and 3 SIGNED', async () => {
    const { body } = await gql(
      app,
      '{ dashboard { groupCount(relationshipTypes: [SIGNED, RATIFIED], groupBy: [END_NODE, TYPE], endLabels: [Treaty], sortByCount: false, limit: 1000) { keys count } } }',
    );

    expect(body.errors).toBeUndefined();
    const rows = body.data.dashboard.groupCount.filter((r: any) => r.keys[0] === treatyId);
    expect(byKeys(rows)).toEqual([
      [treatyId, 'RATIFIED', 2],
      [treatyId, 'SIGNED', 3],
    ]);
  });

  it("when the timeline is read, then the documents' dated items come in date order", async () => {
    const { body } = await gql(
      app,
      '{ dashboard { timeline(limit: 500) { date node { slug name } relationshipType actor { slug } evidence { sourceSlug } } } }',
    );

    expect(body.errors).toBeUndefined();
    const items = body.data.dashboard.timeline;
    const dates = items.map((i: any) => i.date);
    expect(dates).toEqual([...dates].sort());
    const seeded = items.filter((i: any) => isSeeded(i.node.slug));
    const firstIndex = (slug: string, date: string) => seeded.findIndex((i: any) => i.node.slug === slug && i.date === date);
    const milestones = [
      firstIndex('budapest-convention', '2001-11-23'),
      firstIndex('council-conclusions-cyber-diplomacy', '2015-02'),
      firstIndex('eu-cyber-sanctions-regime', '2019'),
      firstIndex('un-convention-against-cybercrime', '2024-12-24'),
    ];
    expect(milestones.every((i) => i >= 0)).toBe(true);
    expect(milestones).toEqual([...milestones].sort((a, b) => a - b));
    const sanctions = seeded.find((i: any) => i.node.slug === 'eu-cyber-sanctions-regime' && i.date === '2019');
    expect(sanctions).toMatchObject({ relationshipType: 'ADOPTED', actor: { slug: 'eu' }, evidence: { sourceSlug: 'doc-000' } });
    const ownDate = seeded.find((i: any) => i.node.slug === 'budapest-convention' && i.relationshipType === null);
    expect(ownDate).toMatchObject({ date: '2001-11-23', actor: null, evidence: null });
  });

  it('when the timeline is bounded by from and to, then only items in that range come back (a year includes all its dates)', async () => {
    const { body } = await gql(app, '{ dashboard { timeline(from: "2019", to: "2019") { date node { slug } } } }');

    const dates = body.data.dashboard.timeline.map((i: any) => i.date);
    expect(dates.length).toBeGreaterThan(0);
    expect(dates.every((d: string) => d.startsWith('2019'))).toBe(true);
    expect(dates).toContain('2019-05-17');
  });

  it("when timeline counts are read, then each year counts the timeline's items of that year, in year order", async () => {
    await eventually(async () => {
      const { body } = await gql(app, '{ dashboard { timeline(limit: 500) { date node { slug } } timelineCounts { period count } } }');
      const { timeline, timelineCounts } = body.data.dashboard;
      const expected = new Map<string, number>();
      for (const item of timeline) expected.set(item.date.slice(0, 4), (expected.get(item.date.slice(0, 4)) ?? 0) + 1);
      expect(timelineCounts).toEqual([...expected].sort(([a], [b]) => a.localeCompare(b)).map(([period, count]) => ({ period, count })));
    });
    const { body } = await gql(app, '{ dashboard { timeline(limit: 500) { date node { slug } } } }');
    const seededPerYear: Record<string, number> = {};
    for (const item of body.data.dashboard.timeline.filter((i: any) => isSeeded(i.node.slug))) {
      seededPerYear[item.date.slice(0, 4)] = (seededPerYear[item.date.slice(0, 4)] ?? 0) + 1;
    }
    // The documents' dated items, and the reference layer's dated signatures, ratifications,
    // memberships (since: the African Union's from 1963) and sanctions listings (seed/data/reference/).
    expect(seededPerYear).toEqual({
      1963: 25,
      1964: 1,
      1965: 1,
      1966: 2,
      1967: 5,
      1968: 3,
      1973: 1,
      1975: 5,
      1976: 1,
      1977: 1,
      1979: 1,
      1984: 1,
      1990: 1,
      1993: 1,
      1995: 1,
      1997: 2,
      1999: 1,
      2001: 51,
      2002: 8,
      2003: 16,
      2004: 2,
      2005: 11,
      2006: 10,
      2007: 3,
      2008: 5,
      2009: 2,
      2010: 7,
      2011: 20,
      2012: 12,
      2013: 8,
      2014: 5,
      2015: 13,
      2016: 3,
      2017: 11,
      2018: 4,
      2019: 14,
      2020: 18,
      2021: 4,
      2022: 68,
      2023: 30,
      2024: 29,
      2025: 17,
      2026: 1,
    });
  });

  it("when treaty timeline counts are read by month, then each month counts the treaty timeline's items dated to that month", async () => {
    await eventually(async () => {
      const { body } = await gql(
        app,
        '{ dashboard { timeline(labels: [Treaty], limit: 5000) { date } timelineCounts(labels: [Treaty], granularity: MONTH) { period count } } }',
      );
      expect(body.errors).toBeUndefined();
      const { timeline, timelineCounts } = body.data.dashboard;
      const expected = new Map<string, number>();
      for (const { date } of timeline.filter((i: any) => i.date.length >= 7)) {
        expected.set(date.slice(0, 7), (expected.get(date.slice(0, 7)) ?? 0) + 1);
      }
      expect(expected.size).toBeGreaterThan(1);
      expect(timelineCounts).toEqual([...expected].sort(([a], [b]) => a.localeCompare(b)).map(([period, count]) => ({ period, count })));
    });
  });

  it("when evidence coverage is read, then sources and languages come most first, and each language counts its sources' facts", async () => {
    const { body } = await gql(
      app,
      '{ dashboard { evidenceCoverage { facts byLanguage { language count } bySource { sourceSlug count source { language } } } } }',
    );

    expect(body.errors).toBeUndefined();
    const { facts, bySource, byLanguage } = body.data.dashboard.evidenceCoverage;
    const sourceCounts = bySource.map((s: any) => s.count);
    expect(sourceCounts).toEqual([...sourceCounts].sort((a, b) => b - a));
    expect(sourceCounts.reduce((sum: number, n: number) => sum + n, 0)).toBe(facts);
    const languageCounts = byLanguage.map((l: any) => l.count);
    expect(languageCounts).toEqual([...languageCounts].sort((a, b) => b - a));
    const perLanguage = new Map<string | null, number>();
    for (const s of bySource) perLanguage.set(s.source?.language ?? null, (perLanguage.get(s.source?.language ?? null) ?? 0) + s.count);
    expect(new Map(byLanguage.map((l: any) => [l.language, l.count]))).toEqual(perLanguage);
  });

  it('when evidence coverage is read, then every fact has evidence and both source languages are counted', async () => {
    const { body } = await gql(
      app,
      '{ dashboard { evidenceCoverage { facts withEvidence withoutEvidence byLanguage { language count } bySource { sourceSlug count } } } }',
    );

    expect(body.errors).toBeUndefined();
    const coverage = body.data.dashboard.evidenceCoverage;
    expect(coverage.withoutEvidence).toBe(0);
    expect(coverage.withEvidence).toBe(coverage.facts);
    const languages = coverage.byLanguage.map((l: any) => l.language);
    expect(languages).toEqual(expect.arrayContaining(['EN', 'ID']));
    expect(coverage.byLanguage.reduce((sum: number, l: any) => sum + l.count, 0)).toBe(coverage.facts);
    expect(coverage.bySource.find((s: any) => s.sourceSlug === 'doc-000').count).toBeGreaterThan(0);
  });

  it('when groupBy has more than four keys, then the error is BAD_USER_INPUT', async () => {
    const { body } = await gql(app, '{ dashboard { groupCount(groupBy: [TYPE, START_NODE, END_NODE, START_KIND, END_KIND]) { count } } }');

    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'groupBy' });
  });
});
