/**
 * The dashboard aggregates: after a mix of every kind of write (curation mutations, a bulk
 * import over HTTP, document ingests), each dashboard figure read from the aggregates equals the
 * same figure counted from the relationships themselves; a write that fails moves no counter;
 * and the counters kept by the writes are exactly those a recount from scratch makes.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/auth/auth.js';
import { recountAggregates } from '../../src/modules/aggregates/aggregates.repository.js';
import { lockAggregates, wholeNodeScope, withAggregates } from '../../src/modules/aggregates/aggregates.service.js';
import {
  evidenceCoverageByScan,
  GROUP_KEYS,
  type GroupKey,
  groupCountByScan,
  timelineCountsByScan,
} from '../../src/modules/analytics/dashboard.repository.js';
import { maxDegreesByType, maxDegreesByTypeByScan } from '../../src/modules/graph/graph.repository.js';
import { ingestFiles } from '../../src/modules/ingest/ingest.service.js';
import { spellGroups } from '../../src/modules/analytics/dashboard.service.js';
import { gql, testApp, testRunner, uniquePrefix } from '../helpers.js';

const cypher = testRunner();
const prefix = uniquePrefix('agg');
const slug = (name: string) => `${prefix}-${name}`;
const CURATOR_KEY = `curator-${uniquePrefix('key')}`;
const ADMIN_KEY = `admin-${uniquePrefix('key')}`;
const app = testApp({
  API_KEYS: [
    { name: 'agg-curator', sha256: sha256Hex(CURATOR_KEY), scopes: ['curator'] },
    { name: 'agg-admin', sha256: sha256Hex(ADMIN_KEY), scopes: ['admin'] },
  ],
});
const dir = await mkdtemp(path.join(os.tmpdir(), 'cdg-aggregates-'));

const CREATE = 'mutation($input: EntityInput!) { createEntity(input: $input) { __typename } }';
const UPSERT = 'mutation($input: EntityInput!) { upsertEntity(input: $input) { __typename } }';
const UPDATE = 'mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { __typename } }';
const LINK = 'mutation($input: LinkInput!) { linkEntities(input: $input) { __typename } }';
const UNLINK = 'mutation($input: UnlinkInput!) { unlinkEntities(input: $input) { __typename } }';
const FACT = 'mutation($input: FactInput!) { recordFact(input: $input) { __typename } }';
const DELETE = 'mutation($slug: String!) { deleteEntity(slug: $slug) { __typename } }';

async function mutate(mutation: string, input: Record<string, unknown>, key = CURATOR_KEY): Promise<string> {
  const variables = mutation === DELETE ? input : { input };
  const { body } = await gql(app, mutation, variables, { authorization: `Bearer ${key}` });
  expect(body.errors).toBeUndefined();
  const result = Object.values(body.data as Record<string, { __typename: string }>)[0]!;
  return result.__typename;
}

const evidence = (excerpt: string) => ({ source: 'doc-001', excerpt });

/** Group-bys of one and two keys, with and without label filters, that the API answers unlike a count of the relationships. */
async function groupCountsDisagreeing(): Promise<string[]> {
  const keys = Object.keys(GROUP_KEYS) as GroupKey[];
  const groupings = [...keys.map((k) => [k]), ...keys.flatMap((a, i) => keys.slice(i + 1).map((b) => [a, b]))];
  const filters = [
    { startLabels: null, endLabels: null },
    { startLabels: ['Actor'], endLabels: null },
    { startLabels: null, endLabels: ['Treaty', 'Programme'] },
  ] as const;
  const disagreeing: string[] = [];
  for (const groupBy of groupings) {
    // Label filters with every single key; pairs of keys without (each pair picks its aggregate alike).
    for (const filter of groupBy.length === 1 ? filters : filters.slice(0, 1)) {
      const { body } = await gql(
        app,
        `query($groupBy: [GroupKey!]!, $startLabels: [EntityLabel!], $endLabels: [EntityLabel!]) {
           dashboard { groupCount(groupBy: $groupBy, startLabels: $startLabels, endLabels: $endLabels, limit: 1000) { keys count } }
         }`,
        { groupBy, ...filter },
      );
      expect(body.errors).toBeUndefined();
      const counted = await groupCountByScan(cypher, {
        types: null,
        groupBy,
        startLabels: filter.startLabels as never,
        endLabels: filter.endLabels as never,
        orderByCount: true,
        limit: 1000,
      });
      const expected = spellGroups(counted, groupBy).map(({ keys, count }) => ({ keys, count }));
      if (JSON.stringify(body.data.dashboard.groupCount) !== JSON.stringify(expected))
        disagreeing.push(`${groupBy.join('+')} ${JSON.stringify(filter)}`);
    }
  }
  return disagreeing;
}

