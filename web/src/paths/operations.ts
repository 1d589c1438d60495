import { operation } from '../api/client';
import {
  ENTITY_REF_FIELDS,
  EVIDENCE_FIELDS,
  PROPERTY_FIELDS,
  type EntityRef,
  type Evidence,
  type RelationshipProperties,
} from '../api/types';

export interface PathHop {
  type: string;
  direction: 'IN' | 'OUT' | 'BOTH';
  from: EntityRef;
  to: EntityRef;
  properties: RelationshipProperties;
  evidence: Evidence;
}

export interface PathRow {
  length: number;
  nodes: EntityRef[];
  hops: PathHop[];
}

export const ShortestPaths = operation<
  { paths: PathRow[] },
  { from: string; to: string; maxLength: number; relationshipTypes: string[] | null; all: boolean }
>(`
query ExplorerPaths($from: String!, $to: String!, $maxLength: Int!, $relationshipTypes: [RelationshipType!], $all: Boolean!) {
  paths(from: $from, to: $to, maxLength: $maxLength, relationshipTypes: $relationshipTypes, all: $all, limit: 10) {
    length
    nodes { ${ENTITY_REF_FIELDS} }
    hops {
      type direction properties { ${PROPERTY_FIELDS} }
      from { ${ENTITY_REF_FIELDS} }
      to { ${ENTITY_REF_FIELDS} }
      evidence { ${EVIDENCE_FIELDS} }
    }
  }
}`);
