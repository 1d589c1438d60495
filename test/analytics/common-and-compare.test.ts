/** What several actors share, and a side-by-side comparison of up to three. */
import { describe, expect, it } from 'vitest';
import { gql, testApp } from '../helpers.js';
import { isSeeded } from './support.js';

const COMMON = /* GraphQL */ `
  query Common($slugs: [String!]!, $labels: [EntityLabel!]) {
    commonConnections(slugs: $slugs, labels: $labels) {
      node { slug name }
      category
      links {
        of { slug }
        direction
        type
        properties { role }
        evidence { sourceSlug excerpt }
      }
    }
  }
`;

const COMPARE = /* GraphQL */ `
  query Compare($slugs: [String!]!) {
    compare(slugs: $slugs) {
      compared { slug }
      truncated
      rows {
        node { slug }
        category
        shared
        cells { of { slug } present links { type evidence { sourceSlug } } }
      }
    }
  }
`;

describe('common connections', () => {
  const app = testApp();

  it('when two actors are partners of one programme, then it is a common connection with both links, each with role and evidence', async () => {
    const { body } = await gql(app, COMMON, { slugs: ['japan', 'brazil'] });

    expect(body.errors).toBeUndefined();
    // Programmes only: the reference layer adds the Budapest Convention, which both ratified.
    const seeded = body.data.commonConnections.filter((c: any) => isSeeded(c.node.slug));
    expect(seeded.map((c: any) => c.node.slug)).toContain('budapest-convention');
    const common = seeded.filter((c: any) => c.category === 'Programme');
    expect(common.map((c: any) => c.node.slug)).toEqual(['eu-cyber-direct']);
    const [ecd] = common;
    expect(ecd.category).toBe('Programme');
    expect(ecd.links.map((l: any) => l.of.slug).sort()).toEqual(['brazil', 'japan']);
    for (const link of ecd.links) {
      expect(link).toMatchObject({ direction: 'OUT', type: 'PARTNER_IN', properties: { role: 'partner country' } });
      expect(link.evidence.sourceSlug).toBe('doc-000');
      expect(link.evidence.excerpt).toContain('EU Cyber Direct dengan Brazil');
    }
  });

  it('when three actors are given, then only what all three share comes back', async () => {
    const three = await gql(app, COMMON, { slugs: ['japan', 'brazil', 'asean'] });
    const withoutCommon = await gql(app, COMMON, { slugs: ['japan', 'brazil', 'africa'] });

    const common = three.body.data.commonConnections.filter((c: any) => isSeeded(c.node.slug));
    expect(common.map((c: any) => c.node.slug)).toEqual(['eu-cyber-direct']);
    expect(common[0].links.map((l: any) => [l.of.slug, l.properties.role]).sort()).toEqual([
      ['asean', 'partner organisation'],
      ['brazil', 'partner country'],
      ['japan', 'partner country'],
    ]);
    expect(withoutCommon.body.data.commonConnections.filter((c: any) => isSeeded(c.node.slug))).toEqual([]);
  });

  it('when the regions of GLACY are compared, then both GLACY programmes are shared', async () => {
    const { body } = await gql(app, COMMON, { slugs: ['africa', 'caribbean'], labels: ['Programme'] });

    expect(
      body.data.commonConnections
        .map((c: any) => c.node.slug)
        .filter(isSeeded)
        .sort(),
    ).toEqual(['glacy', 'glacy-plus']);
  });

  it('when fewer than two different slugs are given, then the error is BAD_USER_INPUT', async () => {
    const one = await gql(app, COMMON, { slugs: ['japan'] });
    const repeated = await gql(app, COMMON, { slugs: ['japan', 'japan'] });

    for (const { body } of [one, repeated]) {
      expect(body.data).toBeNull();
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'slugs' });
    }
  });

  it('when a slug names no node, then the error is NOT_FOUND', async () => {
    const { body } = await gql(app, COMMON, { slugs: ['japan', 'atlantis'] });

    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', id: 'atlantis' });
  });
});

describe('side-by-side comparison', () => {
  const app = testApp();

  it('when two actors are compared, then shared rows come first marked shared, and cells follow the order given', async () => {
    const { body } = await gql(app, COMPARE, { slugs: ['japan', 'brazil'] });

    expect(body.errors).toBeUndefined();
    const { compared, rows, truncated } = body.data.compare;
    expect(compared.map((c: any) => c.slug)).toEqual(['japan', 'brazil']);
    expect(truncated).toBe(false);
    // Programme rows (the reference layer adds treaty and membership rows, checked below).
    const seededRows = rows.filter((r: any) => isSeeded(r.node.slug) && r.category === 'Programme');
    expect(rows.find((r: any) => r.node.slug === 'budapest-convention')).toMatchObject({ shared: true });
    expect(seededRows.map((r: any) => [r.node.slug, r.shared])).toEqual([
      ['eu-cyber-direct', true],
      ['eunity', false],
    ]);
    const sharedFlags = rows.map((r: any) => r.shared);
    expect(sharedFlags).toEqual([...sharedFlags].sort((a: boolean, b: boolean) => Number(b) - Number(a)));
    for (const row of rows) expect(row.cells.map((c: any) => c.of.slug)).toEqual(['japan', 'brazil']);
    const eunity = seededRows[1];
    expect(eunity.cells.map((c: any) => [c.present, c.links.map((l: any) => l.type)])).toEqual([
      [true, ['PARTNER_IN']],
      [false, []],
    ]);
    expect(seededRows[0].cells.every((c: any) => c.links[0].evidence.sourceSlug === 'doc-000')).toBe(true);
  });

  it('when three actors are compared in another order, then the cells follow that order', async () => {
    const { body } = await gql(app, COMPARE, { slugs: ['brazil', 'asean', 'japan'] });

    const rows = body.data.compare.rows.filter((r: any) => isSeeded(r.node.slug));
    expect(rows[0]).toMatchObject({ node: { slug: 'eu-cyber-direct' }, shared: true });
    for (const row of rows) expect(row.cells.map((c: any) => c.of.slug)).toEqual(['brazil', 'asean', 'japan']);
    expect(rows.find((r: any) => r.node.slug === 'eunity').cells.map((c: any) => c.present)).toEqual([false, false, true]);
  });

  it('when more than three actors are compared, then the error is BAD_USER_INPUT naming the bound', async () => {
    const { body } = await gql(app, COMPARE, { slugs: ['japan', 'brazil', 'china', 'india'] });

    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'slugs' });
    expect(body.errors?.[0]?.message).toContain('2 to 3');
  });
});
