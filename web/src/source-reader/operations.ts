import { operation } from '../api/client';
import type { EntityLabel, Language } from '../api/types';

export interface SourceFactRow {
  type: string;
  property: string | null;
  value: string | null;
  excerpt: string;
  asOf: string | null;
  from: { __typename: EntityLabel; slug: string; name: string } | null;
  to: { __typename: EntityLabel; slug: string; name: string } | null;
}

export interface SourceMentionRow {
  start: number;
  end: number;
  matched: string;
  node: { __typename: EntityLabel; slug: string; name: string };
}

export interface SourcePage {
  slug: string;
  title: string;
  language: Language;
  kind: 'DOCUMENT' | 'REFERENCE';
  url: string | null;
  publisher: string | null;
  published: string | null;
  description: string | null;
  /** The document's cleaned text (documents only; null for references). */
  text: string | null;
  facts: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: SourceFactRow[] };
  mentions: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: SourceMentionRow[] };
}

const FACT_FIELDS = 'type property value excerpt asOf from { __typename slug name } to { __typename slug name }';
const MENTION_FIELDS = 'start end matched node { __typename slug name }';

export const SourceDocument = operation<{ source: SourcePage }, { slug: string }>(`
query ExplorerSource($slug: String!) {
  source(slug: $slug) {
    slug title language kind url publisher published description text
    facts(first: 100) { pageInfo { hasNextPage endCursor } nodes { ${FACT_FIELDS} } }
    mentions(first: 100) { pageInfo { hasNextPage endCursor } edges { ${MENTION_FIELDS} } }
  }
}`);

export const SourceMoreFacts = operation<{ source: Pick<SourcePage, 'facts'> }, { slug: string; after: string }>(`
query ExplorerSourceFacts($slug: String!, $after: String!) {
  source(slug: $slug) { facts(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { ${FACT_FIELDS} } } }
}`);

export const SourceMoreMentions = operation<{ source: Pick<SourcePage, 'mentions'> }, { slug: string; after: string }>(`
query ExplorerSourceMentions($slug: String!, $after: String!) {
  source(slug: $slug) { mentions(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { ${MENTION_FIELDS} } } }
}`);
