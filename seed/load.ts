/**
 * Loads a validated seed into Neo4j: one write transaction, MERGE on ids, so a second run leaves
 * the same graph property for property, and a failure part-way leaves the graph as it was.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import {
  ENTITY_LABEL,
  NODE_LABELS,
  PRIMARY_DATE_FACTS,
  propertyKeysOf,
  RELATIONSHIP_TYPE_NAMES,
  type NodeLabel,
  type RelationshipType,
} from '../src/domain/model.js';
import { int, type QueryRunner, type TxRunner } from '../src/db/query.js';
import type { Logger } from '../src/logger.js';
import { recordChange } from '../src/modules/curation/audit.repository.js';
import { ingestFiles } from '../src/modules/ingest/ingest.service.js';
import { formatProblem, readSeed, type SeedData } from './read-seed.js';
import type { NodeEntry } from './seed-schema.js';
import { PROJECT_ROOT } from '../src/paths.js';

/** A bulk load is one transaction; it may take longer than an API request is allowed. */
const SEED_TIMEOUT_MS = 300_000;

export const SEED_DIR = path.join(PROJECT_ROOT, 'seed/data');
/** The four source documents, as they came (encoding debris included): ingest cleans them. */
export const SEED_DOCUMENTS_DIR = path.join(PROJECT_ROOT, 'seed/documents');

export class SeedValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`The seed has ${problems.length} problem(s); nothing was written:\n${problems.join('\n')}`);
    this.name = 'SeedValidationError';
  }
}

export interface LoadReport {
  nodes: Record<string, number>;
  relationships: Record<string, number>;
}

/** Who loads, under which name, and why: recorded as one :Change in the load's transaction. */
export interface LoadAudit {
  by: string;
  /** What was loaded (a file name), the Change's target. */
  target: string;
  comment?: string | null;
}

export interface LoadOptions {
  audit?: LoadAudit;
}

/** Thrown inside the load transaction when a write found fewer endpoints than validated: rolls it back. */
export class SeedWriteError extends Error {
  override name = 'SeedWriteError';
}

/** The most node slugs one audit record lists. */
export const AUDIT_NODE_CAP = 1000;

/** What a seed (or import) holds, per label and per relationship type: the audit's `after`. */
export function seedCounts(data: SeedData): { nodes: Record<string, number>; relationships: Record<string, number> } {
  const nodes: Record<string, number> = {};
  for (const label of NODE_LABELS) if (data.nodes[label].length) nodes[label] = data.nodes[label].length;
  if (data.sources.length) nodes.Source = data.sources.length;
  const relationships: Record<string, number> = {};
  for (const r of data.relationships) relationships[r.type] = (relationships[r.type] ?? 0) + 1;
  const facts = NODE_LABELS.reduce((n, label) => n + data.nodes[label].reduce((m, node) => m + node.facts.length, 0), 0);
  if (facts) relationships.ATTESTS = facts;
  if (data.mentions?.length) relationships.MENTIONS = data.mentions.length;
  return { nodes, relationships: Object.fromEntries(Object.entries(relationships).sort(([a], [b]) => a.localeCompare(b))) };
}

/** Every node and source slug the data writes or links, sorted, at most AUDIT_NODE_CAP. */
export function touchedSlugs(data: SeedData): string[] {
  const slugs = new Set<string>();
  for (const s of data.sources) slugs.add(s.id);
  for (const label of NODE_LABELS) {
    for (const n of data.nodes[label]) {
      slugs.add(n.id);
      for (const f of n.facts) slugs.add(f.source);
    }
  }
  for (const r of data.relationships) slugs.add(r.from).add(r.to);
  for (const m of data.mentions ?? []) slugs.add(m.source).add(m.node);
  return [...slugs].sort().slice(0, AUDIT_NODE_CAP);
}

/** Text the full-text index reads: the name and every alias, one per line. */
export function searchNamesOf(name: string, aliases: readonly string[]): string {
  return [name, ...aliases].join('\n');
}

/** The headline date of a node: the most precise claim of its first preferred fact property. */
export function primaryDate(label: NodeLabel, node: NodeEntry): string | null {
  for (const property of PRIMARY_DATE_FACTS[label]) {
    const claims = node.facts
      .filter((f) => f.property === property && typeof f.value === 'string')
      .map((f) => f.value as string)
      .sort((a, b) => b.length - a.length || a.localeCompare(b));
    if (claims.length > 0) return claims[0];
  }
  return null;
}

function nodeRow(label: NodeLabel, node: NodeEntry) {
  return {
    id: node.id,
    props: {
      name: node.name,
      aliases: node.aliases,
      searchNames: searchNamesOf(node.name, node.aliases),
      kind: node.kind,
      description: node.description ?? null,
      code: node.code ?? null,
      countryCode: node.countryCode ?? null,
      location: node.location ?? null,
      date: primaryDate(label, node),
    },
    // Only set when given: reloading the seed (which carries no versions) keeps curation's.
    version: node.version === undefined ? null : int(node.version),
  };
}

