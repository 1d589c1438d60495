import { operation } from '../api/client';
import type { EntityLabel } from '../api/types';

export interface SearchHit {
  score: number;
  node: { __typename: EntityLabel; slug: string; name: string; kind: string; description: string | null; aliases: string[] };
}

export const SearchEntities = operation<{ search: { totalCount: number; edges: SearchHit[] } }, { text: string; first: number }>(`
query ExplorerSearch($text: String!, $first: Int!) {
  search(text: $text, first: $first) {
    totalCount
    edges { score node { __typename slug name kind description aliases } }
  }
}`);
