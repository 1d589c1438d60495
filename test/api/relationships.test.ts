/**
 * Relationship fields over HTTP: each family answers with the nodes at the other end, the
 * relationship's own properties (role, date, forum, claim) and its evidence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, testApp, testRunner, uniquePrefix } from '../helpers.js';
import { createEdges, createNodes, deleteTestData } from './fixtures.js';

const app = testApp();
const cypher = testRunner();
const prefix = uniquePrefix('api-rel');
const treaty = `${prefix}-treaty`;
const states = Array.from({ length: 25 }, (_, i) => ({
  id: `${prefix}-state-${String(i + 1).padStart(2, '0')}`,
  name: `Teststate ${String(i + 1).padStart(2, '0')}`,
  kind: 'state',
}));
/** The first ten states ratified as well as signed. */
const ratifying = states.slice(0, 10);

beforeAll(async () => {
  await createNodes(cypher, 'Treaty', [{ id: treaty, name: `Test Convention ${prefix}`, kind: 'convention' }]);
  await createNodes(cypher, 'Actor', states);
  await createEdges(
    cypher,
    'SIGNED',
    states.map((s, i) => ({
      from: s.id,
      to: treaty,
      props: { date: `2001-11-${String(i + 1).padStart(2, '0')}` },
      excerpt: `${s.name} signed`,
    })),
  );
  await createEdges(
    cypher,
    'RATIFIED',
    ratifying.map((s, i) => ({ from: s.id, to: treaty, props: { date: `2004-0${(i % 9) + 1}` }, excerpt: `${s.name} ratified` })),
  );
});

afterAll(async () => {
  await deleteTestData(cypher, prefix);
});

describe('Programme.partners and Actor.programmes', () => {
  it('when a programme has partners, then partners lists them with their role and source', async () => {
    const { body } = await gql(
      app,
      `{ programme(slug: "eu-cyber-direct") { partners(first: 50) { totalCount edges { role node { slug } evidence { sourceSlug source { language } } } } } }`,
    );
    const partners = body.data.programme.partners;
    expect(partners.totalCount).toBe(9);
    expect(partners.edges.find((e: any) => e.node.slug === 'south-korea')).toEqual({
      role: 'partner country',
      node: { slug: 'south-korea' },
      evidence: { sourceSlug: 'doc-000', source: { language: 'ID' } },
    });
    expect(
      partners.edges
        .filter((e: any) => e.role === 'partner organisation')
        .map((e: any) => e.node.slug)
        .sort(),
    ).toEqual(['asean', 'au', 'oas']);
  });

  it('when an actor partners in programmes, then programmes lists them the other way round', async () => {
    const { body } = await gql(
      app,
      `{ actor(slug: "japan") { programmes { nodes { slug } } } brazil: actor(slug: "brazil") { programmes { nodes { slug } } } }`,
    );
    expect(body.data.actor.programmes.nodes.map((n: any) => n.slug)).toEqual(['eu-cyber-direct', 'eunity']);
    expect(body.data.brazil.programmes.nodes.map((n: any) => n.slug)).toEqual(['eu-cyber-direct']);
  });

  it('when partners are filtered by kind, then only partners of that kind remain', async () => {
    const { body } = await gql(
      app,
      `{ programme(slug: "eu-cyber-direct") { partners(kinds: [INTERNATIONAL_ORGANISATION]) { totalCount nodes { slug } } } }`,
    );
    expect(body.data.programme.partners).toEqual({ totalCount: 3, nodes: [{ slug: 'au' }, { slug: 'asean' }, { slug: 'oas' }] });
  });
});

describe('Treaty.parties and Actor.treaties', () => {
  const parties = `query Parties($slug: String!, $status: TreatyStatus) {
    treaty(slug: $slug) { parties(status: $status, first: 100) { totalCount edges { type date node { slug } evidence { excerpt source { slug } } } } }
  }`;

  it('when parties are asked for by status, then SIGNED and RATIFIED give their own states and ANY gives both', async () => {
    const signed = (await gql(app, parties, { slug: treaty, status: 'SIGNED' })).body.data.treaty.parties;
    const ratified = (await gql(app, parties, { slug: treaty, status: 'RATIFIED' })).body.data.treaty.parties;
    const any = (await gql(app, parties, { slug: treaty })).body.data.treaty.parties;
    expect(signed.totalCount).toBe(25);
    expect(signed.edges.every((e: any) => e.type === 'SIGNED')).toBe(true);
    expect(ratified.totalCount).toBe(10);
    expect(ratified.edges.map((e: any) => e.node.slug)).toEqual(ratifying.map((s) => s.id));
    expect(any.totalCount).toBe(35);
    expect(any.edges.filter((e: any) => e.type === 'RATIFIED')).toHaveLength(10);
  });

  it('when a state signed, then its party edge carries the date and cites the source', async () => {
    const { body } = await gql(app, parties, { slug: treaty, status: 'SIGNED' });
    const third = body.data.treaty.parties.edges.find((e: any) => e.node.slug === states[2]!.id);
    expect(third).toMatchObject({
      type: 'SIGNED',
      date: '2001-11-03',
      evidence: { excerpt: 'Teststate 03 signed', source: { slug: 'doc-002' } },
    });
  });

  it('when a state ratified, then Actor.treaties shows both steps, and status narrows them', async () => {
    const query = `query($slug: String!) { actor(slug: $slug) {
      all: treaties { edges { type date node { slug } } }
      ratified: treaties(status: RATIFIED) { edges { type date } } } }`;
    const { body } = await gql(app, query, { slug: states[0]!.id });
    expect(body.data.actor.all.edges.map((e: any) => [e.type, e.date, e.node.slug]).sort()).toEqual([
      ['RATIFIED', '2004-01', treaty],
      ['SIGNED', '2001-11-01', treaty],
    ]);
    expect(body.data.actor.ratified.edges).toEqual([{ type: 'RATIFIED', date: '2004-01' }]);
  });
});

