/**
 * A Cytoscape canvas that follows its `elements` prop: elements that left are removed, new
 * ones are placed next to a neighbour already drawn, then the layout runs (kept positions for
 * the old nodes, so an expansion does not reshuffle the picture). Used by the graph and paths views.
 */
import cytoscape, { type Core, type LayoutOptions } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { useEffect, useRef } from 'preact/hooks';
import { graphStyle } from './cytoscape-style';
import type { Element } from './graph-model';

cytoscape.use(fcose);

/** Above this many nodes the drawing gets cheaper: no node labels, straight edges, draft layout. */
export const LARGE_GRAPH = 400;

export interface CanvasStats {
  nodes: number;
  edges: number;
  layoutMs: number;
}

interface Props {
  elements: Element[];
  edgeLabels: boolean;
  layout?: (nodeCount: number, root?: string) => LayoutOptions;
  /** The centre node (for radial layouts). */
  root?: string;
  expanded?: string[];
  onNodeTap?: (id: string) => void;
  onEdgeTap?: (id: string) => void;
  onReady?: (cy: Core) => void;
  onLayout?: (stats: CanvasStats) => void;
  label: string;
}

/**
 * Up to LARGE_GRAPH nodes, a force-directed layout (fcose) that shows the structure; above it,
 * rings around the centre by distance (breadth-first, radial): linear time, so thousands of
 * nodes are drawn in well under a second where fcose would take tens of seconds on this machine.
 */
export function defaultLayout(nodeCount: number, root?: string): LayoutOptions {
  if (nodeCount > LARGE_GRAPH) {
    return { name: 'breadthfirst', circle: true, roots: root ? [root] : undefined, spacingFactor: 0.35, animate: false, fit: false } as LayoutOptions;
  }
  return {
    name: 'fcose',
    quality: 'default',
    randomize: true,
    animate: false,
    nodeDimensionsIncludeLabels: true,
    idealEdgeLength: 90,
    nodeRepulsion: 6000,
    numIter: 2500,
    packComponents: true,
  } as LayoutOptions;
}

/** Fits the graph in the box, but never blows a small graph up past a readable size. */
export function fitReadable(instance: Core): void {
  instance.fit(undefined, 30);
  if (instance.zoom() > 1.4) {
    instance.zoom(1.4);
    instance.center();
  }
}

export function GraphCanvas({ elements, edgeLabels, layout = defaultLayout, root, expanded = [], onNodeTap, onEdgeTap, onReady, onLayout, label }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const handlers = useRef({ onNodeTap, onEdgeTap, onLayout });
  handlers.current = { onNodeTap, onEdgeTap, onLayout };

  useEffect(() => {
    const instance = cytoscape({
      container: container.current,
      style: graphStyle(false, edgeLabels),
      wheelSensitivity: 0.3,
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: false,
    });
    instance.on('tap', 'node', (event) => handlers.current.onNodeTap?.(event.target.id()));
    instance.on('tap', 'edge', (event) => handlers.current.onEdgeTap?.(event.target.id()));
    cy.current = instance;
    onReady?.(instance);
    return () => instance.destroy();
  }, []);

  useEffect(() => {
    const instance = cy.current;
    if (!instance) return;
    if (elements.length === 0) {
      // Nothing to draw yet (loading) or everything filtered out: no layout, no stats.
      instance.elements().remove();
      return;
    }
    const started = performance.now();
    const wanted = new Set(elements.map((e) => e.data.id));
    const hadNodes = instance.nodes().length > 0;
    instance.batch(() => {
      instance.elements().filter((e) => !wanted.has(e.id())).remove();
      const fresh = elements.filter((e) => instance.getElementById(e.data.id).empty());
      const added = instance.add(fresh as cytoscape.ElementDefinition[]);
      // New nodes start beside a neighbour that is already placed.
      added.nodes().forEach((node) => {
        const anchor = node.neighborhood('node').filter((n) => !added.contains(n))[0];
        if (anchor) node.position({ x: anchor.position('x') + (Math.random() - 0.5) * 60, y: anchor.position('y') + (Math.random() - 0.5) * 60 });
      });
    });
    const count = instance.nodes().length;
    const large = count > LARGE_GRAPH;
    instance.style(graphStyle(large, edgeLabels) as any);
    instance.nodes().removeClass('expanded');
    for (const id of expanded) instance.getElementById(id).addClass('expanded');
    const options = { ...layout(count, root), ...(hadNodes ? { randomize: false } : {}) } as LayoutOptions;
    const run = instance.layout(options);
    run.one('layoutstop', () => {
      fitReadable(instance);
      handlers.current.onLayout?.({ nodes: count, edges: instance.edges().length, layoutMs: Math.round(performance.now() - started) });
    });
    run.run();
  }, [elements]);

  useEffect(() => {
    const instance = cy.current;
    if (!instance) return;
    instance.style(graphStyle(instance.nodes().length > LARGE_GRAPH, edgeLabels) as any);
  }, [edgeLabels]);

  useEffect(() => {
    const instance = cy.current;
    if (!instance) return;
    instance.nodes().removeClass('expanded');
    for (const id of expanded) instance.getElementById(id).addClass('expanded');
  }, [expanded.join()]);

  // Redraw when the box changes size (phone rotation, window resize).
  useEffect(() => {
    const observer = new ResizeObserver(() => cy.current?.resize());
    if (container.current) observer.observe(container.current);
    return () => observer.disconnect();
  }, []);

  return <div class="canvas" ref={container} role="img" aria-label={label} />;
}
