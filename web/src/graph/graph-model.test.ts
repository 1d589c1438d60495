import { describe, expect, it } from 'vitest';
import { mergeSubgraphs, neighboursOf, syntheticSubgraph, toElements, typeCounts } from './graph-model';
import { documentEvidence, NO_PROPERTIES } from '../lib/test-fixtures';
import type { Subgraph } from './operations';

const evidence = documentEvidence('EU Cyber Direct dengan Brazil');
const properties = { ...NO_PROPERTIES, role: 'partner country' };
const ecd: Subgraph = {
  truncated: false,
  nodes: [
    { id: 'eu-cyber-direct', name: 'EU Cyber Direct', label: 'Programme', kind: 'PROGRAMME' },
    { id: 'brazil', name: 'Brazil', label: 'Actor', kind: 'STATE' },
    { id: 'cyber', name: 'Cyber', label: 'Topic', kind: 'TOPIC' },
  ],
  edges: [
    { id: 'p1', source: 'brazil', target: 'eu-cyber-direct', type: 'PARTNER_IN', properties, evidence },
    { id: 'a1', source: 'eu-cyber-direct', target: 'cyber', type: 'ABOUT', properties, evidence },
  ],
};
const brazil: Subgraph = {
  truncated: true,
  nodes: [ecd.nodes[1]!, { id: 'mercosur', name: 'Mercosur', label: 'Actor', kind: 'GROUP' }],
  edges: [{ id: 'm1', source: 'brazil', target: 'mercosur', type: 'MEMBER_OF', properties, evidence }],
};
const none = { hiddenLabels: new Set<string>(), hiddenTypes: new Set<string>() };

describe('the graph view maps subgraphs to drawable elements', () => {
  it('draws every node and edge, marks the root and labels edges in words', () => {
    const elements = toElements(ecd, none, 'eu-cyber-direct');
    expect(elements.filter((e) => e.group === 'nodes').map((e) => e.data.id)).toEqual(['eu-cyber-direct', 'brazil', 'cyber']);
    expect(elements.find((e) => e.data.id === 'eu-cyber-direct')!.data).toMatchObject({ root: true });
    expect(elements.find((e) => e.data.id === 'p1')!.data).toMatchObject({
      source: 'brazil',
      target: 'eu-cyber-direct',
      label: 'partner in',
    });
  });

  it('merges an expansion without duplicating shared nodes and remembers truncation', () => {
    const merged = mergeSubgraphs([ecd, brazil]);
    expect(merged.nodes.map((n) => n.id)).toEqual(['eu-cyber-direct', 'brazil', 'cyber', 'mercosur']);
    expect(merged.edges).toHaveLength(3);
    expect(merged.truncated).toBe(true);
  });

  it('filters by node type and relationship type, dropping nodes left without edges but never the root', () => {
    const ids = (f: typeof none) => toElements(ecd, f, 'eu-cyber-direct').map((e) => e.data.id);
    expect(ids({ hiddenLabels: new Set(['Topic']), hiddenTypes: new Set() })).toEqual(['eu-cyber-direct', 'brazil', 'p1']);
    expect(ids({ hiddenLabels: new Set(), hiddenTypes: new Set(['PARTNER_IN']) })).toEqual(['eu-cyber-direct', 'cyber', 'a1']);
    expect(ids({ hiddenLabels: new Set(['Programme']), hiddenTypes: new Set() })).toContain('eu-cyber-direct');
  });

  it('counts types for the legend and lists a node’s neighbours with direction', () => {
    expect(typeCounts(ecd)).toEqual({
      labels: [
        ['Actor', 1],
        ['Programme', 1],
        ['Topic', 1],
      ],
      types: [
        ['ABOUT', 1],
        ['PARTNER_IN', 1],
      ],
    });
    expect(neighboursOf(ecd, 'eu-cyber-direct').map((r) => [r.node.id, r.outgoing])).toEqual([
      ['cyber', true],
      ['brazil', false],
    ]);
  });

  it('builds a connected synthetic graph of any size for measurements', () => {
    const graph = syntheticSubgraph(3000);
    expect(graph.nodes).toHaveLength(3000);
    expect(graph.edges).toHaveLength(2999);
    expect(toElements(graph, none, 'n0')).toHaveLength(5999);
  });
});
