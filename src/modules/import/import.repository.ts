/** Cypher for bulk import: which of an import's ids the database already holds. */
import { ENTITY_LABEL, NODE_LABELS, SOURCE_LABEL, type NodeLabel } from '../../domain/model.js';
import type { QueryRunner } from '../../db/query.js';
import type { KnownIds } from '../../../seed/read-seed.js';

interface ExistingRow {
  id: string;
  labels: string[] | null;
  kind: string | null;
  isSource: boolean;
}

/** One statement for all ids: each existing node with its domain label and kind, and each existing source. */
export async function findExistingIds(cypher: QueryRunner, ids: readonly string[]): Promise<KnownIds> {
  const nodes = new Map<string, { label: NodeLabel; kind: string | null }>();
  const sources = new Set<string>();
  if (ids.length === 0) return { nodes, sources };
  const rows = await cypher.read<ExistingRow>(
    'Import.findExistingIds',
    `UNWIND $ids AS id
     OPTIONAL MATCH (n:${ENTITY_LABEL} {id: id})
     OPTIONAL MATCH (s:${SOURCE_LABEL} {id: id})
     WITH id, n, s WHERE n IS NOT NULL OR s IS NOT NULL
     RETURN id, [l IN labels(n) WHERE l IN $nodeLabels] AS labels, n.kind AS kind, s IS NOT NULL AS isSource`,
    { ids: [...ids], nodeLabels: [...NODE_LABELS] },
  );
  for (const row of rows) {
    const label = row.labels?.[0] as NodeLabel | undefined;
    if (label) nodes.set(row.id, { label, kind: row.kind });
    if (row.isSource) sources.add(row.id);
  }
  return { nodes, sources };
}
