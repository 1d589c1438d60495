/**
 * Cypher for curation writes. Each function runs inside the caller's write transaction (the
 * service adds the audit record to the same transaction), and every identifier that is not a
 * parameter — labels, relationship types — comes from the model's whitelist.
 */
import { ENTITY_LABEL, NODE_LABELS, type NodeLabel, type RelationshipType } from '../../domain/model.js';
import { type TxRunner, theRow } from '../../db/query.js';
import { entityProjection, type EntityRow } from '../entity/entity.repository.js';
import { countFacts, FACT_COUNT_PARAMS, LOCK_AGGREGATES, lockParams } from '../aggregates/aggregates.repository.js';
import { createChange } from './audit.repository.js';

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

/** Creates a node; a slug already in use fails on the uniqueness constraint. */
export async function createNode(tx: TxRunner, label: NodeLabel, slug: string, props: Record<string, unknown>): Promise<EntityRow> {
  const rows = await tx.run<{ row: EntityRow }>(
    `Curation.create${label}`,
    `CREATE (n:${ENTITY_LABEL}:${label} {id: $slug}) SET n += $props, n.version = 1 RETURN ${entityProjection('n')} AS row`,
    { slug, props, ...labelParams },
  );
  return theRow(rows, `Curation.create${label}`).row;
}

/** Facts to write on a node, and the fact properties its headline date comes from (in order). */
export interface Attestation {
  facts: ReadonlyArray<{ property: string; value: string | number; source: string; excerpt: string; asOf: string | null }>;
  dateProperties: readonly string[];
}

/**
 * Clauses that write `$facts` on node `n`, each MERGEd on (source, property, value) as the seed
 * does, then set its headline date from its facts: the most precise claim of the first of
 * `$dateProperties` it has.
 */
const ATTEST = `CALL (n) {
         UNWIND $facts AS f
         MATCH (s:Source {id: f.source})
         MERGE (s)-[a:ATTESTS {property: f.property, value: f.value}]->(n)
         SET a.source = f.source, a.excerpt = f.excerpt, a.asOf = f.asOf
       }
       CALL (n) {
         OPTIONAL MATCH (:Source)-[a:ATTESTS]->(n) WHERE a.property IN $dateProperties AND a.value IS :: STRING
         WITH a ORDER BY CASE WHEN a IS NULL THEN 999 ELSE reduce(i = -1, k IN range(0, size($dateProperties) - 1) | CASE WHEN $dateProperties[k] = a.property AND i = -1 THEN k ELSE i END) END,
                         size(a.value) DESC, a.value
         RETURN head(collect(a.value)) AS date
       }
       SET n.date = date`;

const attestParams = ({ facts, dateProperties }: Attestation) => ({
  facts: facts.map(({ property, value, source, excerpt, asOf }) => ({ property, value, source, excerpt, asOf })),
  dateProperties: [...dateProperties],
});

/**
 * Creates or updates a node by slug (MERGE under the uniqueness constraint: never two), and
 * writes the facts of `attestation` on it in the same statement. Sent without waiting: the
 * promise is the node as it is after (its headline date moved by the facts).
 */
