/** Whole-graph figures. */
import type { QueryRunner } from '../../db/query.js';

export interface LabelCount {
  label: string;
  count: number;
}

export async function countNodesByLabel(cypher: QueryRunner): Promise<LabelCount[]> {
  return cypher.read<LabelCount>(
    'Graph.countNodesByLabel',
    `MATCH (n) UNWIND labels(n) AS label
     WITH label, count(*) AS count WHERE label <> 'Entity'
     RETURN label, count ORDER BY label`,
  );
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
