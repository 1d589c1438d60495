/**
 * Every example operation in schema/examples runs against the seeded graph and answers the
 * question its comment asks. An example without an assertion here fails the suite, so the
 * examples (and GraphiQL's default query) cannot rot.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gql, testApp } from '../helpers.js';

const EXAMPLES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schema/examples');
// analytics-* and dashboard-* examples have their assertions in test/analytics/examples.test.ts.
const exampleFiles = readdirSync(EXAMPLES_DIR)
  .filter((f) => f.endsWith('.graphql') && !/^(analytics|dashboard)-/.test(f))
  .sort();

/** Data other test files create concurrently carries ids starting with "t-"; examples ignore it. */
const seeded = <T extends { slug: string }>(nodes: T[]) => nodes.filter((n) => !n.slug.startsWith('t-'));
const slugs = (nodes: Array<{ slug: string }>) => nodes.map((n) => n.slug);

const EU_CYBER_DIRECT_PARTNERS = ['asean', 'au', 'brazil', 'china', 'india', 'japan', 'oas', 'south-korea', 'united-states'];
const DOC_000_TITLE = 'EU cyber diplomacy: fighting cybercrime, the 2019 sanctions regime, values and partnerships';

const ASSERTIONS: Record<string, (data: any) => void> = {
  'eu-cyber-direct-partners.graphql': (data) => {
    const partners = data.programme.partners;
    expect(data.programme.name).toBe('EU Cyber Direct');
    expect(partners.totalCount).toBe(9);
    expect(partners.edges.map((e: any) => e.node.slug).sort()).toEqual(EU_CYBER_DIRECT_PARTNERS);
    const japan = partners.edges.find((e: any) => e.node.slug === 'japan');
    expect(japan.role).toBe('partner country');
    expect(partners.edges.find((e: any) => e.node.slug === 'asean').role).toBe('partner organisation');
    for (const edge of partners.edges) {
      expect(edge.evidence.source).toEqual({ title: DOC_000_TITLE, language: 'ID' });
      expect(edge.evidence.excerpt).toContain('EU Cyber Direct dengan Brazil');
    }
  },
  'actor-programmes.graphql': (data) => {
    expect(data.actor.name).toBe('Japan');
    expect(data.actor.programmes.totalCount).toBe(2);
    expect(data.actor.programmes.edges.map((e: any) => e.node.name)).toEqual(['EU Cyber Direct', 'EUNITY']);
    expect(data.actor.programmes.edges[1].evidence).toEqual({ sourceSlug: 'doc-000', excerpt: 'EUNITY bersama Jepang' });
  },
  'treaty-parties-and-counts.graphql': (data) => {
    const treaty = data.treaty;
    expect(treaty).toMatchObject({ name: 'Budapest Convention', code: 'ETS No. 185', date: '2001-11-23' });
    // The documents report counts; the reference charts name the parties (one edge per state and source),
    // and `states` lists each state once with every source behind it.
    expect(treaty.ratified.totalCount).toBe(198);
    expect(treaty.ratified.edges).toContainEqual({ date: '2002-06-20', node: { slug: 'albania', name: 'Albania' } });
    expect(treaty.ratifiedStates.totalCount).toBe(77);
    const albania = treaty.ratifiedStates.items.find((i: any) => i.state.slug === 'albania');
    expect(albania).toMatchObject({ ratificationDate: '2002-06-20', entryIntoForce: '2004-07-01' });
    expect(albania.evidence.length).toBeGreaterThan(1);
    const counted = treaty.counts.filter((f: any) => f.count !== null && f.evidence.source.slug === 'doc-002');
    expect(counted.map((f: any) => [f.property, f.count])).toEqual([
      ['ratificationCount', 65],
      ['signatoryCount', 68],
    ]);
    expect(counted[0].evidence.excerpt).toContain('65 negara telah meratifikasi');
    expect(treaty.statusCounts).toEqual({ at: '2024-06-20', signed: 37, ratified: 73, inForce: 53 });
    const coe = treaty.reportedCounts.find(
      (r: any) => r.evidence.source.slug === 'coe-news-2024-06-20' && r.property === 'ratificationCount',
    );
    expect(coe).toMatchObject({ reported: 75, derived: 73, difference: 2, agrees: false });
    expect(treaty.counts.find((f: any) => f.property === 'openedForSignature').evidence.source.slug).toBe('coe-treaty-office-185');
    expect(treaty.protocols.edges.map((e: any) => e.node.code).sort()).toEqual(['CETS No. 224', 'ETS No. 189']);
  },
  'protocol-parent-treaty.graphql': (data) => {
    expect(data.treaty.kind).toBe('PROTOCOL');
    expect(data.treaty.supplements.nodes).toEqual([{ slug: 'budapest-convention', name: 'Budapest Convention', kind: 'CONVENTION' }]);
  },
  'norm-promoters.graphql': (data) => {
    expect(data.norm13f.code).toBe('A/70/174 para. 13(f)');
    expect(data.norm13f.promoters.edges).toHaveLength(1);
    const [eu] = data.norm13f.promoters.edges;
    expect(eu.node.slug).toBe('eu');
    expect(eu.forum).toEqual({ slug: 'un', name: 'United Nations' });
    expect(eu.evidence.excerpt).toContain('hospitals or power grids');
    const promoters = data.responsibleStateBehaviour.promoters.edges.map((e: any) => [
      e.node.slug,
      e.node.__typename,
      e.forum?.slug ?? null,
    ]);
    expect(promoters).toEqual([
      ['eu-cyber-diplomacy-strategy', 'Instrument', null],
      ['eu', 'Actor', 'un'],
    ]);
  },
  'instrument-adoption-and-targets.graphql': (data) => {
    const regime = data.instrument;
    expect(regime.kind).toBe('SANCTIONS_REGIME');
    expect(regime.adoptedBy.edges.map((e: any) => [e.node.slug, e.date, e.evidence.sourceSlug])).toEqual([
      ['council-of-the-eu', '2019-05-17', 'oj-l-129i-2019-05-17'],
      ['eu', '2019', 'doc-000'],
    ]);
    const targets = regime.targets.edges.map((e: any) => [e.node.slug, e.node.kind, e.evidence.sourceSlug]);
    expect(targets).toEqual([
      ['perpetrators-of-cyber-attacks', 'GROUP', 'doc-000'],
      ['perpetrators-of-cyber-attacks', 'GROUP', 'doc-001'],
      ['supporters-of-perpetrators', 'GROUP', 'doc-000'],
    ]);
  },
  'memberships.graphql': (data) => {
    expect(data.eu.members.totalCount).toBe(27);
    expect(data.eu.members.nodes.map((n: any) => n.countryCode)).toEqual(['AT', 'BE', 'BG', 'HR', 'CY']);
    expect(data.eu.members.pageInfo.hasNextPage).toBe(true);
    // The EU from its own list; the Council of Europe, the Freedom Online Coalition and the OSCE from the reference layer.
    expect(data.austria.memberOf.edges).toHaveLength(4);
    expect(data.austria.memberOf.edges).toContainEqual({
      node: { slug: 'eu', name: 'European Union' },
      evidence: { source: { title: 'EU countries: the 27 member countries of the European Union' } },
    });
    expect(data.austria.memberOf.edges.map((e: any) => e.node.slug).sort()).toEqual([
      'council-of-europe',
      'eu',
      'freedom-online-coalition',
      'osce',
    ]);
  },
  'person-statements.graphql': (data) => {
    expect(data.actor.kind).toBe('PERSON');
    const statements = data.actor.statements.edges;
    expect(statements.map((e: any) => `${e.node.__typename}:${e.node.slug}`).sort()).toEqual([
      'Actor:russia',
      'Instrument:unga-resolution-74-247',
      'Treaty:budapest-convention',
    ]);
    for (const s of statements) {
      expect(s.claim).toContain('effort to replace the Budapest Convention');
      expect(s.evidence.source.language).toBe('ID');
      expect(s.evidence.excerpt).toContain('Joyce Hakmeh dan Allison Peters');
    }
  },
  'lookup-indonesian-alias.graphql': (data) => {
    expect(slugs(data.uniEropa)).toEqual(['eu']);
    expect(data.uniEropa[0].aliases).toContain('Uni Eropa');
    expect(data.jepang).toEqual([{ slug: 'japan', name: 'Japan' }]);
    expect(data.pbb).toEqual([{ slug: 'un', name: 'United Nations' }]);
  },
  'actors-by-programme-count.graphql': (data) => {
    const nodes = seeded(data.actors.edges.map((e: any) => e.node));
    // Brazil, China, India, Japan, South Korea, the United States and four regions.
    expect(nodes).toHaveLength(10);
    expect(data.actors.totalCount).toBeGreaterThanOrEqual(10);
    const degrees = nodes.map((n: any) => n.degree);
    expect(degrees).toEqual([...degrees].sort((a, b) => b - a));
    expect(slugs(nodes.filter((n: any) => n.degree === 2)).sort()).toEqual([
      'africa',
      'asia-pacific',
      'caribbean',
      'japan',
      'latin-america',
    ]);
    expect(nodes.every((n: any) => n.kind === 'STATE' || n.kind === 'REGION')).toBe(true);
  },
  'search-indonesian.graphql': (data) => {
    expect(data.konvensi.edges[0].node).toEqual({ __typename: 'Treaty', slug: 'budapest-convention', name: 'Budapest Convention' });
    const scores = data.konvensi.edges.map((e: any) => e.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(data.uniEropa.nodes[0]).toEqual({ slug: 'eu', name: 'European Union' });
    expect(data.uniEropa.totalCount).toBeGreaterThanOrEqual(1);
  },
  'source-facts.graphql': (data) => {
    const source = data.source;
    expect(source).toMatchObject({ language: 'ID', kind: 'DOCUMENT' });
    expect(source.title).toContain('the Budapest Convention');
    const facts = source.facts.edges.map((e: any) => e.node);
    const attested = facts.filter((f: any) => f.type === 'ATTESTS' && f.to.slug === 'budapest-convention');
    expect(attested.map((f: any) => [f.property, f.value]).sort()).toEqual(
      expect.arrayContaining([
        ['ratificationCount', '65'],
        ['signatoryCount', '68'],
      ]),
    );
    const supplements = facts.filter((f: any) => f.type === 'SUPPLEMENTS').map((f: any) => f.from.slug);
    expect(supplements.sort()).toEqual(['additional-protocol-racism-xenophobia', 'second-additional-protocol']);
    expect(facts.filter((f: any) => f.type === 'STATED' && f.from.slug === 'joyce-hakmeh')).toHaveLength(3);
  },
  'node-by-global-id.graphql': (data) => {
    expect(data.node).toEqual({
      __typename: 'Programme',
      id: 'UHJvZ3JhbW1lOmV1LWN5YmVyLWRpcmVjdA==',
      slug: 'eu-cyber-direct',
      name: 'EU Cyber Direct',
      kind: 'PROJECT',
    });
  },
  'western-balkan-states.graphql': (data) => {
    expect(slugs(seeded(data.actors.nodes))).toEqual(['bosnia-and-herzegovina', 'north-macedonia', 'serbia']);
    expect(data.actors.nodes[1].aliases).toContain('Makedonia Utara');
  },
  'treaties-by-date.graphql': (data) => {
    expect(seeded(data.treaties.nodes)).toEqual([
      { slug: 'budapest-convention', name: 'Budapest Convention', date: '2001-11-23' },
      { slug: 'additional-protocol-racism-xenophobia', name: 'Additional Protocol on Racism and Xenophobia', date: '2003-01-28' },
    ]);
  },
};

describe('the example operations in schema/examples', () => {
  const app = testApp();

  it('when the examples folder is read, then every file has an assertion here and every assertion a file', () => {
    expect(exampleFiles.length).toBeGreaterThanOrEqual(13);
    expect(exampleFiles.filter((f) => !(f in ASSERTIONS))).toEqual([]);
    expect(Object.keys(ASSERTIONS).filter((f) => !exampleFiles.includes(f))).toEqual([]);
  });

  it('when an example is read, then it is one named operation that starts with a comment saying what it answers', () => {
    for (const file of exampleFiles) {
      const text = readFileSync(path.join(EXAMPLES_DIR, file), 'utf8');
      expect(text, file).toMatch(/^# \S.+\n/);
      expect(text.match(/^(query|mutation|subscription)\s+[A-Z]\w*/gm), file).toHaveLength(1);
    }
  });

  it.each(exampleFiles)('when %s runs, then it answers its question from the seeded graph', async (file) => {
    const assertAnswer = ASSERTIONS[file];
    if (!assertAnswer) throw new Error(`${file} has no assertion in test/api/examples.test.ts; add one to ASSERTIONS.`);
    const result = await gql(app, readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
    expect(result.body.errors, file).toBeUndefined();
    expect(result.status).toBe(200);
    assertAnswer(result.body.data);
  });
});
