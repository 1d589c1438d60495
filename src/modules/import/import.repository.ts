/**
 * Cypher for bulk import and the seed loader: which of an import's ids the database already
 * holds, the loader's writes (UNWIND over rows, MERGE on ids, inside the caller's one
 * transaction), what the graph holds, and whether the curated seed is there yet.
 */
import { ENTITY_LABEL, NODE_LABELS, SOURCE_LABEL, type NodeLabel, type RelationshipType } from '../../domain/model.js';
import type { int, QueryRunner, TxRunner } from '../../db/query.js';
import type { KnownIds } from './read-seed.js';

type Integer = ReturnType<typeof int>;

interface ExistingRow {
  id: string;
  labels: string[] | null;
  kind: string | null;
  isSource: boolean;
}

const EXISTING_IDS = `UNWIND $ids AS id
     OPTIONAL MATCH (n:${ENTITY_LABEL} {id: id})
     OPTIONAL MATCH (s:${SOURCE_LABEL} {id: id})
     WITH id, n, s WHERE n IS NOT NULL OR s IS NOT NULL
     RETURN id, [l IN labels(n) WHERE l IN $nodeLabels] AS labels, n.kind AS kind, s IS NOT NULL AS isSource`;

function knownIds(rows: readonly ExistingRow[]): KnownIds {
  const nodes = new Map<string, { label: NodeLabel; kind: string | null }>();
  const sources = new Set<string>();
  for (const row of rows) {
    const label = row.labels?.[0] as NodeLabel | undefined;
    if (label) nodes.set(row.id, { label, kind: row.kind });
    if (row.isSource) sources.add(row.id);
  }
  return { nodes, sources };
}

const existingParams = (ids: readonly string[]) => ({ ids: [...new Set(ids)], nodeLabels: [...NODE_LABELS] });

/** One statement for all ids: each existing node with its domain label and kind, and each existing source. */
export async function findExistingIds(cypher: QueryRunner, ids: readonly string[]): Promise<KnownIds> {
  if (ids.length === 0) return knownIds([]);
  return knownIds(await cypher.read<ExistingRow>('Import.findExistingIds', EXISTING_IDS, existingParams(ids)));
}

/** The same, inside a write transaction (the loader's, after its locks: what it finds stays true until it commits). */
export async function findExistingIdsIn(tx: TxRunner, ids: readonly string[]): Promise<KnownIds> {
  if (ids.length === 0) return knownIds([]);
  return knownIds(await tx.run<ExistingRow>('Import.findExistingIds', EXISTING_IDS, existingParams(ids)));
}

export interface SourceRow {
  id: string;
  props: Record<string, string | null>;
  checksum: string | null;
  length: Integer | null;
  text: string | null;
}

/** Sources by id; checksum, length and text are kept when the row carries none (the curated seed has none). */
export async function writeSources(tx: TxRunner, rows: SourceRow[]): Promise<void> {
  await tx.run(
    'Seed.writeSources',
    `UNWIND $rows AS row MERGE (s:${SOURCE_LABEL} {id: row.id})
     SET s += row.props, s.checksum = coalesce(row.checksum, s.checksum), s.length = coalesce(row.length, s.length),
         s.text = coalesce(row.text, s.text)`,
    { rows },
  );
}

export interface NodeRow {
  id: string;
  props: Record<string, unknown>;
  /** Only set when given: reloading the seed (which carries no versions) keeps curation's. */
  version: Integer | null;
}

/** Nodes of one label by id. */
export async function writeNodes(tx: TxRunner, label: NodeLabel, rows: NodeRow[]): Promise<void> {
  // `label` is a NodeLabel (the loader iterates NODE_LABELS), never input: safe to place in the statement.
  await tx.run(
    `Seed.writeNodes${label}`,
    `UNWIND $rows AS row
     MERGE (n:${ENTITY_LABEL} {id: row.id})
     SET n:${label}, n += row.props, n.version = coalesce(row.version, n.version)`,
    { rows },
  );
}

export interface FactRow {
  node: string;
  source: string;
  property: string;
  value: string | Integer;
  props: { excerpt: string; asOf: string | null };
}

/**
 * What a bulk write wrote: the element ids of the relationships it created or set, one per row
 * that found both ends (the aggregates count them by id).
 */
export type Written = string[];

/** Facts (source -ATTESTS-> node), keyed on property and value. */
export async function writeFacts(tx: TxRunner, rows: FactRow[]): Promise<Written> {
  const [result] = await tx.run<{ written: Written }>(
    'Seed.writeFacts',
    `UNWIND $rows AS row
     MATCH (s:${SOURCE_LABEL} {id: row.source}), (n:${ENTITY_LABEL} {id: row.node})
     MERGE (s)-[a:ATTESTS {property: row.property, value: row.value}]->(n)
     SET a.source = row.source, a += row.props
     RETURN collect(elementId(a)) AS written`,
    { rows },
  );
  return result?.written ?? [];
}

export interface RelationshipRow {
  from: string;
  to: string;
  source: string;
  props: Record<string, unknown>;
}

/** Relationships of one type, one per (from, to, source). */
export async function writeRelationships(tx: TxRunner, type: RelationshipType, rows: RelationshipRow[]): Promise<Written> {
  // `type` is a RelationshipType (the loader iterates RELATIONSHIP_TYPE_NAMES): a whitelisted identifier.
  const [result] = await tx.run<{ written: Written }>(
    `Seed.write${type}`,
    `UNWIND $rows AS row
     MATCH (a:${ENTITY_LABEL} {id: row.from}), (b:${ENTITY_LABEL} {id: row.to})
     MERGE (a)-[r:${type} {source: row.source}]->(b)
     SET r += row.props
     RETURN collect(elementId(r)) AS written`,
    { rows },
  );
  return result?.written ?? [];
}

export interface MentionRow {
  source: string;
  node: string;
  start: Integer;
  end: Integer;
  matched: string;
  excerpt: string;
}

/** Mentions as ingest writes them: MERGE on source, node and offsets. */
export async function writeMentions(tx: TxRunner, rows: MentionRow[]): Promise<Written> {
  const [result] = await tx.run<{ written: Written }>(
    'Seed.writeMentions',
    `UNWIND $rows AS row
     MATCH (s:${SOURCE_LABEL} {id: row.source}), (n:${ENTITY_LABEL} {id: row.node})
     MERGE (s)-[r:MENTIONS {start: row.start, end: row.end}]->(n)
     SET r.source = row.source, r.matched = row.matched, r.excerpt = row.excerpt
     RETURN collect(elementId(r)) AS written`,
    { rows },
  );
  return result?.written ?? [];
}

/** Whether the graph holds any domain node (a first start seeds an empty one). */
export async function isPopulated(runner: QueryRunner): Promise<boolean> {
  const [row] = await runner.read<{ populated: boolean }>('Seed.isPopulated', `RETURN EXISTS { MATCH (:${ENTITY_LABEL}) } AS populated`);
  return row?.populated ?? false;
}

/** Whether a Source of one of these files lacks its text (a graph seeded before documents shipped). */
export async function documentsMissing(runner: QueryRunner, files: readonly string[]): Promise<boolean> {
  const [row] = await runner.read<{ missing: boolean }>(
    'Seed.documentsMissing',
    `RETURN EXISTS { MATCH (s:${SOURCE_LABEL}) WHERE s.file IN $files AND s.text IS NULL } AS missing`,
    { files: [...files] },
  );
  return row?.missing ?? false;
}
