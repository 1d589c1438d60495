import { operation, request } from '../api/client';
import type { EntityLabel } from '../api/types';

export interface NamedEntity {
  __typename: EntityLabel;
  slug: string;
  name: string;
}

export const LookupName = operation<{ lookup: NamedEntity[] }, { name: string; labels: EntityLabel[] | null }>(`
query ExplorerLookup($name: String!, $labels: [EntityLabel!]) {
  lookup(name: $name, labels: $labels) { __typename slug name }
}`);

export const Suggest = operation<{ search: { nodes: NamedEntity[] } }, { text: string; kinds: EntityLabel[] | null }>(`
query ExplorerSuggest($text: String!, $kinds: [EntityLabel!]) {
  search(text: $text, kinds: $kinds, first: 8) { nodes { __typename slug name } }
}`);

/**
 * A name (English or Indonesian, exact or approximate) to an entity: an exact name or alias
 * first (`lookup`), else the best search hit.
 */
export async function resolveName(name: string, labels: EntityLabel[] | null = null): Promise<NamedEntity | null> {
  const text = name.trim();
  if (!text) return null;
  const exact = await request(LookupName, { name: text, labels });
  if (exact.lookup[0]) return exact.lookup[0];
  const found = await request(Suggest, { text, kinds: labels });
  return found.search.nodes[0] ?? null;
}
