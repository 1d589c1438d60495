/** Whole-graph figures, and the graph's fingerprint (fingerprint.ts hashes what these read). */
import type { QueryRunner } from '../../db/query.js';
import { ENTITY_LABEL, SOURCE_LABEL } from '../../domain/model.js';

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

/** Which part of the graph a fingerprint covers; none: all of it. */
export interface FingerprintScope {
  /** Ids of domain (:Entity) nodes. */
  nodeIds?: readonly string[];
  /** Ids of :Source nodes. */
  sourceIds?: readonly string[];
}

export interface CanonicalNodeRow {
  id: string | null;
  labels: string[];
  props: Array<[string, unknown]>;
}

export interface CanonicalRelationshipRow {
  type: string;
  start: string | null;
  end: string | null;
  props: Array<[string, unknown]>;
}

/** The nodes in scope: every node when no scope is given, else the named entities and sources. */
function nodesInScope(scoped: boolean): string {
  return scoped
    ? `CALL {
         UNWIND $nodeIds AS id MATCH (n:${ENTITY_LABEL} {id: id}) RETURN n
         UNION
         UNWIND $sourceIds AS id MATCH (n:${SOURCE_LABEL} {id: id}) RETURN n
       }`
    : 'MATCH (n)';
}

/**
 * Every node (labels sorted, properties sorted by key) and relationship (type, start id, end id,
 * properties sorted by key) of the graph, or of the given nodes and sources and the relationships
 * whose both ends are among them.
 */
export async function readCanonicalGraph(
  cypher: QueryRunner,
  scope?: FingerprintScope,
): Promise<{ nodes: CanonicalNodeRow[]; relationships: CanonicalRelationshipRow[] }> {
  const scoped = scope !== undefined;
  const params = { nodeIds: [...(scope?.nodeIds ?? [])], sourceIds: [...(scope?.sourceIds ?? [])] };

  const nodes = await cypher.read<CanonicalNodeRow>(
    'Graph.fingerprintNodes',
    `${nodesInScope(scoped)}
     RETURN n.id AS id,
            COLLECT { UNWIND labels(n) AS label RETURN label ORDER BY label } AS labels,
            COLLECT { UNWIND keys(n) AS key RETURN [key, n[key]] ORDER BY key } AS props`,
    params,
  );

  const relationships = await cypher.read<CanonicalRelationshipRow>(
    'Graph.fingerprintRelationships',
    scoped
      ? `${nodesInScope(true)}
         WITH collect(n) AS inScope
         UNWIND inScope AS a
         MATCH (a)-[r]->(b) WHERE b IN inScope
         RETURN type(r) AS type, a.id AS start, b.id AS end,
                COLLECT { UNWIND keys(r) AS key RETURN [key, r[key]] ORDER BY key } AS props`
      : `MATCH (a)-[r]->(b)
         RETURN type(r) AS type, a.id AS start, b.id AS end,
                COLLECT { UNWIND keys(r) AS key RETURN [key, r[key]] ORDER BY key } AS props`,
    params,
  );
  return { nodes, relationships };
}
