/**
 * A fingerprint of (part of) the graph: a sha256 over a canonical serialisation of its nodes
 * (labels sorted, every property sorted by key) and relationships (type, start id, end id, every
 * property sorted by key). Two graphs with the same fingerprint hold the same data property for
 * property, whatever their internal element ids; a load or ingest that "changes nothing" must
 * leave it as it was.
 *
 * Cypher (graph.repository.ts, readCanonicalGraph) selects the nodes and relationships and puts
 * labels and properties in canonical order; Node hashes the rows (Cypher has no hash function without APOC).
 */
import { createHash } from 'node:crypto';
import type { QueryRunner } from '../../db/query.js';
import { NODE_LABELS } from '../../domain/model.js';
import type { SeedData } from '../import/seed-entries.js';
import { readCanonicalGraph, type FingerprintScope } from './graph.repository.js';

/**
 * The sha256 (hex) of the whole graph, or only the given nodes and sources and the relationships whose
 * both ends are among them (so data other tests or users write elsewhere does not count).
 */
export async function graphFingerprint(cypher: QueryRunner, scope?: FingerprintScope): Promise<string> {
  const { nodes, relationships } = await readCanonicalGraph(cypher, scope);

  // One line per node and per relationship; sorting the lines makes the order canonical.
  const lines = [
    ...nodes.map((n) => JSON.stringify(['node', n.id, n.labels, n.props])),
    ...relationships.map((r) => JSON.stringify(['relationship', r.type, r.start, r.end, r.props])),
  ].sort();
  const hash = createHash('sha256');
  for (const line of lines) hash.update(line).update('\n');
  return hash.digest('hex');
}

/** The part of the graph a seed folder writes: its domain nodes and its sources. */
export function seedScope(data: SeedData): Required<FingerprintScope> {
  return {
    nodeIds: NODE_LABELS.flatMap((label) => data.nodes[label].map((n) => n.id)),
    sourceIds: data.sources.map((s) => s.id),
  };
}
