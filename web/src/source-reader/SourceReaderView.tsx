/**
 * Source reader: the document's text with every excerpt (a fact's evidence) and every mention
 * highlighted in place; those about the entity the reader was opened for are drawn stronger,
 * and the excerpt that was clicked is scrolled into view.
 */
import { useEffect, useMemo } from 'preact/hooks';
import { request } from '../api/client';
import { EntityLink, ErrorBox, Loading, Section, useAsync, useTitle } from '../components/common';
import { relationshipName } from '../components/labels';
import type { ViewProps } from '../main';
import { locateExcerpt, segment, type Mark } from './highlight';
import { SourceDocument, SourceMoreFacts, SourceMoreMentions, type SourcePage } from './operations';

async function loadSource(slug: string): Promise<SourcePage> {
  const { source } = await request(SourceDocument, { slug });
  const facts = [...source.facts.nodes];
  const mentions = [...source.mentions.edges];
  for (let page = source.facts.pageInfo, i = 0; page.hasNextPage && page.endCursor && i < 10; i++) {
    const next = await request(SourceMoreFacts, { slug, after: page.endCursor });
    facts.push(...next.source.facts.nodes);
    page = next.source.facts.pageInfo;
  }
  for (let page = source.mentions.pageInfo, i = 0; page.hasNextPage && page.endCursor && i < 10; i++) {
    const next = await request(SourceMoreMentions, { slug, after: page.endCursor });
    mentions.push(...next.source.mentions.edges);
    page = next.source.mentions.pageInfo;
  }
  return { ...source, facts: { ...source.facts, nodes: facts }, mentions: { ...source.mentions, edges: mentions } };
}

