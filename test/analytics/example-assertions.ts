/**
 * What each analytics and dashboard example in schema/examples answers on the seeded graph.
 * Data other test files create concurrently carries ids starting with "t-"; examples ignore it.
 */
import { expect } from 'vitest';

const seeded = (id: string | null) => typeof id === 'string' && !id.startsWith('t-');

export const ANALYTICS_EXAMPLE_ASSERTIONS: Record<string, (data: any) => void> = {
  'analytics-path-between-partners.graphql': (data) => {
    expect(data.paths).toHaveLength(1);
    const [path] = data.paths;
    expect(path.length).toBe(2);
    expect(path.nodes.map((n: any) => n.slug)).toEqual(['japan', 'eu-cyber-direct', 'brazil']);
    expect(path.hops.map((h: any) => [h.from.slug, h.type, h.direction, h.to.slug])).toEqual([
      ['japan', 'PARTNER_IN', 'OUT', 'eu-cyber-direct'],
      ['eu-cyber-direct', 'PARTNER_IN', 'IN', 'brazil'],
    ]);
    for (const hop of path.hops) {
      expect(hop.properties.role).toBe('partner country');
      expect(hop.evidence.sourceSlug).toBe('doc-000');
      expect(hop.evidence.excerpt).toContain('EU Cyber Direct dengan Brazil');
    }
  },
  'analytics-shared-programmes.graphql': (data) => {
    const shared = data.commonConnections.filter((c: any) => seeded(c.node.slug));
    expect(shared.map((c: any) => [c.category, c.node.name])).toEqual([['Programme', 'EU Cyber Direct']]);
    expect(shared[0].links.map((l: any) => [l.of.slug, l.type, l.properties.role, l.evidence.sourceSlug]).sort()).toEqual([
      ['brazil', 'PARTNER_IN', 'partner country', 'doc-000'],
      ['japan', 'PARTNER_IN', 'partner country', 'doc-000'],
    ]);
  },
  'analytics-programmes-by-partners.graphql': (data) => {
    const ranked = data.mostConnected.filter((r: any) => seeded(r.node.slug)).map((r: any) => [r.node.slug, r.degree]);
    expect(ranked[0]).toEqual(['eu-cyber-direct', 9]);
    expect(ranked).toEqual([
      ['eu-cyber-direct', 9],
      ['glacy', 4],
      ['glacy-plus', 4],
      ['eunity', 1],
    ]);
  },
  'dashboard-partnerships-and-coverage.graphql': (data) => {
    const groups = data.dashboard.partnersByKind.filter((g: any) => seeded(g.keys[0])).map((g: any) => [...g.keys, g.count]);
    expect(groups).toEqual([
      ['eu-cyber-direct', 'STATE', 6],
      ['glacy', 'REGION', 4],
      ['glacy-plus', 'REGION', 4],
      ['eu-cyber-direct', 'INTERNATIONAL_ORGANISATION', 3],
      ['eunity', 'STATE', 1],
    ]);
    const coverage = data.dashboard.evidenceCoverage;
    expect(coverage.withoutEvidence).toBe(0);
    expect(coverage.byLanguage.map((l: any) => l.language)).toEqual(expect.arrayContaining(['EN', 'ID']));
  },
};
