/** Whole-graph figures. */
import type { QueryRunner } from '../../db/query.js';
import { ENTITY_LABEL } from '../../domain/model.js';

export interface LabelCount {
  label: string;
  count: number;
}

export async function countNodesByLabel(cypher: QueryRunner): Promise<LabelCount[]> {
  return cypher.read<LabelCount>(
    'Graph.countNodesByLabel',
    `MATCH (n) UNWIND labels(n) AS label
     WITH label, count(*) AS count WHERE label <> $entityLabel
     RETURN label, count ORDER BY label`,
    { entityLabel: ENTITY_LABEL },
  );
}

export interface TypeCount {
  type: string;
  count: number;
}

export async function countRelationshipsByType(cypher: QueryRunner): Promise<TypeCount[]> {
  return cypher.read<TypeCount>(
    'Graph.countRelationshipsByType',
    'MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count ORDER BY type',
  );
}

/** What the graph holds, per label and per relationship type (what a load reports, what /export lists). */
export interface GraphCounts {
  nodes: Record<string, number>;
  relationships: Record<string, number>;
}

export async function countGraph(cypher: QueryRunner): Promise<GraphCounts> {
  const [nodes, relationships] = [await countNodesByLabel(cypher), await countRelationshipsByType(cypher)];
  return {
    nodes: Object.fromEntries(nodes.map((r) => [r.label, r.count])),
    relationships: Object.fromEntries(relationships.map((r) => [r.type, r.count])),
  };
}

export interface DegreeRow {
  type: string;
  direction: 'OUT' | 'IN';
  maxDegree: number;
}

/**
 * The largest number of relationships of each type any one node has, each way: what a page of
 * a relationship field can at most hold on this graph (the query-cost estimate uses it).
 */
export async function maxDegreesByType(cypher: QueryRunner): Promise<DegreeRow[]> {
  return cypher.read<DegreeRow>(
    'Graph.maxDegreesByType',
    `CALL () {
       MATCH (n)-[r]->() WITH n, type(r) AS type, count(*) AS degree RETURN type, 'OUT' AS direction, degree
       UNION ALL
       MATCH (n)<-[r]-() WITH n, type(r) AS type, count(*) AS degree RETURN type, 'IN' AS direction, degree
     }
     RETURN type, direction, max(degree) AS maxDegree ORDER BY type, direction`,
  );
}
