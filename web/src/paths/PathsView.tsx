/**
 * Paths: two entities by name (either language), the shortest paths between them drawn from
 * left to right, and every hop with its evidence. Length and relationship types adjustable.
 */
import type { Core, LayoutOptions } from 'cytoscape';
import { useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, request } from '../api/client';
import { RELATIONSHIP_TYPES } from '../api/types';
import { EntityLink, ErrorBox, EvidenceCard, Loading, useAsync, useTitle } from '../components/common';
import { EntityPicker } from '../components/EntityPicker';
import { relationshipName } from '../components/labels';
import { resolveName } from '../components/operations';
import { GraphCanvas } from '../graph/GraphCanvas';
import type { ViewProps } from '../main';
import { listParam } from '../router';
import { ShortestPaths, type PathRow } from './operations';
import { drawPaths, hopSubjectObject, pathSentence } from './paths-model';

type Found = { kind: 'missing'; missing: string } | { kind: 'paths'; a: { name: string }; b: { name: string }; paths: PathRow[] };

export default function PathsView({ route, setParams }: ViewProps) {
  const from = route.params.from ?? '';
  const to = route.params.to ?? '';
  const maxLength = Math.min(Math.max(Number(route.params.max ?? 4) || 4, 1), 6);
  const rels = listParam(route.params.rels);
  const all = route.params.all === '1';
  const [draft, setDraft] = useState({ from, to });
  const cy = useRef<Core | null>(null);
  useTitle(from && to ? `Paths: ${from} → ${to}` : 'Paths');

  const result = useAsync(async (): Promise<Found | null> => {
    if (!from || !to) return null;
    const variables = { maxLength, relationshipTypes: rels.length ? rels : null, all };
    try {
      // The API takes names (either language) as well as slugs: one round trip.
      const { paths } = await request(ShortestPaths, { from, to, ...variables });
      const ends = paths[0]?.nodes;
      return { kind: 'paths', a: ends?.[0] ?? { name: from }, b: ends?.[ends.length - 1] ?? { name: to }, paths };
    } catch (error) {
      if (!(error instanceof ApiError) || !['NOT_FOUND', 'AMBIGUOUS_NAME'].includes(error.code)) throw error;
    }
    // Not an exact name: take the best search hit for each (typos, partial names).
    const [a, b] = await Promise.all([resolveName(from), resolveName(to)]);
    if (!a || !b) return { kind: 'missing', missing: !a ? from : to };
    const { paths } = await request(ShortestPaths, { from: a.slug, to: b.slug, ...variables });
    return { kind: 'paths', a, b, paths };
  }, [from, to, maxLength, route.params.rels, all]);
  const found = result.state === 'done' ? result.data : null;

  const drawing = useMemo(() => (found?.kind === 'paths' ? drawPaths(found.paths) : null), [found]);
  const layout = useMemo(() => () => ({ name: 'preset', positions: (node: { id(): string }) => drawing?.positions[node.id()], fit: true, padding: 40 }) as unknown as LayoutOptions, [drawing]);
  const set = (patch: Record<string, string>, push = false) => setParams({ ...route.params, ...patch }, push);
  const toggleRel = (type: string) => {
    const next = new Set(rels);
    if (next.has(type)) next.delete(type);
    else next.add(type);
    set({ rels: [...next].join(',') });
  };

  return (
    <div class="view paths-view">
      <h1>Paths between two entities</h1>
      <form
        class="form-row"
        onSubmit={(e) => {
          e.preventDefault();
          set({ from: draft.from.trim(), to: draft.to.trim() }, true);
        }}
      >
        <EntityPicker label="From" id="path-from" value={from} onValue={(v) => setDraft((d) => ({ ...d, from: v }))} />
        <EntityPicker label="To" id="path-to" value={to} onValue={(v) => setDraft((d) => ({ ...d, to: v }))} />
        <label>
          Longest{' '}
          <select value={String(maxLength)} onChange={(e) => set({ max: (e.target as HTMLSelectElement).value })}>
            {[1, 2, 3, 4, 5, 6].map((n) => (
              <option key={n} value={String(n)}>
                {n} hop{n > 1 ? 's' : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={all} onChange={(e) => set({ all: (e.target as HTMLInputElement).checked ? '1' : '' })} /> all shortest
        </label>
        <button type="submit">Find paths</button>
      </form>
      <details class="rel-filter">
        <summary>Relationship types: {rels.length ? rels.map(relationshipName).join(', ') : 'any'}</summary>
        <div class="checks">
          {RELATIONSHIP_TYPES.map((type) => (
            <label key={type}>
              <input type="checkbox" checked={rels.includes(type)} onChange={() => toggleRel(type)} /> {relationshipName(type)}
            </label>
          ))}
        </div>
      </details>
      {!from || !to ? <p class="hint">Pick two entities, e.g. Brazil and Jepang.</p> : null}
      {result.state === 'loading' && from && to && <Loading what="paths" />}
      {result.state === 'error' && <ErrorBox error={result.error} />}
      {found?.kind === 'missing' && (
        <p class="error" role="alert">
          No entity called “{found.missing}”.
        </p>
      )}
      {found?.kind === 'paths' && (
        <>
          <p class="count" role="status">
            {found.paths.length
              ? `${found.paths.length} path${found.paths.length > 1 ? 's' : ''} of length ${found.paths[0]?.length} from ${found.a.name} to ${found.b.name}`
              : `No path of at most ${maxLength} hops from ${found.a.name} to ${found.b.name}.`}
          </p>
          {drawing && drawing.elements.length > 0 && (
            <div class="paths-canvas">
              <GraphCanvas
                elements={drawing.elements}
                edgeLabels
                layout={layout}
                label={`Paths drawn from ${found.a.name} on the left to ${found.b.name} on the right; listed below in words.`}
                onReady={(instance) => (cy.current = instance)}
                onNodeTap={(id) => (location.hash = `#/entity/${encodeURIComponent(id)}`)}
              />
            </div>
          )}
          <ol class="path-list">
            {found.paths.map((path, i) => (
              <li key={i} class="path">
                <h2 class="path-sentence">{pathSentence(path)}</h2>
                <ol class="hops">
                  {path.hops.map((hop, j) => {
                    const [subject, object] = hopSubjectObject(hop);
                    return (
                      <li key={j} class="hop">
                        <p>
                          <EntityLink slug={subject.slug} name={subject.name} label={subject.__typename} /> <strong>{relationshipName(hop.type)}</strong>{' '}
                          <EntityLink slug={object.slug} name={object.name} label={object.__typename} />
                          {hop.properties.role && <span class="muted"> ({hop.properties.role})</span>}
                        </p>
                        <EvidenceCard evidence={hop.evidence} focus={subject.slug} />
                      </li>
                    );
                  })}
                </ol>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
