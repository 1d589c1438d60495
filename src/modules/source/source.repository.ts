/** Cypher for Source nodes: the documents and references that every fact cites. */
import { ENTITY_LABEL } from '../../domain/model.js';
import type { QueryRunner } from '../../db/query.js';
import { int } from '../../db/query.js';
import { keysetOrder, keysetPredicate, type Page } from '../../pagination.js';
import { NODE_LABEL_PARAM, entityProjection, type EntityRow } from '../entity/entity.repository.js';

export interface SourceRow {
  id: string;
  title: string;
  kind: string;
  language: string;
  file: string | null;
  publisher: string | null;
  url: string | null;
  published: string | null;
  description: string | null;
  checksum: string | null;
  length: number | null;
}

const sourceProjection = (v: string) =>
  `${v} {.id, .title, .kind, .language, .file, .publisher, .url, .published, .description, .checksum, .length}`;

export async function findSourcesByIds(cypher: QueryRunner, ids: readonly string[]): Promise<Map<string, SourceRow>> {
  const rows = await cypher.read<{ source: SourceRow }>(
    'Source.findByIds',
    `UNWIND $ids AS id MATCH (s:Source {id: id}) RETURN ${sourceProjection('s')} AS source`,
    { ids },
  );
  return new Map(rows.map((r) => [r.source.id, r.source]));
}

/** The cleaned text of each source that has one (ingested documents), by id. */
export async function findSourceTexts(cypher: QueryRunner, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await cypher.read<{ id: string; text: string }>(
    'Source.texts',
    `UNWIND $ids AS id MATCH (s:Source {id: id}) WHERE s.text IS NOT NULL RETURN s.id AS id, s.text AS text`,
    { ids },
  );
  return new Map(rows.map((r) => [r.id, r.text]));
}

export interface SourceFilter {
  language?: string | null;
  kind?: string | null;
}

export async function listSources(cypher: QueryRunner, filter: SourceFilter, page: Page): Promise<SourceRow[]> {
  const keys = ['s.id'];
  const rows = await cypher.read<{ source: SourceRow }>(
    'Source.list',
    `MATCH (s:Source)
     WHERE ($language IS NULL OR s.language = $language) AND ($kind IS NULL OR s.kind = $kind)
       AND ${keysetPredicate(keys, 'cursor', page)}
     RETURN ${sourceProjection('s')} AS source ORDER BY ${keysetOrder(keys, page)} LIMIT $limit`,
    { language: filter.language ?? null, kind: filter.kind ?? null, cursor: page.cursor, limit: int(page.size + 1) },
  );
  return rows.map((r) => r.source);
}

export async function countSources(cypher: QueryRunner, filter: SourceFilter): Promise<number> {
  const [row] = await cypher.read<{ count: number }>(
    'Source.count',
    `MATCH (s:Source) WHERE ($language IS NULL OR s.language = $language) AND ($kind IS NULL OR s.kind = $kind)
     RETURN count(s) AS count`,
    { language: filter.language ?? null, kind: filter.kind ?? null },
  );
  return row?.count ?? 0;
}

export interface MentionRow {
  sourceId: string;
  node: EntityRow;
  start: number;
  end: number;
  matched: string;
  excerpt: string;
  key: unknown[];
}

/**
 * Mentions for many parents at once: by a source (its mentions of nodes) or of a node (where
 * sources mention it). Ordered by source then offset.
 */
export async function mentionsOf(
  cypher: QueryRunner,
  side: 'source' | 'node',
  parentIds: readonly string[],
  page: Page,
): Promise<Map<string, MentionRow[]>> {
  const keys = ['s.id', 'm.start', 'n.id'];
  const anchor = side === 'source' ? 's' : 'n';
  const rows = await cypher.read<{ parentId: string; mentions: MentionRow[] }>(
    side === 'source' ? 'Source.mentions' : 'Entity.mentions',
    `UNWIND $parentIds AS parentId
     CALL (parentId) {
       MATCH (s:Source)-[m:MENTIONS]->(n:${ENTITY_LABEL})
       WHERE ${anchor}.id = parentId AND ${keysetPredicate(keys, 'cursor', page)}
       WITH s, m, n ORDER BY ${keysetOrder(keys, page)} LIMIT $limit
       RETURN collect({sourceId: s.id, node: ${entityProjection('n')}, start: m.start, end: m.end, matched: m.matched,
                       excerpt: m.excerpt, key: [${keys.join(', ')}]}) AS mentions
     }
     RETURN parentId, mentions`,
    { parentIds, cursor: page.cursor, limit: int(page.size + 1), ...NODE_LABEL_PARAM },
  );
  return new Map(rows.map((r) => [r.parentId, r.mentions]));
}

export interface SupportedFactRow {
  type: string;
  fromId: string;
  toId: string;
  excerpt: string;
  asOf: string | null;
  properties: Record<string, unknown>;
  key: unknown[];
}

/** The facts (relationships and attested values) that cite this source, except mentions. */
export async function factsSupportedBy(cypher: QueryRunner, sourceId: string, page: Page): Promise<SupportedFactRow[]> {
  const keys = ['type(r)', 'a.id', 'b.id', "coalesce(r.property, '')", "toString(coalesce(r.value, ''))"];
  return cypher.read<SupportedFactRow>(
    'Source.factsSupported',
    `MATCH (a)-[r]->(b)
     WHERE r.source = $sourceId AND type(r) <> 'MENTIONS' AND ${keysetPredicate(keys, 'cursor', page)}
     WITH a, r, b ORDER BY ${keysetOrder(keys, page)} LIMIT $limit
     RETURN type(r) AS type, a.id AS fromId, b.id AS toId, r.excerpt AS excerpt, r.asOf AS asOf,
            properties(r) AS properties, [${keys.join(', ')}] AS key`,
    { sourceId, cursor: page.cursor, limit: int(page.size + 1) },
  );
}
