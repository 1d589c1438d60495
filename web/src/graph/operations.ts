import { operation } from '../api/client';
import { EVIDENCE_FIELDS, PROPERTY_FIELDS, type EntityLabel, type Evidence, type RelationshipProperties } from '../api/types';

export interface GraphNodeRow {
  id: string;
  name: string;
  label: EntityLabel;
  kind: string;
}

export interface GraphEdgeRow {
  id: string;
  source: string;
  target: string;
  type: string;
  properties: RelationshipProperties;
  evidence: Evidence;
}

export interface Subgraph {
  truncated: boolean;
  nodes: GraphNodeRow[];
  edges: GraphEdgeRow[];
}

export const Neighbourhood = operation<{ neighbourhood: Subgraph }, { slug: string; depth: number; maxNodes: number }>(`
query ExplorerNeighbourhood($slug: String!, $depth: Int!, $maxNodes: Int!) {
  neighbourhood(slug: $slug, depth: $depth, maxNodes: $maxNodes, maxEdges: 1000) {
    truncated
    nodes { id name label kind }
    edges { id source target type properties { ${PROPERTY_FIELDS} } evidence { ${EVIDENCE_FIELDS} } }
  }
}`);
