/**
 * Cypher for curation writes. Each function runs inside the caller's write transaction (the
 * service adds the audit record to the same transaction), and every identifier that is not a
 * parameter — labels, relationship types — comes from the model's whitelist.
 */
import { ENTITY_LABEL, NODE_LABELS, type NodeLabel, type RelationshipType } from '../../domain/model.js';
import { type TxRunner, theRow } from '../../db/query.js';
import { entityProjection, type EntityRow } from '../entity/entity.repository.js';

const labelParams = { nodeLabels: [...NODE_LABELS] };

export interface NodeSnapshot {
  row: EntityRow;
  props: Record<string, unknown>;
}

/**
 * Takes the node's write lock for the rest of the transaction (a property set and removed at
 * once), so that what the transaction reads next — its version above all — cannot change
 * before it commits. Concurrent writers of the node queue here, one at a time.
 */
export function lockNode(tx: TxRunner, slug: string): void {
  tx.send('Curation.lockNode', `OPTIONAL MATCH (n:${ENTITY_LABEL} {id: $slug}) SET n._lock = true REMOVE n._lock`, { slug });
}

export async function readNode(tx: TxRunner, slug: string): Promise<NodeSnapshot | null> {
  const [row] = await tx.run<{ row: EntityRow; props: Record<string, unknown> }>(
    'Curation.readNode',
    `MATCH (n:${ENTITY_LABEL} {id: $slug}) RETURN ${entityProjection('n')} AS row, properties(n) AS props`,
    { slug, ...labelParams },
  );
  return row ?? null;
}

/** Of the given source slugs, those that exist. */
export async function existingSources(tx: TxRunner, slugs: readonly string[]): Promise<string[]> {
  const rows = await tx.run<{ slug: string }>(
    'Curation.existingSources',
    'UNWIND $slugs AS slug MATCH (s:Source {id: slug}) RETURN s.id AS slug',
    {
      slugs: [...slugs],
    },
  );
  return rows.map((r) => r.slug);
}

/** Creates a node; a slug already in use fails on the uniqueness constraint. */
export async function createNode(tx: TxRunner, label: NodeLabel, slug: string, props: Record<string, unknown>): Promise<EntityRow> {
  const rows = await tx.run<{ row: EntityRow }>(
    `Curation.create${label}`,
    `CREATE (n:${ENTITY_LABEL}:${label} {id: $slug}) SET n += $props, n.version = 1 RETURN ${entityProjection('n')} AS row`,
    { slug, props, ...labelParams },
  );
  return theRow(rows, `Curation.create${label}`).row;
}

/** Creates or updates a node by slug (MERGE under the uniqueness constraint: never two). */
export async function mergeNode(
  tx: TxRunner,
  label: NodeLabel,
  slug: string,
  props: Record<string, unknown>,
): Promise<{ row: EntityRow; created: boolean }> {
  const rows = await tx.run<{ row: EntityRow; created: boolean }>(
    `Curation.merge${label}`,
    `MERGE (n:${ENTITY_LABEL} {id: $slug})
     ON CREATE SET n:${label}, n.version = 0, n.__created = true
     SET n += $props, n.version = coalesce(n.version, 0) + 1
     WITH n, coalesce(n.__created, false) AS created
     REMOVE n.__created
     RETURN ${entityProjection('n')} AS row, created`,
    { slug, props, ...labelParams },
  );
  return theRow(rows, `Curation.merge${label}`);
}

/** Applies changes only if the version is still the one read; null when it moved on. */
export async function updateNodeAtVersion(
  tx: TxRunner,
  slug: string,
  version: number,
  props: Record<string, unknown>,
): Promise<EntityRow | null> {
  const [row] = await tx.run<{ row: EntityRow }>(
    'Curation.updateNode',
    `MATCH (n:${ENTITY_LABEL} {id: $slug}) WHERE coalesce(n.version, 0) = $version
     SET n += $props, n.version = $version + 1
     RETURN ${entityProjection('n')} AS row`,
    { slug, version, props, ...labelParams },
  );
  return row?.row ?? null;
}

export async function deleteNode(tx: TxRunner, slug: string): Promise<number> {
  const [row] = await tx.run<{ relationships: number }>(
    'Curation.deleteNode',
    `MATCH (n:${ENTITY_LABEL} {id: $slug}) WITH n, COUNT { (n)--() } AS relationships DETACH DELETE n RETURN relationships`,
    { slug },
  );
  return row?.relationships ?? 0;
}

export async function readRelationship(
  tx: TxRunner,
  type: RelationshipType,
  from: string,
  to: string,
  source: string,
): Promise<Record<string, unknown> | null> {
  const [row] = await tx.run<{ props: Record<string, unknown> }>(
    `Curation.read${type}`,
    `MATCH (:${ENTITY_LABEL} {id: $from})-[r:${type} {source: $source}]->(:${ENTITY_LABEL} {id: $to}) RETURN properties(r) AS props`,
    { from, to, source },
  );
  return row?.props ?? null;
}

/**
 * What a link checks before it writes, in one round trip: the labels of the given slugs that
 * exist, whether the source exists, and the claim as it is (null when new).
 */
