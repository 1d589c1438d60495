/**
 * Loads a validated seed into Neo4j: one write transaction, MERGE on ids, so a second run leaves
 * the same graph property for property, and a failure part-way leaves the graph as it was.
 */
import {
  NODE_LABELS,
  PRIMARY_DATE_FACTS,
  RELATIONSHIP_TYPE_NAMES,
  propertyKeysOf,
  type NodeLabel,
  type RelationshipType,
} from '../../domain/model.js';
import { int, type QueryRunner, type TxRunner } from '../../db/query.js';
import { type AggregateScope, existingPart, lockAggregates, withAggregates, writtenScope } from '../aggregates/aggregates.service.js';
import { recordChange } from '../curation/audit.repository.js';
import { countGraph, type GraphCounts } from '../graph/graph.repository.js';
import {
  type Written,
  findExistingIdsIn,
  writeFacts,
  writeMentions,
  writeNodes,
  writeRelationships,
  writeSources,
} from './import.repository.js';
import type { KnownIds } from './read-seed.js';
import type { SeedData } from './seed-entries.js';
import { type NodeEntry, sourceProps } from './seed-schema.js';
import { derivedNameProperties } from '../search/search.names.js';

/** A bulk load is one transaction; it may take longer than an API request is allowed. */
const SEED_TIMEOUT_MS = 300_000;

/** What the graph holds after a load, per label and per relationship type. */
export type LoadReport = GraphCounts;

/** Who loads, under which name, and why: recorded as one :Change in the load's transaction. */
export interface LoadAudit {
  by: string;
  /** What was loaded (a file name), the Change's target. */
  target: string;
  comment?: string | null;
}

/**
 * A check of the data against the graph, made inside the load's transaction after its locks
 * (so what it finds holds until the commit) with the ids the load looks up anyway, in the same
 * statement: `ids` are the ones it needs besides the load's own; `check` throws to refuse the
 * load (the transaction rolls back before anything is written).
 */
export interface LoadCheck {
  ids: readonly string[];
  check(known: KnownIds): void;
}

export interface LoadOptions {
  audit?: LoadAudit;
  check?: LoadCheck;
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

/** The headline date of a node: the most precise claim of its first preferred fact property. */
export function primaryDate(label: NodeLabel, node: NodeEntry): string | null {
  for (const property of PRIMARY_DATE_FACTS[label]) {
    const [best] = node.facts
      .filter((f) => f.property === property && typeof f.value === 'string')
      .map((f) => f.value as string)
      .sort((a, b) => b.length - a.length || a.localeCompare(b));
    if (best !== undefined) return best;
  }
  return null;
}

function nodeRow(label: NodeLabel, node: NodeEntry) {
  return {
    id: node.id,
    props: {
      name: node.name,
      aliases: node.aliases,
      ...derivedNameProperties(node.name, node.aliases),
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
      lockAggregates(tx);
      const { scope, before } = await aggregateScopeOf(tx, data, options.check);
      await withAggregates(
        tx,
        (written) => writtenScope(scope, before, written),
        async () => {
          await loadSources(tx, data);
          for (const label of NODE_LABELS) await loadNodes(tx, label, data.nodes[label]);
          // concat, not push(...ids): an argument list of a few hundred thousand ids overflows the stack.
          let written = await loadFacts(tx, data);
          for (const type of RELATIONSHIP_TYPE_NAMES) written = written.concat(await loadRelationships(tx, type, data));
          return written.concat(await loadMentions(tx, data));
        },
        { before },
      );
      if (options.audit) {
        recordChange(tx, options.audit.by, {
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

/**
 * What a load may change, for the aggregates: its nodes (dates), the pairs its relationships,
 * facts and mentions join, and every relationship of a node it gives a new kind; and the part
 * of that which existed before (only pairs whose ends both exist can hold a relationship).
 * The lookup that tells which exist also serves the load's check, when it has one.
 */
async function aggregateScopeOf(
  tx: TxRunner,
  data: SeedData,
  check: LoadCheck | undefined,
): Promise<{ scope: AggregateScope; before: AggregateScope }> {
  const nodes = NODE_LABELS.flatMap((label) => data.nodes[label]);
  const pairs: Array<[string, string]> = [
    ...data.relationships.map((r): [string, string] => [r.from, r.to]),
    ...nodes.flatMap((n) => n.facts.map((f): [string, string] => [f.source, n.id])),
    ...(data.mentions ?? []).map((m): [string, string] => [m.source, m.node]),
  ];
  const known = await findExistingIdsIn(tx, [
    ...nodes.map((n) => n.id),
    ...data.sources.map((s) => s.id),
    ...pairs.flat(),
    ...(check?.ids ?? []),
  ]);
  check?.check(known);
  const existing = new Set([...known.nodes.keys(), ...known.sources]);
  const scope: AggregateScope = {
    nodes: nodes.map((n) => n.id),
    pairs,
    whole: nodes.filter((n) => known.nodes.has(n.id) && known.nodes.get(n.id)?.kind !== n.kind).map((n) => n.id),
    fresh: [...nodes.map((n) => n.id), ...data.sources.map((s) => s.id)].filter((id) => !existing.has(id)),
  };
  return { scope, before: existingPart(scope, existing) };
}

function expectWritten(what: string, written: Written, expected: number): Written {
  if (written.length !== expected) {
    throw new SeedWriteError(
      `${expected - written.length} of ${expected} ${what} found no node or source to attach to (deleted since validation?); nothing was written.`,
    );
  }
  return written;
}

async function loadSources(tx: TxRunner, data: SeedData) {
  const rows = data.sources.map((s) => ({
    id: s.id,
    // Ingest's checksum, length and text are kept when the entry does not carry them (the curated seed).
    props: { ...sourceProps(s), file: s.file ?? null },
    checksum: s.checksum ?? null,
    length: s.length === undefined ? null : int(s.length),
    text: s.text ?? null,
  }));
  await writeSources(tx, rows);
}

async function loadNodes(tx: TxRunner, label: NodeLabel, nodes: NodeEntry[]) {
  if (nodes.length === 0) return;
  await writeNodes(
    tx,
    label,
    nodes.map((n) => nodeRow(label, n)),
  );
}

async function loadFacts(tx: TxRunner, data: SeedData): Promise<Written> {
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
  if (rows.length === 0) return [];
  return expectWritten('facts', await writeFacts(tx, rows), rows.length);
}

async function loadRelationships(tx: TxRunner, type: RelationshipType, data: SeedData): Promise<Written> {
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
  if (rows.length === 0) return [];
  return expectWritten(`${type} relationships`, await writeRelationships(tx, type, rows), rows.length);
}

/** Mentions as ingest writes them: MERGE on source, node and offsets. */
async function loadMentions(tx: TxRunner, data: SeedData): Promise<Written> {
  const rows = (data.mentions ?? []).map((m) => ({
    source: m.source,
    node: m.node,
    start: int(m.start),
    end: int(m.end),
    matched: m.matched,
    excerpt: m.excerpt,
  }));
  if (rows.length === 0) return [];
  return expectWritten('mentions', await writeMentions(tx, rows), rows.length);
}
