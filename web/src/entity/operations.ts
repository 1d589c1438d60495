import { operation } from '../api/client';
import {
  ENTITY_REF_FIELDS,
  EVIDENCE_FIELDS,
  PROPERTY_FIELDS,
  type EntityLabel,
  type EntityRef,
  type Evidence,
  type RelationshipProperties,
} from '../api/types';

export interface FactRow {
  property: string;
  value: string;
  count: number | null;
  date: string | null;
  evidence: Evidence;
}

export interface RelationshipRow extends Omit<RelationshipProperties, 'forum'> {
  type: string;
  direction: 'IN' | 'OUT';
  node: EntityRef;
  forum: { slug: string; name: string } | null;
  evidence: Evidence;
}

export interface MentionRow {
  start: number;
  end: number;
  matched: string;
  node: { slug: string; title: string; language: 'EN' | 'ID' };
}

export interface EntityPage {
  __typename: EntityLabel;
  slug: string;
  name: string;
  kind: string;
  aliases: string[];
  description: string | null;
  date: string | null;
  countryCode?: string | null;
  facts: FactRow[];
  mentions: { edges: MentionRow[] };
  relationships: { totalCount: number; edges: RelationshipRow[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

/** One page of an entity's relationships: the entity page's first page and every later one. */
const RELATIONSHIP_PAGE_FIELDS = `totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        type direction ${PROPERTY_FIELDS.replace('forum', 'forum { slug name }')}
        node { ${ENTITY_REF_FIELDS} }
        evidence { ${EVIDENCE_FIELDS} }
      }`;

export const EntityDetails = operation<{ entity: EntityPage }, { slug: string }>(`
query ExplorerEntity($slug: String!) {
  entity(slug: $slug) {
    ${ENTITY_REF_FIELDS} aliases description date
    ... on Actor { countryCode }
    facts { property value count date evidence { ${EVIDENCE_FIELDS} } }
    mentions(first: 100) { edges { start end matched node { slug title language } } }
    relationships(first: 100) {
      ${RELATIONSHIP_PAGE_FIELDS}
    }
  }
}`);

export const EntityRelationshipsPage = operation<
  { entity: { relationships: EntityPage['relationships'] } },
  { slug: string; after: string }
>(`
query ExplorerEntityRelationships($slug: String!, $after: String!) {
  entity(slug: $slug) {
    relationships(first: 100, after: $after) {
      ${RELATIONSHIP_PAGE_FIELDS}
    }
  }
}`);