export async function readLinkContext(
  tx: TxRunner,
  link: { type: RelationshipType; from: string; to: string; source: string; slugs: string[] },
): Promise<{ labels: Map<string, NodeLabel>; sourceFound: boolean; before: Record<string, unknown> | null }> {
  const [row] = await tx.run<{
    labels: Array<{ id: string; label: NodeLabel }>;
    sourceFound: boolean;
    before: Record<string, unknown> | null;
  }>(
    `Curation.readLink${link.type}`,
    `RETURN COLLECT {
              UNWIND $slugs AS slug MATCH (n:${ENTITY_LABEL} {id: slug})
              RETURN {id: n.id, label: head([l IN labels(n) WHERE l IN $nodeLabels])}
            } AS labels,
            EXISTS { MATCH (:Source {id: $source}) } AS sourceFound,
            COLLECT {
              MATCH (:${ENTITY_LABEL} {id: $from})-[r:${link.type} {source: $source}]->(:${ENTITY_LABEL} {id: $to})
              RETURN properties(r)
            }[0] AS before`,
    { slugs: link.slugs, from: link.from, to: link.to, source: link.source, ...labelParams },
  );
  return {
    labels: new Map((row?.labels ?? []).map((r) => [r.id, r.label])),
    sourceFound: row?.sourceFound ?? false,
    before: row?.before ?? null,
  };
}

/**
 * One claim of one source: MERGE on (type, from, to, source); null properties are removed. Sent
 * without waiting (the caller knows what it writes): the caller has read both ends in the same
 * transaction, under the aggregates lock every writer takes, so they are still there.
 */
export function mergeRelationship(
  tx: TxRunner,
  type: RelationshipType,
  from: string,
  to: string,
  source: string,
  props: Record<string, unknown>,
): void {
  tx.send(
    `Curation.merge${type}`,
    `MATCH (a:${ENTITY_LABEL} {id: $from}), (b:${ENTITY_LABEL} {id: $to})
     MERGE (a)-[r:${type} {source: $source}]->(b)
     SET r += $props`,
    { from, to, source, props },
  );
}

export async function deleteRelationship(tx: TxRunner, type: RelationshipType, from: string, to: string, source: string): Promise<void> {
  await tx.run(
    `Curation.delete${type}`,
    `MATCH (:${ENTITY_LABEL} {id: $from})-[r:${type} {source: $source}]->(:${ENTITY_LABEL} {id: $to}) DELETE r`,
    { from, to, source },
  );
}

/** A dated or counted fact: MERGE on (source, property, value), the same key the seed uses. Sent without waiting. */
export function mergeFact(
  tx: TxRunner,
  slug: string,
  property: string,
  value: string | number,
  source: string,
  props: { excerpt: string; asOf: string | null },
): void {
  tx.send(
    'Curation.mergeFact',
    `MATCH (s:Source {id: $source}), (n:${ENTITY_LABEL} {id: $slug})
     MERGE (s)-[a:ATTESTS {property: $property, value: $value}]->(n)
     SET a.source = $source, a += $props`,
    { slug, property, value, source, props },
  );
}

/** Which of these facts (source, property, value) a node has already, by their index in `facts`. */
export async function existingFacts(
  tx: TxRunner,
  slug: string,
  facts: ReadonlyArray<{ source: string; property: string; value: string | number }>,
): Promise<Set<number>> {
  if (facts.length === 0) return new Set();
  const rows = await tx.run<{ i: number }>(
    'Curation.existingFacts',
    `UNWIND range(0, size($facts) - 1) AS i
     WITH i, $facts[i] AS f
     WHERE EXISTS { (:Source {id: f.source})-[:ATTESTS {property: f.property, value: f.value}]->(:${ENTITY_LABEL} {id: $slug}) }
     RETURN i`,
    { slug, facts: facts.map(({ source, property, value }) => ({ source, property, value })) },
  );
  return new Set(rows.map((r) => r.i));
}

/**
 * Recomputes a node's headline date from its facts (most precise claim of the preferred
 * property) and returns the node as it is now.
 */
export async function refreshHeadlineDate(tx: TxRunner, slug: string, properties: readonly string[]): Promise<EntityRow> {
  const rows = await tx.run<{ row: EntityRow }>(
    'Curation.refreshHeadlineDate',
    `MATCH (n:${ENTITY_LABEL} {id: $slug})
     OPTIONAL MATCH (:Source)-[a:ATTESTS]->(n) WHERE a.property IN $properties AND a.value IS :: STRING
     WITH n, a ORDER BY CASE WHEN a IS NULL THEN 999 ELSE reduce(i = -1, k IN range(0, size($properties) - 1) | CASE WHEN $properties[k] = a.property AND i = -1 THEN k ELSE i END) END,
                        size(a.value) DESC, a.value
     WITH n, head(collect(a.value)) AS date
     SET n.date = date
     RETURN ${entityProjection('n')} AS row`,
    { slug, properties: [...properties], ...labelParams },
  );
  return theRow(rows, 'Curation.refreshHeadlineDate').row;
}

export async function mergeSource(
  tx: TxRunner,
  slug: string,
  props: Record<string, unknown>,
): Promise<{ before: Record<string, unknown> | null }> {
  const [row] = await tx.run<{ before: Record<string, unknown> | null }>(
    'Curation.mergeSource',
    `OPTIONAL MATCH (old:Source {id: $slug})
     WITH properties(old) AS before
     MERGE (s:Source {id: $slug}) SET s += $props
     RETURN before`,
    { slug, props },
  );
  return { before: row?.before ?? null };
}
