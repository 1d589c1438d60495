import { operation } from '../api/client';
import {
  ENTITY_REF_FIELDS,
  EVIDENCE_FIELDS,
  PROPERTY_FIELDS,
  type EntityRef,
  type Evidence,
  type RelationshipProperties,
} from '../api/types';

export interface ComparisonLink {
  type: string;
  direction: 'IN' | 'OUT' | 'BOTH';
  properties: RelationshipProperties;
  evidence: Evidence;
}

export interface ComparisonRow {
  category: string;
  shared: boolean;
  node: EntityRef;
  cells: Array<{ present: boolean; of: { slug: string }; links: ComparisonLink[] }>;
}

export interface Comparison {
  truncated: boolean;
  compared: EntityRef[];
  rows: ComparisonRow[];
}

export const CompareActors = operation<{ compare: Comparison }, { slugs: string[] }>(`
query ExplorerCompare($slugs: [String!]!) {
  compare(slugs: $slugs) {
    truncated
    compared { ${ENTITY_REF_FIELDS} }
    rows {
      category shared
      node { ${ENTITY_REF_FIELDS} }
      cells { present of { slug } links { type direction properties { ${PROPERTY_FIELDS} } evidence { ${EVIDENCE_FIELDS} } } }
    }
  }
}`);
