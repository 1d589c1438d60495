/**
 * Maps the API's subgraphs to Cytoscape elements, merges expansions, and applies the view's
 * filters. Pure functions: the library draws, these arrange.
 */
import { relationshipName } from '../components/labels';
import type { GraphEdgeRow, GraphNodeRow, Subgraph } from './operations';

export interface NodeElement {
  group: 'nodes';
  data: { id: string; name: string; label: string; kind: string; root?: boolean };
}
export interface EdgeElement {
  group: 'edges';
  data: { id: string; source: string; target: string; type: string; label: string };
}
export type Element = NodeElement | EdgeElement;

/** Union of subgraphs by node and edge id; `truncated` if any part was. */
export function mergeSubgraphs(parts: Subgraph[]): Subgraph {
  const nodes = new Map<string, GraphNodeRow>();
  const edges = new Map<string, GraphEdgeRow>();
  let truncated = false;
  for (const part of parts) {
    truncated ||= part.truncated;
    for (const n of part.nodes) if (!nodes.has(n.id)) nodes.set(n.id, n);
    for (const e of part.edges) if (!edges.has(e.id)) edges.set(e.id, e);
  }
  return { truncated, nodes: [...nodes.values()], edges: [...edges.values()] };
}

export interface GraphFilter {
  hiddenLabels: Set<string>;
  hiddenTypes: Set<string>;
}

/** The elements to draw: hidden node types and relationship types left out, the root always kept. */
export function toElements(graph: Subgraph, filter: GraphFilter, root: string): Element[] {
  const visible = new Set(graph.nodes.filter((n) => n.id === root || !filter.hiddenLabels.has(n.label)).map((n) => n.id));
  const edges = graph.edges.filter((e) => !filter.hiddenTypes.has(e.type) && visible.has(e.source) && visible.has(e.target));
  // A node whose every edge is hidden would float alone; keep only nodes still connected (or the root).
  const connected = new Set<string>([root]);
  for (const e of edges) {
    connected.add(e.source);
    connected.add(e.target);
  }
  const nodes: Element[] = graph.nodes
    .filter((n) => visible.has(n.id) && connected.has(n.id))
    .map((n) => ({
      group: 'nodes',
      data: { id: n.id, name: n.name, label: n.label, kind: n.kind, ...(n.id === root ? { root: true } : {}) },
    }));
  return [
    ...nodes,
    ...edges.map(
      (e): Element => ({
        group: 'edges',
        data: { id: e.id, source: e.source, target: e.target, type: e.type, label: relationshipName(e.type) },
      }),
    ),
  ];
}

/** Counts per node type and relationship type, for the filter checkboxes and the legend. */
export function typeCounts(graph: Subgraph): { labels: Array<[string, number]>; types: Array<[string, number]> } {
  const count = (values: string[]) => {
    const map = new Map<string, number>();
    for (const v of values) map.set(v, (map.get(v) ?? 0) + 1);
    return [...map.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  };
  return { labels: count(graph.nodes.map((n) => n.label)), types: count(graph.edges.map((e) => e.type)) };
}

/** The nodes adjacent to one node, with the relationship joining them (for the keyboard list). */
export function neighboursOf(graph: Subgraph, id: string): Array<{ node: GraphNodeRow; edge: GraphEdgeRow; outgoing: boolean }> {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  return graph.edges
    .filter((e) => e.source === id || e.target === id)
    .map((edge) => ({ edge, outgoing: edge.source === id, node: byId.get(edge.source === id ? edge.target : edge.source)! }))
    .filter((r) => r.node)
    .sort((a, b) => a.edge.type.localeCompare(b.edge.type) || a.node.name.localeCompare(b.node.name));
}

/** A synthetic subgraph (hubs and a long tail), for measuring the drawing with thousands of nodes. */
export function syntheticSubgraph(nodeCount: number, seed = 1): Subgraph {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const labels = ['Actor', 'Actor', 'Actor', 'Programme', 'Treaty', 'Norm', 'Instrument', 'Topic'] as const;
  const types = ['PARTNER_IN', 'MEMBER_OF', 'SIGNED', 'PROMOTES', 'ADOPTED', 'ABOUT'] as const;
  const nodes: GraphNodeRow[] = Array.from({ length: nodeCount }, (_, i) => ({
    id: `n${i}`,
    name: `Node ${i}`,
    label: labels[i % labels.length]!, // modulo length: in range
    kind: 'STATE',
  }));
  const evidence = {
    excerpt: 'synthetic',
    asOf: null,
    sourceSlug: 'synthetic',
    source: { slug: 'synthetic', title: 'Synthetic', language: 'EN' as const, kind: 'REFERENCE' as const },
  };
  const properties = { role: null, since: null, date: null, forum: null, claim: null, category: null, context: null, paragraph: null };
  const edges: GraphEdgeRow[] = [];
  for (let i = 1; i < nodeCount; i++) {
    // Preferential attachment to the first nodes: a few hubs, a long tail.
    const target = Math.floor(random() ** 3 * i);
    edges.push({ id: `e${i}`, source: `n${i}`, target: `n${target}`, type: types[i % types.length]!, properties, evidence });
  }
  return { truncated: false, nodes, edges };
}
