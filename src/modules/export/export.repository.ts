/** Streaming reads of the whole graph, or of a set of nodes, for export. */
import { ENTITY_LABEL, NODE_LABELS, RELATIONSHIP_TYPE_NAMES } from '../../domain/model.js';
import type { QueryRunner } from '../../db/query.js';
import type { SourceRow } from '../source/source.repository.js';

/** Whether the node an export is centred on exists. */
export async function centreExists(cypher: QueryRunner, id: string): Promise<boolean> {
  const [row] = await cypher.read<{ found: boolean }>(
    'Export.centreExists',
    `RETURN EXISTS { MATCH (:${ENTITY_LABEL} {id: $id}) } AS found`,
    { id },
  );
  return row?.found ?? false;
}

export interface ExportNode {
  id: string;
  label: string;
  kind: string | null;
  name: string | null;
  aliases: string[] | null;
  description: string | null;
  date: string | null;
  code: string | null;
  countryCode: string | null;
  location: string | null;
}

/** What sources.csv and graph.json carry of a source. */
export type ExportSource = Pick<SourceRow, 'id' | 'title' | 'kind' | 'language' | 'file' | 'publisher' | 'url' | 'published'>;

export interface ExportEdge {
  type: string;
  start: string;
  end: string;
  props: Record<string, unknown>;
}

/** Every relationship type an export may contain: the domain ones plus ATTESTS and MENTIONS. */
export const EXPORT_RELATIONSHIP_TYPES = [...RELATIONSHIP_TYPE_NAMES, 'ATTESTS', 'MENTIONS'] as const;

/**
 * The row counts of nodes.csv and sources.csv: exactly the nodes those files stream (every
 * :Entity, every :Source), however many labels a node carries.
 */
export async function countNodeRows(cypher: QueryRunner): Promise<{ entities: number; sources: number }> {
  const [row] = await cypher.read<{ entities: number; sources: number }>(
    'Export.countNodeRows',
    `RETURN COUNT { MATCH (:${ENTITY_LABEL}) } AS entities, COUNT { MATCH (:Source) } AS sources`,
  );
  return row ?? { entities: 0, sources: 0 };
}

export function streamNodes(cypher: QueryRunner, ids: string[] | null, timeoutMs?: number): AsyncGenerator<ExportNode> {
  return cypher.stream<ExportNode>(
    'Export.nodes',
    `MATCH (n:${ENTITY_LABEL}) WHERE $ids IS NULL OR n.id IN $ids
     RETURN n.id AS id, head([l IN labels(n) WHERE l IN $nodeLabels]) AS label, n.kind AS kind, n.name AS name,
            n.aliases AS aliases, n.description AS description, n.date AS date, n.code AS code,
            n.countryCode AS countryCode, n.location AS location
     ORDER BY n.id`,
    { ids, nodeLabels: [...NODE_LABELS] },
    timeoutMs,
  );
}

export function streamSources(cypher: QueryRunner, timeoutMs?: number): AsyncGenerator<ExportSource> {
  return cypher.stream<ExportSource>(
    'Export.sources',
    `MATCH (s:Source) RETURN s.id AS id, s.title AS title, s.kind AS kind, s.language AS language, s.file AS file,
            s.publisher AS publisher, s.url AS url, s.published AS published ORDER BY s.id`,
    {},
    timeoutMs,
  );
}

/**
 * Relationships of one type (a whitelisted name) or of all types; with `ids`, only those whose
 * domain ends are all in the set (a Source start always qualifies).
 */
export function streamEdges(
  cypher: QueryRunner,
  type: (typeof EXPORT_RELATIONSHIP_TYPES)[number] | null,
  ids: string[] | null,
  timeoutMs?: number,
): AsyncGenerator<ExportEdge> {
  if (type !== null && !(EXPORT_RELATIONSHIP_TYPES as readonly string[]).includes(type)) throw new Error(`unknown type ${type}`);
  return cypher.stream<ExportEdge>(
    `Export.edges${type ?? 'All'}`,
    `MATCH (a)-[r${type ? `:${type}` : ''}]->(b:${ENTITY_LABEL})
     WHERE (a:${ENTITY_LABEL} OR a:Source) AND ($ids IS NULL OR (b.id IN $ids AND (a:Source OR a.id IN $ids)))
     RETURN type(r) AS type, a.id AS start, b.id AS end, properties(r) AS props
     ORDER BY type, start, end, r.source`,
    { ids },
    timeoutMs,
  );
}
