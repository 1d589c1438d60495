/**
 * Graph view: the neighbourhood of an entity, drawn by Cytoscape. Click (or pick from the list)
 * a node to expand it; filter node and relationship types; edge labels on demand; click an
 * edge for its evidence; fit, zoom, export PNG and the JSON the API returned. Everything a
 * person set is in the URL.
 */
import type { Core } from 'cytoscape';
import { useMemo, useRef, useState } from 'preact/hooks';
import { request } from '../api/client';
import { EntityLink, ErrorBox, EvidenceCard, LabelBadge, Loading, useAsync, useTitle } from '../components/common';
import { kindName, labelStyle, relationshipName } from '../components/labels';
import { download } from '../lib/download';
import type { ViewProps } from '../main';
import { entityHref, listParam } from '../router';
import { GraphCanvas, fitReadable, type CanvasStats } from './GraphCanvas';
import { mergeSubgraphs, neighboursOf, toElements, typeCounts } from './graph-model';
import { Neighbourhood, type Subgraph } from './operations';
import { EntityPicker } from '../components/EntityPicker';

const MAX_NODES = 300;

export default function GraphView({ route, setParams }: ViewProps) {
  const root = route.slug ?? '';
  const depth = Math.min(Math.max(Number(route.params.depth ?? 1) || 1, 1), 3);
  const expandedList = listParam(route.params.expand);
  const hiddenLabels = new Set(listParam(route.params.hideLabels));
  const hiddenTypes = new Set(listParam(route.params.hideRels));
  const edgeLabels = route.params.edgeLabels === '1';
  const [selected, setSelected] = useState<{ kind: 'node' | 'edge'; id: string } | null>(null);
  const [stats, setStats] = useState<CanvasStats | null>(null);
  const [listFilter, setListFilter] = useState('');
  const cy = useRef<Core | null>(null);
  const set = (patch: Record<string, string>, push = false) => setParams({ ...route.params, ...patch }, push);

  const result = useAsync(async () => {
    if (!root) return null;
    const parts = await Promise.all([
      request(Neighbourhood, { slug: root, depth, maxNodes: MAX_NODES }),
      ...expandedList.map((slug) => request(Neighbourhood, { slug, depth: 1, maxNodes: MAX_NODES })),
    ]);
    return mergeSubgraphs(parts.map((p) => p.neighbourhood));
  }, [root, depth, route.params.expand]);
  const graph: Subgraph | null = result.state === 'done' ? result.data : null;
  const rootName = graph?.nodes.find((n) => n.id === root)?.name ?? root;
  useTitle(root ? `Graph: ${rootName}` : 'Graph');

  const elements = useMemo(
    () => (graph ? toElements(graph, { hiddenLabels, hiddenTypes }, root) : []),
    [graph, route.params.hideLabels, route.params.hideRels],
  );
  const counts = useMemo(() => (graph ? typeCounts(graph) : { labels: [], types: [] }), [graph]);
  const visibleIds = useMemo(() => new Set(elements.filter((e) => e.group === 'nodes').map((e) => e.data.id)), [elements]);
  const visibleNodes = graph ? graph.nodes.filter((n) => visibleIds.has(n.id)) : [];

  const expand = (id: string) => {
    if (id === root || expandedList.includes(id)) return;
    set({ expand: [...expandedList, id].join(',') }, true);
  };
  const toggle = (key: 'hideLabels' | 'hideRels', value: string) => {
    const current = new Set(listParam(route.params[key]));
    if (current.has(value)) current.delete(value);
    else current.add(value);
    set({ [key]: [...current].join(',') });
  };

  if (!root) {
    return (
      <div class="view">
        <h1>Graph</h1>
        <p>Pick an entity to draw its neighbourhood.</p>
        <EntityPicker label="Entity" onPick={(slug) => (location.hash = `#/graph/${encodeURIComponent(slug)}`)} />
      </div>
    );
  }

  const selectedNode = selected?.kind === 'node' ? graph?.nodes.find((n) => n.id === selected.id) : undefined;
  const selectedEdge = selected?.kind === 'edge' ? graph?.edges.find((e) => e.id === selected.id) : undefined;
  const nameOf = (id: string) => graph?.nodes.find((n) => n.id === id)?.name ?? id;

  return (
    <div class="view graph-view">
      <header class="view-head">
        <h1>
          Graph around <a href={entityHref(root)}>{rootName}</a>
        </h1>
        <div class="toolbar" role="toolbar" aria-label="Graph controls">
          <label>
            Depth{' '}
            <select value={String(depth)} onChange={(e) => set({ depth: (e.target as HTMLSelectElement).value, expand: '' })}>
              <option value="1">1 hop</option>
              <option value="2">2 hops</option>
              <option value="3">3 hops</option>
            </select>
          </label>
          <label>
            <input type="checkbox" checked={edgeLabels} onChange={(e) => set({ edgeLabels: (e.target as HTMLInputElement).checked ? '1' : '' })} /> edge labels
          </label>
          <button type="button" onClick={() => cy.current && fitReadable(cy.current)}>
            Fit
          </button>
          <button type="button" aria-label="Zoom in" onClick={() => zoomBy(cy.current, 1.3)}>
            +
          </button>
          <button type="button" aria-label="Zoom out" onClick={() => zoomBy(cy.current, 1 / 1.3)}>
            −
          </button>
          <button
            type="button"
            disabled={!graph}
            onClick={() => cy.current && download(`graph-${root}.png`, cy.current.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' }) as Blob)}
          >
            PNG
          </button>
          <button type="button" disabled={!graph} onClick={() => graph && download(`graph-${root}.json`, JSON.stringify({ data: { neighbourhood: graph } }, null, 2), 'application/json')}>
            JSON
          </button>
          {expandedList.length > 0 && (
            <button type="button" onClick={() => set({ expand: '' }, true)}>
              Collapse all
            </button>
          )}
        </div>
      </header>
      {result.state === 'error' && <ErrorBox error={result.error} />}
      <div class="graph-layout">
        <div class="graph-main">
          {result.state === 'loading' && <Loading what="the neighbourhood" />}
          <GraphCanvas
            elements={elements}
            edgeLabels={edgeLabels}
            expanded={expandedList}
            root={root}
            label={`Graph of ${visibleIds.size} nodes around ${rootName}; the same nodes are listed beside it.`}
            onReady={(instance) => (cy.current = instance)}
            onNodeTap={(id) => {
              setSelected({ kind: 'node', id });
              expand(id);
            }}
            onEdgeTap={(id) => setSelected({ kind: 'edge', id })}
            onLayout={setStats}
          />
          <p class="graph-stats muted" data-nodes={stats?.nodes ?? 0} data-edges={stats?.edges ?? 0} data-layout-ms={stats?.layoutMs ?? ''}>
            {stats ? `${stats.nodes} nodes, ${stats.edges} relationships drawn (layout ${stats.layoutMs} ms)` : ' '}
            {graph?.truncated && ' · the neighbourhood was cut at its size limit'}
          </p>
          <fieldset class="legend" aria-label="Legend: node types">
            {counts.labels.map(([label, n]) => (
              <label key={label} class="legend-item">
                <input type="checkbox" checked={!hiddenLabels.has(label)} onChange={() => toggle('hideLabels', label)} />
                <span aria-hidden="true" style={{ color: labelStyle(label).colour }}>
                  {labelStyle(label).glyph}
                </span>{' '}
                {label} <span class="muted">{n}</span>
              </label>
            ))}
          </fieldset>
          <fieldset class="legend" aria-label="Filter: relationship types">
            {counts.types.map(([type, n]) => (
              <label key={type} class="legend-item">
                <input type="checkbox" checked={!hiddenTypes.has(type)} onChange={() => toggle('hideRels', type)} /> {relationshipName(type)}{' '}
                <span class="muted">{n}</span>
              </label>
            ))}
          </fieldset>
        </div>
        <aside class="graph-side" aria-label="Details">
          {selectedEdge && (
            <section class="panel edge-details" aria-live="polite">
              <h2>{relationshipName(selectedEdge.type)}</h2>
              <p>
                <EntityLink slug={selectedEdge.source} name={nameOf(selectedEdge.source)} /> → <EntityLink slug={selectedEdge.target} name={nameOf(selectedEdge.target)} />
              </p>
              {Object.entries(selectedEdge.properties)
                .filter(([, v]) => v)
                .map(([k, v]) => (
                  <p key={k} class="muted">
                    {k}: {v}
                  </p>
                ))}
              <EvidenceCard evidence={selectedEdge.evidence} focus={selectedEdge.source} />
            </section>
          )}
          {selectedNode && graph && (
            <section class="panel node-details" aria-live="polite">
              <h2>
                <LabelBadge label={selectedNode.label} /> {selectedNode.name}
              </h2>
              <p class="muted">{kindName(selectedNode.kind)}</p>
              <p class="actions">
                <a class="button" href={entityHref(selectedNode.id)}>
                  Open page
                </a>
                {selectedNode.id !== root && !expandedList.includes(selectedNode.id) && (
                  <button type="button" onClick={() => expand(selectedNode.id)}>
                    Expand
                  </button>
                )}
              </p>
              <ul class="neighbours">
                {neighboursOf(graph, selectedNode.id).map(({ node, edge, outgoing }) => (
                  <li key={edge.id}>
                    <button type="button" class="linklike" onClick={() => setSelected({ kind: 'edge', id: edge.id })}>
                      {outgoing ? `${relationshipName(edge.type)} →` : `← ${relationshipName(edge.type)}`}
                    </button>{' '}
                    {node.name}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section class="panel node-list">
            <h2>Nodes in view ({visibleNodes.length})</h2>
            <input type="search" placeholder="Filter the list" aria-label="Filter the node list" value={listFilter} onInput={(e) => setListFilter((e.target as HTMLInputElement).value)} />
            <ul>
              {visibleNodes
                .filter((n) => !listFilter || n.name.toLowerCase().includes(listFilter.toLowerCase()))
                .slice(0, 200)
                .map((n) => (
                  <li key={n.id} data-slug={n.id}>
                    <button
                      type="button"
                      class={selected?.id === n.id ? 'linklike current' : 'linklike'}
                      onClick={() => {
                        setSelected({ kind: 'node', id: n.id });
                        cy.current?.getElementById(n.id).select();
                      }}
                    >
                      <span aria-hidden="true" style={{ color: labelStyle(n.label).colour }}>
                        {labelStyle(n.label).glyph}
                      </span>{' '}
                      {n.name}
                    </button>
                    {n.id === root ? <span class="muted"> (centre)</span> : expandedList.includes(n.id) ? <span class="muted"> (expanded)</span> : null}
                  </li>
                ))}
            </ul>
          </section>
        </aside>
      </div>
    </div>
  );
}

function zoomBy(cy: Core | null, factor: number) {
  if (!cy) return;
  cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
}
