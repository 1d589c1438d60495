/**
 * Whole-graph figures, none of which scans the graph: counts per label and per type come from
 * Neo4j's count store (one lookup per whitelisted label or type), degrees from the aggregates.
 */
import type { QueryRunner } from '../../db/query.js';
import { NODE_LABELS, RELATIONSHIP_TYPE_NAMES, SOURCE_LABEL, SOURCE_RELATIONSHIPS } from '../../domain/model.js';

/** Every label the graph's own nodes carry (besides :Entity): the kinds, sources and the audit trail. */
const COUNTED_LABELS = [...NODE_LABELS, SOURCE_LABEL, 'Change'] as const;
const COUNTED_TYPES = [...RELATIONSHIP_TYPE_NAMES, ...SOURCE_RELATIONSHIPS] as const;

export interface LabelCount {
  label: string;
  count: number;
}

/**
 * One count per label, each a COUNT subquery that Neo4j answers from its count store. (Counts
 * written as UNION branches of MATCH ... count() scanned every node and relationship of the
 * type instead.) Labels and types are identifiers from the whitelists above, never from a request.
 */
export const COUNT_NODES_STATEMENT = `UNWIND [${COUNTED_LABELS.map((label) => `{label: '${label}', count: COUNT { (:${label}) }}`).join(', ')}] AS row
     WITH row WHERE row.count > 0
     RETURN row.label AS label, row.count AS count ORDER BY label`;

/** One count per relationship type, each from the count store. */
export const COUNT_RELATIONSHIPS_STATEMENT = `UNWIND [${COUNTED_TYPES.map((type) => `{type: '${type}', count: COUNT { ()-[:${type}]->() }}`).join(', ')}] AS row
     WITH row WHERE row.count > 0
     RETURN row.type AS type, row.count AS count ORDER BY type`;

export async function countNodesByLabel(cypher: QueryRunner): Promise<LabelCount[]> {
  return cypher.read<LabelCount>('Graph.countNodesByLabel', COUNT_NODES_STATEMENT);
}

export interface TypeCount {
  type: string;
  count: number;
}

export async function countRelationshipsByType(cypher: QueryRunner): Promise<TypeCount[]> {
  return cypher.read<TypeCount>('Graph.countRelationshipsByType', COUNT_RELATIONSHIPS_STATEMENT);
}

/** What the graph holds, per label and per relationship type (what a load reports, what /export lists). */
export interface GraphCounts {
  nodes: Record<string, number>;
  relationships: Record<string, number>;
}

export async function countGraph(cypher: QueryRunner): Promise<GraphCounts> {
  const [nodes, relationships] = await Promise.all([countNodesByLabel(cypher), countRelationshipsByType(cypher)]);
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
 * a relationship field can at most hold on this graph (the query-cost estimate uses it). Read
 * from the degree counters, largest first through their index: one entry per type and side.
 */
export async function maxDegreesByType(cypher: QueryRunner): Promise<DegreeRow[]> {
  return cypher.read<DegreeRow>(
    'Graph.maxDegreesByType',
    `UNWIND $types AS type
     UNWIND ['OUT', 'IN'] AS direction
     CALL (type, direction) {
       MATCH (d:DegreeByNode) WHERE d.type = type AND d.side = direction AND d.count > 0
       RETURN d.count AS maxDegree ORDER BY d.count DESC LIMIT 1
     }
     RETURN type, direction, maxDegree ORDER BY type, direction`,
    { types: [...COUNTED_TYPES] },
  );
}

/** The same figures counted over every relationship (the tests compare both). */
export async function maxDegreesByTypeByScan(cypher: QueryRunner): Promise<DegreeRow[]> {
  return cypher.read<DegreeRow>(
    'Graph.maxDegreesByTypeByScan',
    `CALL () {
       MATCH (n)-[r]->() WITH n, type(r) AS type, count(*) AS degree RETURN type, 'OUT' AS direction, degree
       UNION ALL
       MATCH (n)<-[r]-() WITH n, type(r) AS type, count(*) AS degree RETURN type, 'IN' AS direction, degree
     }
     RETURN type, direction, max(degree) AS maxDegree ORDER BY type, direction`,
  );
}
