/**
 * Compare: up to three actors side by side (programmes, treaties with status and dates, norms,
 * memberships, instruments), shared rows first. Actors are added by name in either language.
 */
import { useMemo } from 'preact/hooks';
import { request } from '../api/client';
import { EntityLink, ErrorBox, Loading, useAsync, useTitle } from '../components/common';
import { EntityPicker } from '../components/EntityPicker';
import type { ViewProps } from '../main';
import { listParam, sourceHref } from '../router';
import { groupRows, linkText } from './compare-model';
import { CompareActors } from './operations';

export default function CompareView({ route, setParams }: ViewProps) {
  const slugs = listParam(route.params.actors).slice(0, 3);
  const result = useAsync(() => (slugs.length >= 2 ? request(CompareActors, { slugs }) : Promise.resolve(null)), [slugs.join()]);
  const comparison = result.state === 'done' ? result.data?.compare : null;
  const groups = useMemo(() => (comparison ? groupRows(comparison.rows) : []), [comparison]);
  useTitle(comparison ? `Compare ${comparison.compared.map((c) => c.name).join(', ')}` : 'Compare');

  const setSlugs = (next: string[]) => setParams({ ...route.params, actors: next.join(',') }, true);
  const names = comparison?.compared ?? slugs.map((slug) => ({ slug, name: slug, __typename: 'Actor' as const, kind: '' }));

  return (
    <div class="view compare-view">
      <h1>Compare actors</h1>
      <div class="form-row">
        <ul class="chips" aria-label="Compared actors">
          {names.map((c) => (
            <li key={c.slug} class="chip">
              {c.name}{' '}
              <button type="button" aria-label={`Remove ${c.name}`} onClick={() => setSlugs(slugs.filter((s) => s !== c.slug))}>
                ×
              </button>
            </li>
          ))}
        </ul>
        {slugs.length < 3 && (
          <EntityPicker
            label={slugs.length ? 'Add an actor' : 'Actor'}
            id="compare-add"
            labels={['Actor']}
            onPick={(slug) => !slugs.includes(slug) && setSlugs([...slugs, slug])}
          />
        )}
      </div>
      {slugs.length < 2 && <p class="hint">Add two or three actors, e.g. India and China.</p>}
      {result.state === 'loading' && slugs.length >= 2 && <Loading what="the comparison" />}
      {result.state === 'error' && <ErrorBox error={result.error} />}
      {comparison && (
        <div class="table-wrap">
          <table class="compare">
            <caption class="visually-hidden">What each actor is related to; shared rows first.</caption>
            <thead>
              <tr>
                <th scope="col">Related to</th>
                {comparison.compared.map((c) => (
                  <th scope="col" key={c.slug}>
                    <EntityLink slug={c.slug} name={c.name} label={c.__typename} />
                  </th>
                ))}
              </tr>
            </thead>
            {groups.map((group) => (
              <tbody key={group.title}>
                <tr class="group-row">
                  <th colSpan={comparison.compared.length + 1} scope="colgroup">
                    {group.title} <span class="muted">{group.rows.length}</span>
                  </th>
                </tr>
                {group.rows.map((row) => (
                  <tr key={row.node.slug} class={row.shared ? 'shared' : ''} data-slug={row.node.slug}>
                    <th scope="row">
                      <EntityLink slug={row.node.slug} name={row.node.name} label={row.node.__typename} />
                    </th>
                    {comparison.compared.map((c) => {
                      const cell = row.cells.find((x) => x.of.slug === c.slug);
                      return (
                        <td key={c.slug}>
                          {cell?.present ? (
                            cell.links.map((link, i) => (
                              <p key={i}>
                                <span aria-hidden="true">✓ </span>
                                {linkText(link)}{' '}
                                <a class="src" href={sourceHref(link.evidence.sourceSlug, { entity: c.slug, excerpt: link.evidence.excerpt })} title={link.evidence.excerpt}>
                                  [{link.evidence.sourceSlug}]
                                </a>
                              </p>
                            ))
                          ) : (
                            <span class="muted">
                              <span aria-hidden="true">—</span>
                              <span class="visually-hidden">not related</span>
                            </span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
          {comparison.truncated && <p class="muted">Only the first rows are shown.</p>}
        </div>
      )}
    </div>
  );
}
