/** Paths between two nodes: shortest, all shortest, filtered, bounded, with every hop's evidence. */
import { describe, expect, it } from 'vitest';
import { gql, testApp } from '../helpers.js';

const PATHS = /* GraphQL */ `
  query Paths($from: String!, $to: String!, $maxLength: Int, $all: Boolean, $types: [RelationshipType!], $through: [EntityLabel!]) {
    paths(from: $from, to: $to, maxLength: $maxLength, all: $all, relationshipTypes: $types, through: $through) {
      length
      nodes { slug }
      hops {
        type
        direction
        from { slug }
        to { slug }
        properties { role }
        evidence { sourceSlug excerpt }
      }
    }
  }
`;

const slugsOf = (path: { nodes: Array<{ slug: string }> }) => path.nodes.map((n) => n.slug);

describe('paths between two nodes', () => {
  const app = testApp();

  it('when two actors are partners of the same programme, then the path between them goes through it, each hop with its type, direction and evidence', async () => {
    // As partners: both also ratified the Budapest Convention, an equally short path.
    const { body, statements } = await gql(app, PATHS, { from: 'japan', to: 'brazil', types: ['PARTNER_IN'] });

    expect(body.errors).toBeUndefined();
    // Ends given by slug are found by the path statement itself: no lookup before it.
    expect(statements).toBe(1);
    expect(body.data.paths).toHaveLength(1);
    const [path] = body.data.paths;
    expect(path.length).toBe(2);
    expect(slugsOf(path)).toEqual(['japan', 'eu-cyber-direct', 'brazil']);
    expect(path.hops.map((h: any) => [h.from.slug, h.type, h.direction, h.to.slug])).toEqual([
      ['japan', 'PARTNER_IN', 'OUT', 'eu-cyber-direct'],
      ['eu-cyber-direct', 'PARTNER_IN', 'IN', 'brazil'],
    ]);
    for (const hop of path.hops) {
      expect(hop.properties.role).toBe('partner country');
      expect(hop.evidence.sourceSlug).toBe('doc-000');
      expect(hop.evidence.excerpt).toContain('EU Cyber Direct dengan Brazil');
    }
  });

  it('when all shortest paths are asked for, then every shortest path is returned, not just one', async () => {
    // Through programmes: the reference layer adds other two-hop paths (e.g. via the Budapest
    // Convention, which Japan ratified), which the next tests exercise.
    const one = await gql(app, PATHS, { from: 'japan', to: 'eu', through: ['Programme'] });
    const all = await gql(app, PATHS, { from: 'japan', to: 'eu', all: true, through: ['Programme'] });

    expect(one.body.data.paths).toHaveLength(1);
    const paths = all.body.data.paths;
    expect(paths.map(slugsOf).sort()).toEqual([
      ['japan', 'eu-cyber-direct', 'eu'],
      ['japan', 'eunity', 'eu'],
    ]);
    for (const path of paths) {
      expect(path.length).toBe(2);
      expect(path.hops.map((h: any) => [h.type, h.direction])).toEqual([
        ['PARTNER_IN', 'OUT'],
        ['RUNS', 'IN'],
      ]);
    }
  });

  it('when relationship types are given, then the path walks only those types', async () => {
    const unrestricted = await gql(app, PATHS, { from: 'japan', to: 'austria', all: true });
    const onlyPartnership = await gql(app, PATHS, { from: 'japan', to: 'austria', all: true, types: ['PARTNER_IN', 'MEMBER_OF'] });

    expect(unrestricted.body.data.paths.length).toBeGreaterThan(0);
    // Both are founders or members of the Freedom Online Coalition (reference layer): a path of
    // memberships only.
    expect(onlyPartnership.body.errors).toBeUndefined();
    for (const path of onlyPartnership.body.data.paths) {
      expect(path.hops.every((h: any) => ['PARTNER_IN', 'MEMBER_OF'].includes(h.type))).toBe(true);
    }
    // Partnerships alone lead nowhere near Austria, which partners in no programme.
    const onlyPartnerIn = await gql(app, PATHS, { from: 'japan', to: 'austria', all: true, types: ['PARTNER_IN'] });
    expect(onlyPartnerIn.body.errors).toBeUndefined();
    expect(onlyPartnerIn.body.data.paths).toEqual([]);

    const viaRuns = await gql(app, PATHS, { from: 'japan', to: 'austria', all: true, types: ['PARTNER_IN', 'RUNS', 'MEMBER_OF'] });
    expect(viaRuns.body.data.paths.length).toBeGreaterThan(0);
    for (const path of viaRuns.body.data.paths) {
      expect(path.hops.every((h: any) => ['PARTNER_IN', 'RUNS', 'MEMBER_OF'].includes(h.type))).toBe(true);
    }
  });

  it('when `through` names node types, then every intermediate node is of those types (the ends may be anything)', async () => {
    const throughProgrammes = await gql(app, PATHS, { from: 'japan', to: 'eu', all: true, through: ['Programme'] });
    const throughEvents = await gql(app, PATHS, { from: 'japan', to: 'eu', all: true, through: ['Event'], maxLength: 3 });

    expect(throughProgrammes.body.data.paths.map(slugsOf).sort()).toEqual([
      ['japan', 'eu-cyber-direct', 'eu'],
      ['japan', 'eunity', 'eu'],
    ]);
    expect(throughEvents.body.errors).toBeUndefined();
    expect(throughEvents.body.data.paths).toEqual([]);
  });

  it('when no path exists within maxLength, then the list is empty', async () => {
    const { body } = await gql(app, PATHS, { from: 'japan', to: 'brazil', maxLength: 1 });

    expect(body.errors).toBeUndefined();
    expect(body.data.paths).toEqual([]);
  });

  it('when a slug names no node, then the error is NOT_FOUND and names the slug', async () => {
    const { body } = await gql(app, PATHS, { from: 'japan', to: 'atlantis' });

    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', id: 'atlantis' });
  });

  it('when maxLength is above 6, then the error is BAD_USER_INPUT naming the bound', async () => {
    const { body, statements } = await gql(app, PATHS, { from: 'japan', to: 'brazil', maxLength: 7 });

    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'maxLength' });
    expect(body.errors?.[0]?.message).toContain('between 1 and 6');
    expect(statements).toBe(0);
  });

  it('when both ends are the same node, then the error is BAD_USER_INPUT', async () => {
    const { body } = await gql(app, PATHS, { from: 'japan', to: 'japan' });

    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'to' });
  });
});
