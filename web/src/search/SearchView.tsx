/**
 * Search: one box, both languages (the API folds case and accents and forgives a typo), results
 * grouped by type. Arrow keys move through the results, Enter opens one, Escape clears.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { request } from '../api/client';
import { ErrorBox, LabelBadge, useAsync, useTitle } from '../components/common';
import { kindName, labelStyle } from '../components/labels';
import type { ViewProps } from '../main';
import { entityHref } from '../router';
import { groupByType, matchedAlias } from './group';
import { SearchEntities, type SearchHit } from './operations';

const EXAMPLES = ['Jepang', 'Uni Eropa', 'Budapest Convention', 'EU Cyber Direct', 'sanksi siber', 'ASEAN'];

export default function SearchView({ route, setParams }: ViewProps) {
  useTitle('Search');
  const q = route.params.q ?? '';
  const [text, setText] = useState(q);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => setText(q), [q]);
  useEffect(() => input.current?.focus(), []);
  // The URL follows the box after a short pause, so back returns to earlier searches.
  useEffect(() => {
    if (text.trim() === q) return;
    const timer = setTimeout(() => setParams(text.trim() ? { q: text.trim() } : {}), 200);
    return () => clearTimeout(timer);
  }, [text]);

  const result = useAsync(() => (q ? request(SearchEntities, { text: q, first: 30 }) : Promise.resolve(null)), [q]);
  const groups = useMemo(() => (result.state === 'done' && result.data ? groupByType(result.data.search.edges) : []), [result]);
  const flat = groups.flatMap((g) => g.hits);
  useEffect(() => setActive(0), [q]);

  const open = (hit: SearchHit | undefined) => {
    if (hit) location.hash = entityHref(hit.node.slug);
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') setActive((i) => Math.min(i + 1, flat.length - 1));
    else if (event.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (event.key === 'Enter') open(flat[active]);
    else if (event.key === 'Escape') setText('');
    else return;
    event.preventDefault();
  };
  useEffect(() => document.getElementById(`hit-${active}`)?.scrollIntoView?.({ block: 'nearest' }), [active]);

  let index = -1;
  return (
    <div class="view search-view">
      <h1>Search the graph</h1>
      <p class="hint">Names and aliases in English and Indonesian: states, organisations, treaties, norms, programmes, instruments.</p>
      <div class="searchbox">
        <label for="search-input" class="visually-hidden">
          Search
        </label>
        <input
          id="search-input"
          ref={input}
          type="search"
          role="combobox"
          aria-expanded={flat.length > 0}
          aria-controls="search-results"
          aria-activedescendant={flat.length ? `hit-${active}` : undefined}
          autocomplete="off"
          placeholder="e.g. Jepang, Uni Eropa, Budapest…"
          value={text}
          onInput={(e) => setText((e.target as HTMLInputElement).value)}
          onKeyDown={onKey}
        />
      </div>
      {!q && (
        <p class="examples">
          Try:{' '}
          {EXAMPLES.map((example) => (
            <button type="button" class="chip" key={example} onClick={() => setParams({ q: example }, true)}>
              {example}
            </button>
          ))}
        </p>
      )}
      {result.state === 'error' && <ErrorBox error={result.error} />}
      {result.state === 'loading' && q && <p class="loading" role="status">Searching…</p>}
      {result.state === 'done' && result.data && (
        <div class="results">
          <p class="count" role="status">
            {result.data.search.totalCount} result{result.data.search.totalCount === 1 ? '' : 's'} for “{q}”
          </p>
          <div id="search-results" role="listbox" aria-label="Results">
            {groups.map((group) => (
              <fieldset key={group.label} class="result-group" aria-label={group.label}>
                <legend>
                  <h2>
                    <LabelBadge label={group.label} /> <span class="muted">{group.hits.length}</span>
                  </h2>
                </legend>
                <div class="hits">
                  {group.hits.map((hit) => {
                    index += 1;
                    const i = index;
                    const alias = matchedAlias(hit, q);
                    return (
                      <div
                        key={hit.node.slug}
                        id={`hit-${i}`}
                        role="option"
                        tabIndex={-1}
                        aria-selected={i === active}
                        class={i === active ? 'hit active' : 'hit'}
                        onMouseEnter={() => setActive(i)}
                      >
                        <a href={entityHref(hit.node.slug)} tabIndex={-1}>
                          <span class="glyph" aria-hidden="true" style={{ color: labelStyle(hit.node.__typename).colour }}>
                            {labelStyle(hit.node.__typename).glyph}
                          </span>
                          <strong>{hit.node.name}</strong>
                          {alias && <span class="alias"> — {alias}</span>}
                          <span class="kind"> {kindName(hit.node.kind)}</span>
                        </a>
                        {hit.node.description && <p class="desc">{hit.node.description}</p>}
                      </div>
                    );
                  })}
                </div>
              </fieldset>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