/**
 * Writes the whole seed (or a validated import) in one transaction, and with `audit` records one
 * :Change for it in the same transaction. Every write counts what it linked; fewer than expected
 * (a node deleted since validation) aborts the transaction, so nothing is half-written.
 */
export async function loadSeed(runner: QueryRunner, data: SeedData, options: LoadOptions = {}): Promise<LoadReport> {
  await runner.writeTransaction(
    'Seed.load',
    async (tx) => {
      await writeSources(tx, data);
      for (const label of NODE_LABELS) await writeNodes(tx, label, data.nodes[label]);
      await writeFacts(tx, data);
      for (const type of RELATIONSHIP_TYPE_NAMES) await writeRelationships(tx, type, data);
      await writeMentions(tx, data);
      if (options.audit) {
        await recordChange(tx, options.audit.by, {
          action: 'import',
          targetKind: 'import',
          target: options.audit.target,
          nodes: touchedSlugs(data),
          before: null,
          after: seedCounts(data),
          comment: options.audit.comment ?? null,
        });
      }
    },
    SEED_TIMEOUT_MS,
  );
  return countGraph(runner);
}

function expectWritten(what: string, written: number | undefined, expected: number): void {
  if ((written ?? 0) !== expected) {
    throw new SeedWriteError(
      `${expected - (written ?? 0)} of ${expected} ${what} found no node or source to attach to (deleted since validation?); nothing was written.`,
    );
  }
}

async function writeSources(tx: TxRunner, data: SeedData) {
  const rows = data.sources.map((s) => ({
    id: s.id,
    props: {
      title: s.title,
      kind: s.kind,
      language: s.language,
      file: s.file ?? null,
      publisher: s.publisher ?? null,
      url: s.url ?? null,
      published: s.published ?? null,
      description: s.description ?? null,
      // Ingest's checksum, length and text are kept when the entry does not carry them (the curated seed).
    },
    checksum: s.checksum ?? null,
    length: s.length === undefined ? null : int(s.length),
    text: s.text ?? null,
  }));
  await tx.run(
    'Seed.writeSources',
    `UNWIND $rows AS row MERGE (s:Source {id: row.id})
     SET s += row.props, s.checksum = coalesce(row.checksum, s.checksum), s.length = coalesce(row.length, s.length),
         s.text = coalesce(row.text, s.text)`,
    { rows },
  );
}

async function writeNodes(tx: TxRunner, label: NodeLabel, nodes: NodeEntry[]) {
  if (nodes.length === 0) return;
  // `label` comes from NODE_LABELS, never from input: safe to place in the statement.
  await tx.run(
    `Seed.writeNodes${label}`,
    `UNWIND $rows AS row
     MERGE (n:${ENTITY_LABEL} {id: row.id})
     SET n:${label}, n += row.props, n.version = coalesce(row.version, n.version)`,
    { rows: nodes.map((n) => nodeRow(label, n)) },
  );
}

async function writeFacts(tx: TxRunner, data: SeedData) {
  const rows = NODE_LABELS.flatMap((label) =>
    data.nodes[label].flatMap((node) =>
      node.facts.map((f) => ({
        node: node.id,
        source: f.source,
        property: f.property,
        // Counts are whole numbers: a plain JS number would be stored as a Neo4j FLOAT.
        value: typeof f.value === 'number' ? int(f.value) : f.value,
        props: { excerpt: f.excerpt, asOf: f.asOf ?? null },
      })),
    ),
  );
  if (rows.length === 0) return;
  const [result] = await tx.run<{ written: number }>(
    'Seed.writeFacts',
    `UNWIND $rows AS row
     MATCH (s:Source {id: row.source}), (n:${ENTITY_LABEL} {id: row.node})
     MERGE (s)-[a:ATTESTS {property: row.property, value: row.value}]->(n)
     SET a.source = row.source, a += row.props
     RETURN count(a) AS written`,
    { rows },
  );
  expectWritten('facts', result?.written, rows.length);
}

async function writeRelationships(tx: TxRunner, type: RelationshipType, data: SeedData) {
  const allowed = propertyKeysOf(type);
  const rows = data.relationships
    .filter((r) => r.type === type)
    .map((r) => ({
      from: r.from,
      to: r.to,
      source: r.source,
      // Every allowed key is set (null when absent) so a property dropped from the seed is removed.
      props: {
        excerpt: r.excerpt,
        asOf: r.asOf ?? null,
        ...Object.fromEntries(allowed.map((key) => [key, r.properties[key] ?? null])),
      },
    }));
  if (rows.length === 0) return;
  // `type` comes from RELATIONSHIP_TYPE_NAMES: a whitelisted identifier.
  const [result] = await tx.run<{ written: number }>(
    `Seed.write${type}`,
    `UNWIND $rows AS row
     MATCH (a:${ENTITY_LABEL} {id: row.from}), (b:${ENTITY_LABEL} {id: row.to})
     MERGE (a)-[r:${type} {source: row.source}]->(b)
     SET r += row.props
     RETURN count(r) AS written`,
    { rows },
  );
  expectWritten(`${type} relationships`, result?.written, rows.length);
}

