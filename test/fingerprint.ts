/**
 * A fingerprint of (part of) the graph: a sha256 over a canonical serialisation of its nodes
 * (labels sorted, every property sorted by key) and relationships (type, start id, end id, every
 * property sorted by key). Two graphs with the same fingerprint hold the same data property for
 * property, whatever their internal element ids; a load or ingest that "changes nothing" must
 * leave it as it was.
 *
 * Cypher selects the nodes and relationships and puts labels and properties in canonical order;
 * Node hashes the rows (Cypher has no hash function without APOC). A test instrument: the
 * service never needs it (test/knowledge-graph/fingerprint.test.ts checks the instrument itself).
 */
import { createHash } from 'node:crypto';
import type { QueryRunner } from '../src/db/query.js';
import { ENTITY_LABEL, NODE_LABELS, SOURCE_LABEL } from '../src/domain/model.js';
import type { SeedData } from '../src/modules/import/seed-entries.js';

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
    : 'MATCH (n) WHERE NOT n:Aggregate'; // the dashboard counters are derived from the graph, not part of it
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