export default function SourceReaderView({ route, setParams }: ViewProps) {
  const slug = route.slug ?? '';
  const focus = route.params.entity ?? '';
  const wanted = route.params.excerpt ?? '';
  const at = /^(\d+)-(\d+)$/.exec(route.params.at ?? '');
  const wantedSpan = at ? { start: Number(at[1]), end: Number(at[2]) } : null;
  const showAll = route.params.all === '1' || !focus;
  const result = useAsync(() => loadSource(slug), [slug]);
  const source = result.state === 'done' ? result.data : null;
  useTitle(source?.title ?? slug);

  const { marks, unplaced, focusName } = useMemo(() => {
    const marks: Mark[] = [];
    const unplaced: SourcePage['facts']['nodes'] = [];
    let focusName = '';
    if (!source) return { marks, unplaced, focusName };
    const text = source.text ?? '';
    const placed = new Map<string, ReturnType<typeof locateExcerpt>>();
    source.facts.nodes.forEach((fact, i) => {
      const about = fact.from?.slug === focus || fact.to?.slug === focus;
      if (about) focusName = (fact.from?.slug === focus ? fact.from?.name : fact.to?.name) ?? focusName;
      if (!about && !showAll) return;
      if (!placed.has(fact.excerpt)) placed.set(fact.excerpt, text ? locateExcerpt(text, fact.excerpt) : null);
      const span = placed.get(fact.excerpt);
      const title = fact.property ? `${fact.to?.name ?? ''}: ${fact.property} ${fact.value ?? ''}` : `${fact.from?.name} ${relationshipName(fact.type)} ${fact.to?.name}`;
      if (span) marks.push({ ...span, kind: 'excerpt', focus: about, id: `f${i}`, title });
      else unplaced.push(fact);
    });
    // The excerpt the reader was opened for, where the API placed it.
    if (wantedSpan && text && wantedSpan.end <= text.length && !marks.some((m) => m.kind === 'excerpt' && m.start === wantedSpan.start && m.end === wantedSpan.end)) {
      marks.push({ ...wantedSpan, kind: 'excerpt', focus: true, id: 'opened', title: 'the excerpt you opened' });
    }
    source.mentions.edges.forEach((m, i) => {
      const about = m.node.slug === focus;
      if (about) focusName = m.node.name;
      if (about || showAll) marks.push({ start: m.start, end: m.end, kind: 'mention', focus: about, id: `m${i}`, title: `mention of ${m.node.name}` });
    });
    return { marks, unplaced, focusName };
  }, [source, focus, showAll, route.params.at]);

  const segments = useMemo(() => (source?.text ? segment(source.text, marks) : []), [source, marks]);
  const target = useMemo(() => {
    if (!source?.text) return null;
    if (wantedSpan) return wantedSpan.start;
    if (wanted) {
      const span = locateExcerpt(source.text, wanted);
      if (span) return span.start;
    }
    return marks.filter((m) => m.focus).sort((a, b) => a.start - b.start)[0]?.start ?? null;
  }, [source, marks, wanted, route.params.at]);

  useEffect(() => {
    if (target === null) return;
    document.querySelector(`[data-start="${target}"]`)?.scrollIntoView({ block: 'center' });
  }, [target, segments]);

  if (result.state === 'loading') return <Loading what="the source" />;
  if (result.state === 'error') return <ErrorBox error={result.error} />;
  const s = source!;
  const focusCount = marks.filter((m) => m.focus);
  return (
    <article class="view source-view">
      <header>
        <p class="kicker">
          <span class="badge">{s.kind === 'DOCUMENT' ? 'Document' : 'Reference'}</span> <span class="lang">{s.language}</span>
          {s.publisher && <span class="kind"> · {s.publisher}</span>}
          {s.published && <span class="kind"> · {s.published}</span>}
        </p>
        <h1>{s.title}</h1>
        {s.description && <p class="desc">{s.description}</p>}
        {s.url && (
          <p class="muted">
            Original: <span class="url">{s.url}</span>
          </p>
        )}
      </header>
      <div class="reader-controls">
        {focus && (
          <p>
            Highlighting <strong>{focusName || focus}</strong>: {focusCount.filter((m) => m.kind === 'excerpt').length} excerpt(s),{' '}
            {focusCount.filter((m) => m.kind === 'mention').length} mention(s).{' '}
            <label>
              <input type="checkbox" checked={showAll} onChange={(e) => setParams({ ...route.params, all: (e.target as HTMLInputElement).checked ? '1' : '' })} /> show
              every excerpt and mention
            </label>
          </p>
        )}
        <p class="legend" role="note" aria-label="Legend">
          <mark class="m-excerpt m-focus">excerpt</mark> evidence of a relationship or fact · <mark class="m-mention m-focus">mention</mark> a name found in the
          text {focus && <>· paler marks are about other entities</>}
        </p>
      </div>
      {s.text ? (
        <div class="document" lang={s.language === 'ID' ? 'id' : 'en'}>
          {segments.map((seg) =>
            seg.marks.length === 0 ? (
              seg.text
            ) : (
              <mark
                key={seg.start}
                data-start={seg.start}
                class={[
                  seg.marks.some((m) => m.kind === 'excerpt') ? 'm-excerpt' : '',
                  seg.marks.some((m) => m.kind === 'mention') ? 'm-mention' : '',
                  seg.marks.some((m) => m.focus) ? 'm-focus' : '',
                ].join(' ')}
                title={seg.marks.map((m) => m.title).join('\n')}
              >
                {seg.text}
              </mark>
            ),
          )}
        </div>
      ) : (
        <p class="muted">This source is a reference without stored text; its excerpts are listed below.</p>
      )}
      {(unplaced.length > 0 || !s.text) && (
        <Section title="Excerpts" id="excerpts">
          <ul class="excerpts">
            {(s.text ? unplaced : s.facts.nodes).map((fact, i) => (
              <li key={i}>
                <blockquote>“{fact.excerpt}”</blockquote>
                <p class="muted">
                  {fact.from && <EntityLink slug={fact.from.slug} name={fact.from.name} label={fact.from.__typename} />} {relationshipName(fact.type)}{' '}
                  {fact.to && <EntityLink slug={fact.to.slug} name={fact.to.name} label={fact.to.__typename} />}
                  {fact.value && <> = {fact.value}</>}
                </p>
              </li>
            ))}
          </ul>
        </Section>
      )}
      {focus && (
        <p>
          <a href={`#/entity/${encodeURIComponent(focus)}`}>← back to {focusName || focus}</a>
        </p>
      )}
    </article>
  );
}
