/** Shared pieces: entity links with their type badge, evidence cards, loading and errors. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import type { Evidence } from '../api/types';
import { entityHref, sourceHref } from '../router';
import { labelStyle } from './labels';

export function LabelBadge({ label }: { label: string }) {
  const style = labelStyle(label);
  return (
    <span class="badge" style={{ borderColor: style.colour }}>
      <span aria-hidden="true" style={{ color: style.colour }}>
        {style.glyph}
      </span>{' '}
      {label}
    </span>
  );
}

export function EntityLink({ slug, name, label }: { slug: string; name: string; label?: string }) {
  return (
    <a class="entity-link" href={entityHref(slug)}>
      {label && (
        <span class="glyph" aria-hidden="true" style={{ color: labelStyle(label).colour }}>
          {labelStyle(label).glyph}
        </span>
      )}
      {name}
    </a>
  );
}

/** One piece of evidence: the verbatim excerpt, its source (opening the reader) and as-of. */
export function EvidenceCard({ evidence, focus }: { evidence: Evidence; focus?: string }) {
  // The reader scrolls to the excerpt: by its span in the text when the API gives one, else by its words.
  const params: Record<string, string> = evidence.excerptSpan ? { at: `${evidence.excerptSpan.start}-${evidence.excerptSpan.end}` } : { excerpt: evidence.excerpt };
  if (focus) params.entity = focus;
  return (
    <figure class="evidence">
      <blockquote lang={evidence.source.language === 'ID' ? 'id' : 'en'}>“{evidence.excerpt}”</blockquote>
      <figcaption>
        <a href={sourceHref(evidence.sourceSlug, params)} class="source-link">
          {evidence.source.title}
        </a>{' '}
        <span class="lang" title={evidence.source.language === 'ID' ? 'Indonesian' : 'English'}>
          {evidence.source.language}
        </span>
        {evidence.asOf && <span class="asof"> · as of {evidence.asOf}</span>}
      </figcaption>
    </figure>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" role="status">
      Loading {what}…
    </p>
  );
}

export function ErrorBox({ error }: { error: unknown }) {
  const text = error instanceof ApiError ? error.forPeople : String((error as Error)?.message ?? error);
  return (
    <p class="error" role="alert">
      {text}
    </p>
  );
}

export type Async<T> = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'done'; data: T };

/** Runs a promise-returning function whenever `deps` change; ignores answers that arrive late. */
export function useAsync<T>(run: () => Promise<T>, deps: unknown[]): Async<T> {
  const [result, setResult] = useState<Async<T>>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    setResult({ state: 'loading' });
    run().then(
      (data) => current && setResult({ state: 'done', data }),
      (error) => current && setResult({ state: 'error', error }),
    );
    return () => {
      current = false;
    };
  }, deps);
  return result;
}

export function Section({ title, children, id }: { title: string; children: ComponentChildren; id?: string }) {
  return (
    <section class="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** Sets the document title for the current view. */
export function useTitle(title: string) {
  useEffect(() => {
    document.title = `${title} · Cyber diplomacy explorer`;
  }, [title]);
}