export function mergeNode(
  tx: TxRunner,
  label: NodeLabel,
  slug: string,
  props: Record<string, unknown>,
  attestation?: Attestation,
): Promise<{ row: EntityRow; created: boolean }> {
  return tx
    .run<{ row: EntityRow; created: boolean }>(
      `Curation.merge${label}`,
      `MERGE (n:${ENTITY_LABEL} {id: $slug})
       ON CREATE SET n:${label}, n.version = 0, n.__created = true
       SET n += $props, n.version = coalesce(n.version, 0) + 1
       WITH n, coalesce(n.__created, false) AS created
       REMOVE n.__created${attestation ? `\n       WITH n, created\n       ${ATTEST}` : ''}
       RETURN ${entityProjection('n')} AS row, created`,
      { slug, props, ...(attestation ? attestParams(attestation) : {}), ...labelParams },
    )
    .then((rows) => theRow(rows, `Curation.merge${label}`));
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

/** A link as its one statement takes it: the claim, what it sets, and the labels its ends may have. */
export interface LinkWrite {
  type: RelationshipType;
  from: string;
  to: string;
  source: string;
  /** The slugs the link names (its ends, its forum): each must exist. */
  slugs: string[];
  /** Set on the claim; a null removes that property. */
  props: Record<string, unknown>;
  fromLabels: readonly string[];
  toLabels: readonly string[];
  /** The audit record's parameter (changeParams), used when the claim is new. */
  change: Record<string, unknown>;
}

/**
 * A link in one statement, its transaction's first (`write(..., { locksFirst: true })`). It takes
 * the aggregates' locks of its two ends, then reads what the caller checks (the label of each
 * named slug that exists, whether the source exists, the claim as it was: null when new). When those checks
 * pass, and only then, it MERGEs the claim on (type, from, to, source), moves the counters from
 * what the claim was to what it is, and records a new claim's audit record (a changed claim's
 * record needs what it was, as JSON: the caller's). The caller rejects what fails the checks,
 * and its transaction rolls back; nothing was written. Under the locks, what it read is what it
 * changed.
 */
export async function mergeLink(
  tx: TxRunner,
  link: LinkWrite,
): Promise<{ labels: Map<string, NodeLabel>; sourceFound: boolean; before: Record<string, unknown> | null }> {
  const slugs = [...new Set(link.slugs)];
  const [row] = await tx.run<{
    named: Array<{ id: string; label: NodeLabel }>;
    sourceFound: boolean;
    before: Record<string, unknown> | null;
  }>(
    `Curation.link${link.type}`,
    `${LOCK_AGGREGATES}
     OPTIONAL MATCH (a:${ENTITY_LABEL} {id: $from})
     OPTIONAL MATCH (b:${ENTITY_LABEL} {id: $to})
     OPTIONAL MATCH (a)-[old:${link.type} {source: $source}]->(b)
     WITH a, b, old, properties(old) AS before,
          COLLECT {
            UNWIND $slugs AS slug MATCH (n:${ENTITY_LABEL} {id: slug})
            RETURN {id: n.id, label: head([l IN labels(n) WHERE l IN $nodeLabels])}
          } AS named,
          EXISTS { MATCH (:Source {id: $source}) } AS sourceFound
     CALL (a, b, old, before, named, sourceFound) {
       WITH a, b, old, before
       WHERE sourceFound AND size(named) = size($slugs)
         AND any(l IN labels(a) WHERE l IN $fromLabels) AND any(l IN labels(b) WHERE l IN $toLabels)
       CALL (old) {
         WITH old WHERE old IS NOT NULL
         WITH [old] AS rs
         ${countFacts(-1)}
       }
       MERGE (a)-[r:${link.type} {source: $source}]->(b)
       SET r += $props
       WITH r, before
       CALL (r) {
         WITH [r] AS rs
         ${countFacts(1)}
       }
       CALL (before) {
         WITH before WHERE before IS NULL
         ${createChange('$change')}
       }
     }
     RETURN named, sourceFound, before`,
    {
      slugs,
      from: link.from,
      to: link.to,
      source: link.source,
      props: link.props,
      fromLabels: [...link.fromLabels],
      toLabels: [...link.toLabels],
      change: link.change,
      ...labelParams,
      ...FACT_COUNT_PARAMS,
      // The claim's facts are its ends'; a forum named in its properties is only read.
      ...lockParams([link.from, link.to]),
    },
  );
  return {
    labels: new Map((row?.named ?? []).map(({ id, label }) => [id, label])),
    sourceFound: row?.sourceFound ?? false,
    before: row?.before ?? null,
  };
}

/**
 * An unlink in one statement, its transaction's first (`write(..., { locksFirst: true })`): takes
 * the aggregates' locks of its ends, deletes one claim (type, from, to, source) and counts it out
 * of the counters. Returns its properties as they were (null when there was no such claim: nothing
 * changed).
 */
export async function deleteLink(
  tx: TxRunner,
  link: { type: RelationshipType; from: string; to: string; source: string },
): Promise<Record<string, unknown> | null> {
  const [row] = await tx.run<{ before: Record<string, unknown> }>(
    `Curation.unlink${link.type}`,
    `${LOCK_AGGREGATES}
     MATCH (:${ENTITY_LABEL} {id: $from})-[r:${link.type} {source: $source}]->(:${ENTITY_LABEL} {id: $to})
     WITH r, properties(r) AS before
     CALL (r) {
       WITH [r] AS rs
       ${countFacts(-1)}
     }
     DELETE r
     RETURN before`,
    { from: link.from, to: link.to, source: link.source, ...FACT_COUNT_PARAMS, ...lockParams([link.from, link.to]) },
  );
  return row?.before ?? null;
}

/**
 * What a write of facts on a node checks, in one statement, its transaction's first
 * (`write(..., { locksFirst: true })`): it takes the node's aggregates' lock, then reads the node
 * (null when no node has the slug), which of the facts' sources exist, and which of the facts (source,
 * property, value) the node has already, by their index in `facts`.
 */
export async function readNodeAndFacts(
  tx: TxRunner,
  slug: string,
  facts: ReadonlyArray<{ source: string; property: string; value: string | number }>,
): Promise<{ node: NodeSnapshot | null; sources: Set<string>; existing: Set<number> }> {
  const [row] = await tx.run<{ row: EntityRow | null; props: Record<string, unknown> | null; sources: string[]; existing: number[] }>(
    'Curation.readNodeAndFacts',
    `${LOCK_AGGREGATES}
     OPTIONAL MATCH (n:${ENTITY_LABEL} {id: $slug})
     RETURN ${entityProjection('n')} AS row, properties(n) AS props,
            COLLECT { UNWIND $sources AS id MATCH (s:Source {id: id}) RETURN s.id } AS sources,
            COLLECT {
              UNWIND range(0, size($facts) - 1) AS i
              WITH i, $facts[i] AS f
              WHERE EXISTS { (:Source {id: f.source})-[:ATTESTS {property: f.property, value: f.value}]->(:${ENTITY_LABEL} {id: $slug}) }
              RETURN i
            } AS existing`,
    {
      slug,
      sources: [...new Set(facts.map((f) => f.source))],
      facts: facts.map(({ source, property, value }) => ({ source, property, value })),
      ...labelParams,
      // Facts on a node are the node's (a source's stripe is taken by whatever moves all of its facts).
      ...lockParams([slug]),
    },
  );
  return {
    node: row?.row && row.props ? { row: row.row, props: row.props } : null,
    sources: new Set(row?.sources ?? []),
    existing: new Set(row?.existing ?? []),
  };
}

/**
 * Attested values on an existing node (ATTEST), in one statement sent without waiting: the
 * promise is the node as it is after.
 */
export function attestOnNode(tx: TxRunner, slug: string, attestation: Attestation): Promise<EntityRow> {
  return tx
    .run<{ row: EntityRow }>(
      'Curation.attestOnNode',
      `MATCH (n:${ENTITY_LABEL} {id: $slug})
       ${ATTEST}
       RETURN ${entityProjection('n')} AS row`,
      { slug, ...attestParams(attestation), ...labelParams },
    )
    .then((rows) => theRow(rows, 'Curation.attestOnNode').row);
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
