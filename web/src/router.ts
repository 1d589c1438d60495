/**
 * The URL is the state: every view and its settings live in the hash (`#/entity/japan`,
 * `#/paths?from=Brazil&to=Japan&max=4`), so a view can be linked, reloaded and reached with the
 * back button. Hash routing keeps the service's side to one file (index.html at `/`).
 */

export type ViewName = 'search' | 'entity' | 'source' | 'graph' | 'paths' | 'compare' | 'dashboard';
const VIEWS: ViewName[] = ['search', 'entity', 'source', 'graph', 'paths', 'compare', 'dashboard'];

export interface Route {
  view: ViewName;
  /** The entity or source slug for entity, source and graph views. */
  slug?: string;
  params: Record<string, string>;
}

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [pathPart = '', query = ''] = raw.split('?', 2);
  const [first = '', ...rest] = pathPart.split('/').filter(Boolean).map(safeDecode);
  const view = (VIEWS as string[]).includes(first) ? (first as ViewName) : 'search';
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(query)) params[key] = value;
  const slug = rest.join('/') || undefined;
  return slug ? { view, slug, params } : { view, params };
}

export function formatRoute(route: Route): string {
  const path = route.slug ? `#/${route.view}/${encodeURIComponent(route.slug)}` : `#/${route.view}`;
  const entries = Object.entries(route.params).filter(([, v]) => v !== undefined && v !== '');
  entries.sort(([a], [b]) => a.localeCompare(b));
  const query = new URLSearchParams(entries).toString();
  return query ? `${path}?${query}` : path;
}

/** A link target for an entity page. */
export const entityHref = (slug: string) => formatRoute({ view: 'entity', slug, params: {} });
export const sourceHref = (slug: string, params: Record<string, string> = {}) => formatRoute({ view: 'source', slug, params });
export const graphHref = (slug: string, params: Record<string, string> = {}) => formatRoute({ view: 'graph', slug, params });

/** Comma lists in the URL (`rels=PARTNER_IN,MEMBER_OF`). */
export function listParam(value: string | undefined): string[] {
  return value
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
