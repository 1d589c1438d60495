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