/** Mentions as ingest writes them: MERGE on source, node and offsets. */
async function writeMentions(tx: TxRunner, data: SeedData) {
  const rows = (data.mentions ?? []).map((m) => ({
    source: m.source,
    node: m.node,
    start: int(m.start),
    end: int(m.end),
    matched: m.matched,
    excerpt: m.excerpt,
  }));
  if (rows.length === 0) return;
  const [result] = await tx.run<{ written: number }>(
    'Seed.writeMentions',
    `UNWIND $rows AS row
     MATCH (s:Source {id: row.source}), (n:${ENTITY_LABEL} {id: row.node})
     MERGE (s)-[r:MENTIONS {start: row.start, end: row.end}]->(n)
     SET r.source = row.source, r.matched = row.matched, r.excerpt = row.excerpt
     RETURN count(r) AS written`,
    { rows },
  );
  expectWritten('mentions', result?.written, rows.length);
}

export async function countGraph(runner: QueryRunner): Promise<LoadReport> {
  const nodeRows = await runner.read<{ label: string; count: number }>(
    'Seed.countNodes',
    `MATCH (n) UNWIND labels(n) AS label WITH label, count(*) AS count
     WHERE label <> '${ENTITY_LABEL}' RETURN label, count ORDER BY label`,
  );
  const relRows = await runner.read<{ type: string; count: number }>(
    'Seed.countRelationships',
    'MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count ORDER BY type',
  );
  return {
    nodes: Object.fromEntries(nodeRows.map((r) => [r.label, r.count])),
    relationships: Object.fromEntries(relRows.map((r) => [r.type, r.count])),
  };
}

/** Validates the curated seed folder; throws SeedValidationError listing every problem. */
export async function readValidSeed(dir = SEED_DIR): Promise<SeedData> {
  const { data, problems } = await readSeed(dir);
  if (problems.length > 0) throw new SeedValidationError(problems.map(formatProblem));
  return data;
}

/** The plain-text documents of a folder (`*.txt`), in file-name order. */
export async function seedDocumentFiles(dir = SEED_DOCUMENTS_DIR): Promise<string[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.txt')).sort();
  return names.map((name) => path.join(dir, name));
}

export class SeedDocumentError extends Error {
  override name = 'SeedDocumentError';
}

/**
 * Ingests the curated documents: their Sources get text, checksum and length, and MENTIONS to
 * every node they name. Idempotent (ingest keys on the checksum and the seed's file names).
 */
export async function ingestSeedDocuments(runner: QueryRunner, dir = SEED_DOCUMENTS_DIR): Promise<void> {
  const outcomes = await ingestFiles(runner, await seedDocumentFiles(dir));
  const skipped = outcomes.filter((o) => o.status === 'skipped');
  if (skipped.length > 0) {
    throw new SeedDocumentError(
      `seed documents not read: ${skipped.map((o) => `${o.file}: ${o.status === 'skipped' ? o.reason : ''}`).join('; ')}`,
    );
  }
}

/** The curated seed as the product ships it: the data, then its documents (text and mentions). */
export async function loadCuratedSeed(runner: QueryRunner, dir = SEED_DIR, documentsDir = SEED_DOCUMENTS_DIR): Promise<LoadReport> {
  await loadSeed(runner, await readValidSeed(dir));
  await ingestSeedDocuments(runner, documentsDir);
  return countGraph(runner);
}

/** Whether a seed document's Source lacks its text (a graph seeded before documents shipped). */
async function documentsMissing(runner: QueryRunner): Promise<boolean> {
  const files = (await seedDocumentFiles()).map((file) => path.basename(file));
  const [row] = await runner.read<{ missing: boolean }>(
    'Seed.documentsMissing',
    `RETURN EXISTS { MATCH (s:Source) WHERE s.file IN $files AND s.text IS NULL } AS missing`,
    { files },
  );
  return row?.missing ?? false;
}

/**
 * On start-up: load the curated seed (data and documents) when asked to, or when the graph has
 * no domain nodes; a graph seeded before the documents shipped gets them ingested.
 */
export async function seedIfNeeded(runner: QueryRunner, mode: 'auto' | 'always' | 'never', logger: Logger): Promise<LoadReport | null> {
  if (mode === 'never') return null;
  if (mode === 'auto') {
    const [row] = await runner.read<{ populated: boolean }>('Seed.isPopulated', `RETURN EXISTS { MATCH (:${ENTITY_LABEL}) } AS populated`);
    if (row?.populated) {
      logger.debug('graph already holds data; seed not loaded (SEED_ON_START=always forces it)');
      if (await documentsMissing(runner)) {
        await ingestSeedDocuments(runner);
        logger.info('seed documents ingested (their Sources had no text yet)');
      }
      return null;
    }
  }
  return loadCuratedSeed(runner);
}
