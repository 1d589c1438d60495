/**
 * Entity page: name, aliases with the language of the sources that use them, kind,
 * description, dated and counted facts (every source's claim, side by side), and the
 * relationships grouped by type and direction, each with its evidence.
 */
import { useMemo } from 'preact/hooks';
import { request } from '../api/client';
import { EntityLink, ErrorBox, EvidenceCard, LabelBadge, Loading, Section, useAsync, useTitle } from '../components/common';
import { kindName } from '../components/labels';
import type { ViewProps } from '../main';
import { formatRoute, graphHref } from '../router';
import { aliasLanguages, groupFacts, groupRelationships, propertyName } from './entity-model';
import { EntityDetails, EntityRelationshipsPage, type EntityPage } from './operations';

/** Loads the entity and every page of its relationships (at most 10 pages of 100). */
async function loadEntity(slug: string): Promise<EntityPage> {
  const { entity } = await request(EntityDetails, { slug });
  const edges = [...entity.relationships.edges];
  let page = entity.relationships.pageInfo;
  for (let i = 0; i < 9 && page.hasNextPage && page.endCursor; i++) {
    const next = await request(EntityRelationshipsPage, { slug, after: page.endCursor });
    edges.push(...next.entity.relationships.edges);
    page = next.entity.relationships.pageInfo;
  }
  return { ...entity, relationships: { ...entity.relationships, edges, pageInfo: page } };
}

export default function EntityView({ route }: ViewProps) {
  const slug = route.slug ?? '';
  const result = useAsync(() => loadEntity(slug), [slug]);
  const entity = result.state === 'done' ? result.data : null;
  useTitle(entity?.name ?? slug);

  const groups = useMemo(() => (entity ? groupRelationships(entity.relationships.edges) : []), [entity]);
  const facts = useMemo(() => (entity ? groupFacts(entity.facts) : []), [entity]);
  const aliases = useMemo(
    () =>
      entity
        ? aliasLanguages(
            entity.aliases,
            [...entity.relationships.edges.map((e) => e.evidence), ...entity.facts.map((f) => f.evidence)],
            entity.mentions.edges,
          )
        : [],
    [entity],
  );
  const documents = useMemo(() => {
    if (!entity) return [];
    const seen = new Map<string, { slug: string; title: string; count: number }>();
    for (const m of entity.mentions.edges) {
      const d = seen.get(m.node.slug) ?? { slug: m.node.slug, title: m.node.title, count: 0 };
      d.count += 1;
      seen.set(m.node.slug, d);
    }
    return [...seen.values()];
  }, [entity]);

  if (result.state === 'loading') return <Loading what={slug} />;
  if (result.state === 'error') return <ErrorBox error={result.error} />;
  const e = entity!;
  return (
    <article class="view entity-view">
      <header class="entity-head">
        <p class="kicker">
          <LabelBadge label={e.__typename} /> <span class="kind">{kindName(e.kind)}</span>
          {e.countryCode && <span class="kind"> · {e.countryCode}</span>}
          {e.date && <span class="kind"> · {e.date}</span>}
        </p>
        <h1>{e.name}</h1>
        {e.description && <p class="desc">{e.description}</p>}
        <p class="actions">
          <a class="button" href={graphHref(e.slug)}>
            Graph around {e.name}
          </a>
          <a class="button" href={formatRoute({ view: 'paths', params: { from: e.name } })}>
            Paths from here
          </a>
          {e.__typename === 'Actor' && (
            <a class="button" href={formatRoute({ view: 'compare', params: { actors: e.slug } })}>
              Compare
            </a>
          )}
        </p>
      </header>

      <Section title="Names" id="names">
        <ul class="aliases">
          <li>
            <strong>{e.name}</strong> <span class="lang">EN</span> <span class="muted">name</span>
          </li>
          {aliases.map((a) => (
            <li key={a.alias}>
              <span lang={a.languages.length === 1 && a.languages[0] === 'ID' ? 'id' : undefined}>{a.alias}</span>{' '}
              {a.languages.length ? (
                a.languages.map((l) => (
                  <span class="lang" key={l} title={l === 'ID' ? 'used in Indonesian sources' : 'used in English sources'}>
                    {l}
                  </span>
                ))
              ) : (
                <span class="muted" title="no source in the graph uses this spelling in an excerpt">
                  language not attested
                </span>
              )}
            </li>
          ))}
        </ul>
        {documents.length > 0 && (
          <p class="mentioned">
            Mentioned in:{' '}
            {documents.map((d, i) => (
              <span key={d.slug}>
                {i > 0 && ', '}
                <a href={formatRoute({ view: 'source', slug: d.slug, params: { entity: e.slug } })}>{d.title}</a> ({d.count}×)
              </span>
            ))}
          </p>
        )}
      </Section>

      {facts.length > 0 && (
        <Section title="Facts" id="facts">
          {facts.map((group) => (
            <div class="fact-group" key={group.property}>
              <h3>
                {propertyName(group.property)}
                {group.conflicting && <span class="conflict"> · sources differ</span>}
              </h3>
              <div class="claims">
                {group.claims.map((claim, i) => (
                  <div class="claim" key={i}>
                    <p class="value">{claim.count ?? claim.date ?? claim.value}</p>
                    <EvidenceCard evidence={claim.evidence} focus={e.slug} />
                  </div>
                ))}
              </div>
            </div>
          ))}
        </Section>
      )}

      <Section title={`Relationships (${e.relationships.totalCount})`} id="relationships">
        {groups.length === 0 && <p class="muted">No relationships recorded.</p>}
        {groups.map((group) => (
          <details class="rel-group" key={group.key} open={groups.length <= 8 || group.rows.length <= 12} data-group={group.key}>
            <summary>
              <span class="rel-title">{group.title}</span> <span class="muted">{group.rows.length}</span>
            </summary>
            <ul class="rel-rows">
              {group.rows.map((row) => (
                <li key={row.node.slug + row.details.join()} class="rel-row" data-slug={row.node.slug}>
                  <div class="rel-node">
                    <EntityLink slug={row.node.slug} name={row.node.name} label={row.node.__typename} />
                    {row.details.length > 0 && <span class="details"> — {row.details.join(' · ')}</span>}
                  </div>
                  <div class="rel-evidence">
                    {row.evidence.map((ev, i) => (
                      <EvidenceCard key={i} evidence={ev} focus={e.slug} />
                    ))}
                  </div>
                </li>
              ))}
            </ul>
          </details>
        ))}
      </Section>
    </article>
  );
}