describe('treaties and their protocols', () => {
  it('when a treaty has protocols, then protocols lists them and each protocol points back with supplements', async () => {
    const { body } = await gql(
      app,
      `{ treaty(slug: "budapest-convention") { protocols { nodes { slug supplements { nodes { slug } } } } } }`,
    );
    const protocols = body.data.treaty.protocols.nodes;
    expect(protocols.map((p: any) => p.slug).sort()).toEqual(['additional-protocol-racism-xenophobia', 'second-additional-protocol']);
    for (const p of protocols) expect(p.supplements.nodes).toEqual([{ slug: 'budapest-convention' }]);
  });
});

describe('norms, instruments, memberships and statements', () => {
  it('when a norm is promoted through a forum, then promoters gives the promoter and the forum node', async () => {
    const { body } = await gql(
      app,
      `{ norm(slug: "gge-norm-13f") { promoters { edges { node { slug } forum { slug name } evidence { sourceSlug } } } } }`,
    );
    expect(body.data.norm.promoters.edges).toEqual([
      { node: { slug: 'eu' }, forum: { slug: 'un', name: 'United Nations' }, evidence: { sourceSlug: 'doc-001' } },
    ]);
  });

  it('when an instrument was adopted and targets groups, then adoptedBy has the dates and targets the groups', async () => {
    const { body } = await gql(
      app,
      `{ instrument(slug: "eu-cyber-sanctions-regime") { adoptedBy { edges { date node { slug } } } targets(withSlugs: ["supporters-of-perpetrators"]) { nodes { slug kind } } } }`,
    );
    expect(body.data.instrument.adoptedBy.edges).toContainEqual({ date: '2019', node: { slug: 'eu' } });
    expect(body.data.instrument.targets.nodes).toEqual([{ slug: 'supporters-of-perpetrators', kind: 'GROUP' }]);
  });

  it("when states are members of the EU, then eu.members counts 27 and a member state names the EU in memberOf (beside the reference layer's memberships)", async () => {
    const { body } = await gql(
      app,
      `{ eu: actor(slug: "eu") { members { totalCount } } austria: actor(slug: "austria") { memberOf { nodes { slug } } } targetedBy: actor(slug: "perpetrators-of-cyber-attacks") { targetedBy { nodes { slug } } } }`,
    );
    expect(body.data.eu.members.totalCount).toBe(27);
    // The EU from its list of member countries; the Council of Europe (2004 treaty chart), the
    // Freedom Online Coalition (a founder, Latvian MFA page) and the OSCE from the reference layer.
    expect(body.data.austria.memberOf.nodes.map((n: any) => n.slug).sort()).toEqual([
      'council-of-europe',
      'eu',
      'freedom-online-coalition',
      'osce',
    ]);
    expect(body.data.targetedBy.targetedBy.nodes.map((n: any) => n.slug)).toContain('eu-cyber-sanctions-regime');
  });

  it('when a cited person made claims, then statements lists each claim and statedAbout shows it from the other side', async () => {
    const { body } = await gql(
      app,
      `{ actor(slug: "joyce-hakmeh") { statements(withSlugs: ["unga-resolution-74-247"]) { edges { claim node { slug } } } }
         instrument(slug: "unga-resolution-74-247") { statedAbout { nodes { slug } } } }`,
    );
    expect(body.data.actor.statements.edges).toEqual([
      {
        claim:
          "Russia's involvement in the 2019 UN cybercrime resolution was part of a Russian effort to replace the Budapest Convention on Cybercrime.",
        node: { slug: 'unga-resolution-74-247' },
      },
    ]);
    expect(body.data.instrument.statedAbout.nodes.map((n: any) => n.slug).sort()).toEqual(['allison-peters', 'joyce-hakmeh']);
  });
});