/** The counters as they are: every aggregate node's labels, key and counts (one at zero counts nothing). */
async function counters() {
  return cypher.read<{ labels: string[]; key: string; count: number; withEvidence: number | null }>(
    'Test.aggregateCounters',
    `MATCH (t:Aggregate) WHERE NOT t:AggregateState AND NOT t:AggregateLock AND t.count <> 0
     RETURN labels(t) AS labels, t.key AS key, t.count AS count, t.withEvidence AS withEvidence
     ORDER BY key, labels`,
  );
}

describe('the dashboard aggregates', () => {
  beforeAll(async () => {
    // Curation: nodes created and upserted, a kind changed, links made and one unmade, dated
    // facts recorded (the headline date moves), and a node deleted with its relationships.
    await mutate(CREATE, { label: 'Treaty', slug: slug('treaty'), name: 'Aggregate Treaty', kind: 'CONVENTION' });
    await mutate(CREATE, { label: 'Programme', slug: slug('programme'), name: 'Aggregate Programme', kind: 'PROGRAMME' });
    for (const name of ['a', 'b', 'c'])
      await mutate(CREATE, { label: 'Actor', slug: slug(name), name: `Aggregate State ${name}`, kind: 'STATE' });
    for (const name of ['a', 'b', 'c']) {
      await mutate(LINK, {
        type: 'SIGNED',
        from: slug(name),
        to: slug('treaty'),
        properties: { date: '2020-05-01' },
        evidence: evidence('signed it'),
      });
      await mutate(LINK, {
        type: 'PARTNER_IN',
        from: slug(name),
        to: slug('programme'),
        properties: { since: '2019' },
        evidence: evidence('a partner'),
      });
      await mutate(LINK, { type: 'MEMBER_OF', from: slug(name), to: 'eu', evidence: evidence('a member') });
    }
    await mutate(LINK, {
      type: 'RATIFIED',
      from: slug('a'),
      to: slug('treaty'),
      properties: { date: '2021' },
      evidence: evidence('ratified it'),
    });
    await mutate(LINK, { type: 'PART_OF', from: slug('b'), to: 'western-balkans', evidence: evidence('in the region') });
    await mutate(UPSERT, { label: 'Actor', slug: slug('b'), name: 'Aggregate Body b', kind: 'INTERNATIONAL_ORGANISATION' });
    await mutate(UPDATE, { slug: slug('c'), kind: 'EU_BODY' });
    await mutate(UPDATE, { slug: 'budapest-convention', name: 'Convention on Cybercrime (Budapest)' });
    await mutate(UNLINK, { type: 'PARTNER_IN', from: slug('a'), to: slug('programme'), source: 'doc-001' });
    await mutate(FACT, {
      slug: slug('treaty'),
      property: 'openedForSignature',
      value: '2018-03',
      evidence: evidence('opened for signature'),
    });
    await mutate(FACT, { slug: slug('treaty'), property: 'adopted', value: '2017', evidence: evidence('adopted') });
    // Upserts with facts: a new node, and a node given a new kind (all its relationships move).
    for (const [input, property, value] of [
      [{ label: 'Programme', slug: slug('dated'), name: 'Aggregate Dated', kind: 'PROJECT' }, 'started', '2022-09'],
      [{ label: 'Actor', slug: slug('c'), name: 'Aggregate Body c', kind: 'STATE' }, 'founded', '1999'],
    ] as const) {
      const { body } = await gql(
        app,
        'mutation($input: EntityInput!, $facts: [NodeFactInput!]) { upsertEntity(input: $input, facts: $facts) { __typename } }',
        { input, facts: [{ property, value, evidence: evidence(`${property} then`) }] },
        { authorization: `Bearer ${CURATOR_KEY}` },
      );
      expect(body.data.upsertEntity.__typename).toBe('MutationUpsertEntitySuccess');
    }
    expect(await mutate(DELETE, { slug: slug('a') }, ADMIN_KEY)).toMatch(/Success/);
    expect(await mutate(DELETE, { slug: 'glacy' }, ADMIN_KEY)).toMatch(/Success/);

    // Writers at once, over the same nodes: links made and remade, one unmade, kinds changed
    // and facts recorded, all at the same time. Writers of the same node take turns (the
    // aggregates' locks of the nodes they change; a new kind takes them all), so no fact is
    // counted twice or lost.
    for (const name of ['w', 'x', 'y'])
      await mutate(CREATE, { label: 'Actor', slug: slug(`busy-${name}`), name: `Busy State ${name}`, kind: 'STATE' });
    await mutate(LINK, { type: 'PARTNER_IN', from: slug('busy-w'), to: slug('programme'), evidence: evidence('busy partner') });
    const burst: Array<[mutation: string, input: Record<string, unknown>]> = [
      ...['w', 'x', 'y'].flatMap(
        (name): Array<[string, Record<string, unknown>]> => [
          [
            LINK,
            {
              type: 'PARTNER_IN',
              from: slug(`busy-${name}`),
              to: slug('programme'),
              properties: { role: name },
              evidence: evidence('busy'),
            },
          ],
          [LINK, { type: 'MEMBER_OF', from: slug(`busy-${name}`), to: 'eu', evidence: evidence('busy member') }],
          [UPDATE, { slug: slug(`busy-${name}`), kind: name === 'y' ? 'EU_BODY' : 'INTERNATIONAL_ORGANISATION' }],
        ],
      ),
      [UNLINK, { type: 'PARTNER_IN', from: slug('busy-w'), to: slug('programme'), source: 'doc-001' }],
      [FACT, { slug: slug('programme'), property: 'launched', value: '2019-02', evidence: evidence('launched') }],
      [FACT, { slug: slug('programme'), property: 'started', value: '2019', evidence: evidence('started') }],
    ];
    const outcomes = await Promise.all(burst.map(([mutation, input]) => mutate(mutation, input)));
    for (const outcome of outcomes) expect(outcome).toMatch(/Success$/);

    // A bulk import over HTTP: new nodes and relationships, a seeded node given a new kind, and a
    // second claim between two seeded nodes that already share one the import does not name.
    const bundle = {
      actors: [
        { id: slug('imported'), kind: 'state', name: 'Imported State' },
        { id: 'european-commission', kind: 'eu_body', name: 'European Commission' },
      ],
      relationships: [
        {
          type: 'PARTNER_IN',
          from: slug('imported'),
          to: slug('programme'),
          source: 'doc-002',
          excerpt: 'an imported partner',
          properties: { since: '2022-01' },
        },
        {
          type: 'SIGNED',
          from: slug('imported'),
          to: 'budapest-convention',
          source: 'doc-002',
          excerpt: 'an imported signature',
          properties: { date: '2023' },
        },
        {
          type: 'MANAGES',
          from: 'eeas',
          to: 'eu-external-cybersecurity-strategy',
          source: 'doc-002',
          excerpt: 'the same management, from another document',
        },
      ],
    };
    const imported = await app.fetch('http://test/import?name=aggregates.json', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${CURATOR_KEY}` },
      body: JSON.stringify(bundle),
    });
    expect(imported.status, await imported.clone().text()).toBe(200);

    // Ingest: a new document's mentions, then the same file changed (stale mentions go).
    const file = path.join(dir, `${prefix}.txt`);
    await writeFile(
      file,
      'In this note, the European Union and the Council of Europe discussed the Budapest Convention and the Western Balkans with all of their partners in the region.',
    );
    expect((await ingestFiles(cypher, [file]))[0]).toMatchObject({ status: 'ingested' });
    await writeFile(
      file,
      'Later in the year, only the Council of Europe discussed the Budapest Convention, and then it discussed the Budapest Convention once more with its members.',
    );
    expect((await ingestFiles(cypher, [file]))[0]).toMatchObject({ status: 'ingested' });
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('when every kind of write has happened, then each group count read from the aggregates equals the count of the relationships', async () => {
    expect(await groupCountsDisagreeing()).toEqual([]);
  });

  it('when the largest groups of one type are read straight from the counters’ index, then they are the counted ones, ties at the limit included', async () => {
    const cases = [
      { types: ['PARTNER_IN'], groupBy: ['END_NODE', 'START_KIND'] },
      { types: ['SIGNED', 'RATIFIED'], groupBy: ['END_NODE', 'TYPE', 'START_KIND', 'START_LABEL'] },
      { types: ['MEMBER_OF'], groupBy: ['START_NODE', 'END_KIND'] },
    ] as const;
    for (const { types, groupBy } of cases) {
      for (const limit of [1, 2, 3, 7, 100]) {
        const { body } = await gql(
          app,
          `query($types: [RelationshipType!], $groupBy: [GroupKey!]!, $limit: Int) {
             dashboard { groupCount(relationshipTypes: $types, groupBy: $groupBy, limit: $limit) { keys count } }
           }`,
          { types, groupBy, limit },
        );
        expect(body.errors).toBeUndefined();
        const counted = await groupCountByScan(cypher, { types, groupBy, startLabels: null, endLabels: null, orderByCount: true, limit });
        const expected = spellGroups(counted, groupBy).map(({ keys, count }) => ({ keys, count }));
        expect(body.data.dashboard.groupCount, `${types} by ${groupBy} limit ${limit}`).toEqual(expected);
      }
    }
  });

  it('when every kind of write has happened, then timeline counts, evidence coverage and largest degrees equal those counted from the graph', async () => {
    for (const granularity of ['YEAR', 'MONTH']) {
      for (const labels of [null, ['Treaty']]) {
        const { body } = await gql(
          app,
          'query($g: Granularity, $labels: [EntityLabel!]) { dashboard { timelineCounts(granularity: $g, labels: $labels) { period count } } }',
          { g: granularity, labels },
        );
        expect(body.errors).toBeUndefined();
        const expected = await timelineCountsByScan(cypher, { labels: labels as never, width: granularity === 'YEAR' ? 4 : 7 });
        expect(body.data.dashboard.timelineCounts).toEqual(expected);
      }
    }
    const treatyYears = await timelineCountsByScan(cypher, { labels: ['Treaty'], width: 4 });
    expect(treatyYears).toEqual(expect.arrayContaining([{ period: '2018', count: expect.any(Number) }]));

    const { body } = await gql(
      app,
      '{ dashboard { evidenceCoverage { facts withEvidence bySource { sourceSlug count } byLanguage { language count } } } }',
    );
    const scanned = await evidenceCoverageByScan(cypher);
    expect(body.data.dashboard.evidenceCoverage).toEqual({
      facts: scanned.total,
      withEvidence: scanned.withEvidence,
      bySource: scanned.bySource.map((s) => ({ sourceSlug: s.source, count: s.count })),
      byLanguage: scanned.byLanguage.map((l) => ({ language: l.language?.toUpperCase() ?? null, count: l.count })),
    });

    expect(await maxDegreesByType(cypher)).toEqual(await maxDegreesByTypeByScan(cypher));
  });

  it('when a write fails after its counters moved, then the rollback takes them back with it', async () => {
    const before = await counters();
    // As a curation write would: the hub gets a new kind (all its counters move), then the write fails.
    const failing = cypher.writeTransaction('Test.failingWrite', async (tx) => {
      lockAggregates(tx);
      await withAggregates(tx, wholeNodeScope('eu'), () => tx.run('Test.newKind', "MATCH (n:Entity {id: 'eu'}) SET n.kind = 'coalition'"));
      expect(
        (
          await tx.run<{ n: number }>('Test.movedCounters', "MATCH (t:FactsByNode {node: 'eu', kind: 'coalition'}) RETURN count(t) AS n")
        )[0]!.n,
      ).toBeGreaterThan(0);
      throw new Error('the write fails after its counters moved');
    });
    await expect(failing).rejects.toThrow('the write fails after its counters moved');
    expect(await counters()).toEqual(before);
    // And a refused mutation changes nothing either (the slug is taken).
    expect(await mutate(CREATE, { label: 'Actor', slug: slug('b'), name: 'Taken', kind: 'STATE' })).toBe('ConflictError');
    expect(await counters()).toEqual(before);
  });

  it('when the counters are recounted from scratch, then they are exactly those the writes kept', async () => {
    const kept = await counters();
    expect(kept.length).toBeGreaterThan(100);
    await recountAggregates(cypher);
    expect(await counters()).toEqual(kept);
  });
});
