/** Paths to drawable elements with fixed positions: the start on the left, the end on the right. */
import { relationshipName } from '../components/labels';
import type { Element } from '../graph/graph-model';
import type { PathRow } from './operations';

export interface PathDrawing {
  elements: Element[];
  positions: Record<string, { x: number; y: number }>;
}

export function drawPaths(paths: PathRow[], columnWidth = 200, rowHeight = 90): PathDrawing {
  const elements: Element[] = [];
  const positions: Record<string, { x: number; y: number }> = {};
  const seenEdges = new Set<string>();
  // Nodes in each column, in first-seen order, so shared nodes are drawn once.
  const columns = new Map<number, string[]>();
  paths.forEach((path) => {
    path.nodes.forEach((node, index) => {
      if (positions[node.slug]) return;
      const column = columns.get(index) ?? [];
      column.push(node.slug);
      columns.set(index, column);
      positions[node.slug] = { x: index * columnWidth, y: 0 };
      elements.push({ group: 'nodes', data: { id: node.slug, name: node.name, label: node.__typename, kind: node.kind } });
    });
    path.hops.forEach((hop) => {
      // Hops run along the path; `direction: IN` means the relationship itself points back.
      const [source, target] = hop.direction === 'IN' ? [hop.to.slug, hop.from.slug] : [hop.from.slug, hop.to.slug];
      const id = `${source}|${hop.type}|${target}`;
      if (seenEdges.has(id)) return;
      seenEdges.add(id);
      elements.push({ group: 'edges', data: { id, source, target, type: hop.type, label: relationshipName(hop.type) } });
    });
  });
  // Centre each column vertically.
  for (const ids of columns.values()) {
    ids.forEach((id, i) => {
      const position = positions[id];
      if (position) position.y = (i - (ids.length - 1) / 2) * rowHeight;
    });
  }
  const ends = paths[0] ? [paths[0].nodes[0]?.slug, paths[0].nodes[paths[0].nodes.length - 1]?.slug] : [];
  for (const element of elements) if (element.group === 'nodes' && ends.includes(element.data.id)) element.data.root = true;
  return { elements, positions };
}

/** "Brazil → partner in → EU Cyber Direct ← partner in ← Japan": the path in words. */
export function pathSentence(path: PathRow): string {
  const parts: string[] = [path.nodes[0]?.name ?? ''];
  path.hops.forEach((hop) => {
    parts.push(hop.direction === 'IN' ? `← ${relationshipName(hop.type)} —` : `— ${relationshipName(hop.type)} →`, hop.to.name);
  });
  return parts.join(' ');
}

/** The hop as its relationship reads: subject, type, object (whatever the path's direction). */
export function hopSubjectObject(hop: PathRow['hops'][number]): [PathRow['hops'][number]['from'], PathRow['hops'][number]['to']] {
  return hop.direction === 'IN' ? [hop.to, hop.from] : [hop.from, hop.to];
}
