/**
 * Cypher for the dashboard aggregates: counts kept in `:Aggregate` nodes so that a dashboard
 * reads a few hundred counters instead of scanning every relationship. Every write changes them
 * in its own transaction (aggregates.write.ts), by subtracting what the facts it is about to
 * change contributed, and adding what they contribute after the change. The sums are linear, so
 * only the facts a write touches are read, never the graph.
 *
 * | label            | one counter per                                               | serves                              |
 * |------------------|---------------------------------------------------------------|-------------------------------------|
 * | FactsByClass     | domain type, label and kind of both ends                      | group counts by type, label, kind   |
 * | FactsByEvidence  | the same, plus source and year                                | ... and by source, language, year   |
 * | FactsByNode      | node and side (OUT/IN), type, own and other end's label, kind | group counts by node or region      |
 * | DegreeByNode     | node, side and type, over every relationship type             | largest page sizes (query cost)     |
 * | DatedByLabel     | node label and date, over dated nodes and dated facts         | timeline counts                     |
 * | FactsBySource    | source, over every relationship (facts, values, mentions)     | evidence coverage                   |
 *
 * Each counter has a unique `key` (its grouping values joined by "|"; values are whitelisted
 * labels, kinds, slugs and dates, none containing "|") and its values as properties (absent
 * for null). A counter that drops to zero is deleted.
 */
import type { QueryRunner, TxRunner } from '../../db/query.js';
import { int } from '../../db/query.js';
import { ENTITY_LABEL, NODE_LABELS, RELATIONSHIP_TYPE_NAMES, SOURCE_LABEL } from '../../domain/model.js';

export const AGGREGATE_LABEL = 'Aggregate';

/** Bumped when what the counters hold changes: a database with another version is recounted at start-up. */
export const AGGREGATES_VERSION = 1;

const PARAMS = {
  domainTypes: [...RELATIONSHIP_TYPE_NAMES],
  endLabels: [...NODE_LABELS, SOURCE_LABEL],
};

/** What a write may change: the facts to recount before and after it. */
export interface AggregateScope {
  /** Nodes whose own date may change, or that are created or deleted. */
  nodes: readonly string[];
  /** Start and end slugs whose relationships (any type, start to end) may be created, changed or deleted. */
  pairs: ReadonlyArray<readonly [string, string]>;
  /** Nodes or sources all of whose relationships change class (a new kind) or go (a delete). */
  whole: readonly string[];
  /** Nodes or sources whose outgoing relationships are counted (recounting: each relationship once). */
  starts?: readonly string[];
}

/**
 * Takes the aggregates' lock for the rest of the transaction. Writes that change counters
 * queue here, one at a time, so two never read and add the same fact twice; reads never wait.
 */
export async function lockAggregates(tx: TxRunner): Promise<void> {
  await tx.run(
    'Aggregates.lock',
    // Created on the first write: on an empty graph the (no) counters are exact, so it is marked
    // with this version; on a graph written before aggregates existed it is not (start-up recounts).
    `WITH EXISTS { MATCH (:${ENTITY_LABEL}) } OR EXISTS { MATCH (:${SOURCE_LABEL}) } AS populated
     MERGE (s:${AGGREGATE_LABEL}:AggregateState {id: 'aggregates'})
     ON CREATE SET s.version = CASE WHEN populated THEN null ELSE $version END
     SET s._lock = true REMOVE s._lock`,
    { version: int(AGGREGATES_VERSION) },
  );
}

/** Of the given nodes, those stored with another kind than given: a write would move all their facts. */
export async function nodesChangingKind(tx: TxRunner, nodes: ReadonlyArray<{ id: string; kind: string }>): Promise<string[]> {
  if (nodes.length === 0) return [];
  const rows = await tx.run<{ id: string }>(
    'Aggregates.nodesChangingKind',
    `UNWIND $nodes AS given
     MATCH (n:${ENTITY_LABEL} {id: given.id}) WHERE NOT coalesce(n.kind = given.kind, n.kind IS NULL AND given.kind IS NULL)
     RETURN n.id AS id`,
    { nodes: nodes.map((n) => ({ id: n.id, kind: n.kind })) },
  );
  return rows.map((r) => r.id);
}

// One map per fact, with everything any counter groups by.
const FACT_MAP = `{
  type: type(r), domain: type(r) IN $domainTypes,
  a: startNode(r).id, b: endNode(r).id,
  la: head([l IN labels(startNode(r)) WHERE l IN $endLabels]), lb: head([l IN labels(endNode(r)) WHERE l IN $endLabels]),
  ka: CASE WHEN startNode(r):${ENTITY_LABEL} THEN startNode(r).kind END, kb: CASE WHEN endNode(r):${ENTITY_LABEL} THEN endNode(r).kind END,
  source: r.source, year: left(coalesce(r.date, r.since, r.asOf), 4), date: coalesce(r.date, r.since),
  evidence: r.source IS NOT NULL AND coalesce(r.excerpt, '') <> ''
}`;

/** Adds `count * $sign` to a counter found by `key`, creating it with `fields`; deletes it at zero. */
const bump = (label: string, key: string, fields: Record<string, string>) => `
     MERGE (t:${AGGREGATE_LABEL}:${label} {key: ${key}})
     ON CREATE SET ${Object.entries(fields)
       .map(([name, expr]) => `t.${name} = ${expr}`)
       .join(', ')}, t.count = 0
     SET t.count = t.count + $sign * n
     WITH t WHERE t.count = 0 DELETE t`;

const keyOf = (...parts: string[]) => parts.map((p) => `coalesce(${p}, '')`).join(" + '|' + ");

/**
 * Adds (`sign` 1) or subtracts (-1) what the scope's facts and dated nodes contribute to every
 * counter. Called with -1 before a write and 1 after it, on the same scope, in its transaction.
 */
export async function applyAggregateDelta(tx: TxRunner, scope: AggregateScope, sign: 1 | -1): Promise<void> {
  const nodes = [...new Set([...scope.nodes, ...scope.whole])];
  if (nodes.length === 0 && scope.pairs.length === 0 && !scope.starts?.length) return;
  await tx.run(
    'Aggregates.applyDelta',
    `CALL () {
       UNWIND $pairs AS p
       MATCH (:${ENTITY_LABEL}|${SOURCE_LABEL} {id: p[0]})-[r]->(:${ENTITY_LABEL} {id: p[1]})
       RETURN r
       UNION
       UNWIND $whole AS id
       MATCH (:${ENTITY_LABEL}|${SOURCE_LABEL} {id: id})-[r]-()
       RETURN r
       UNION
       UNWIND $starts AS id
       MATCH (:${ENTITY_LABEL}|${SOURCE_LABEL} {id: id})-[r]->()
       RETURN r
     }
     WITH collect(${FACT_MAP}) AS facts
     CALL (facts) {
       UNWIND facts AS f WITH f WHERE f.domain
       WITH f.type AS type, f.la AS la, f.ka AS ka, f.lb AS lb, f.kb AS kb, count(*) AS n
       ${bump('FactsByClass', keyOf('type', 'la', 'ka', 'lb', 'kb'), { type: 'type', startLabel: 'la', startKind: 'ka', endLabel: 'lb', endKind: 'kb' })}
     }
     CALL (facts) {
       UNWIND facts AS f WITH f WHERE f.domain
       WITH f.type AS type, f.la AS la, f.ka AS ka, f.lb AS lb, f.kb AS kb, f.source AS source, f.year AS year, count(*) AS n
       ${bump('FactsByEvidence', keyOf('type', 'la', 'ka', 'lb', 'kb', 'source', 'year'), {
         type: 'type',
         startLabel: 'la',
         startKind: 'ka',
         endLabel: 'lb',
         endKind: 'kb',
         source: 'source',
         year: 'year',
       })}
     }
     CALL (facts) {
       UNWIND facts AS f WITH f WHERE f.domain
       UNWIND [{node: f.a, side: 'OUT', label: f.la, kind: f.ka, otherLabel: f.lb, otherKind: f.kb},
               {node: f.b, side: 'IN', label: f.lb, kind: f.kb, otherLabel: f.la, otherKind: f.ka}] AS e
       WITH f.type AS type, e.node AS node, e.side AS side, e.label AS label, e.kind AS kind, e.otherLabel AS otherLabel, e.otherKind AS otherKind, count(*) AS n
       ${bump('FactsByNode', keyOf('node', 'side', 'type', 'label', 'kind', 'otherLabel', 'otherKind'), {
         node: 'node',
         side: 'side',
         type: 'type',
         label: 'label',
         kind: 'kind',
         otherLabel: 'otherLabel',
         otherKind: 'otherKind',
       })}
     }
     CALL (facts) {
       UNWIND facts AS f
       UNWIND [{node: f.a, label: f.la, side: 'OUT'}, {node: f.b, label: f.lb, side: 'IN'}] AS e
       WITH f.type AS type, e.node AS node, e.label AS label, e.side AS side, count(*) AS n
       ${bump('DegreeByNode', keyOf('label', 'node', 'side', 'type'), { node: 'node', label: 'label', side: 'side', type: 'type' })}
     }
     CALL (facts) {
       UNWIND facts AS f WITH f WHERE f.domain AND f.date IS NOT NULL
       WITH f.lb AS label, f.date AS date, count(*) AS n
       ${bump('DatedByLabel', keyOf('label', 'date'), { label: 'label', date: 'date' })}
     }
     CALL () {
       UNWIND $nodes AS id
       MATCH (n:${ENTITY_LABEL} {id: id}) WHERE n.date IS NOT NULL
       WITH head([l IN labels(n) WHERE l IN $endLabels]) AS label, n.date AS date, count(*) AS n
       ${bump('DatedByLabel', keyOf('label', 'date'), { label: 'label', date: 'date' })}
     }
     CALL (facts) {
       UNWIND facts AS f
       WITH f.source AS source, count(*) AS n, sum(CASE WHEN f.evidence THEN 1 ELSE 0 END) AS e
       MERGE (t:${AGGREGATE_LABEL}:FactsBySource {key: coalesce(source, '')})
       ON CREATE SET t.source = source, t.count = 0, t.withEvidence = 0
       SET t.count = t.count + $sign * n, t.withEvidence = t.withEvidence + $sign * e
       WITH t WHERE t.count = 0 DELETE t
     }`,
    {
      pairs: scope.pairs.map((p) => [...p]),
      whole: [...scope.whole],
      starts: [...(scope.starts ?? [])],
      nodes,
      sign: int(sign),
      ...PARAMS,
    },
  );
}

/** The version the counters were last recounted at (null: never, e.g. a graph loaded by an older release). */
export async function aggregatesVersion(runner: QueryRunner): Promise<number | null> {
  const [row] = await runner.read<{ version: number | null }>(
    'Aggregates.version',
    `OPTIONAL MATCH (s:${AGGREGATE_LABEL}:AggregateState {id: 'aggregates'}) RETURN s.version AS version`,
  );
  return row?.version ?? null;
}

const RECOUNT_BATCH = 2_000;

/**
 * Recounts every counter from the graph: deletes them, then counts each node's and source's
 * outgoing relationships (each relationship once) in batches of its own transactions, and marks
 * the version. For start-up (before the service takes writes) and bulk loaders that write
 * around the API (the benchmark's): a write during the recount could be counted twice.
 */
export async function recountAggregates(runner: QueryRunner): Promise<{ facts: number; counters: number }> {
  for (;;) {
    const [row] = await runner.writeTransaction('Aggregates.clear', (tx) =>
      tx.run<{ deleted: number }>(
        'Aggregates.clear',
        `MATCH (t:${AGGREGATE_LABEL}) WHERE NOT t:AggregateState WITH t LIMIT 20000 DELETE t RETURN count(*) AS deleted`,
      ),
    );
    if ((row?.deleted ?? 0) === 0) break;
  }
  for (const label of [ENTITY_LABEL, SOURCE_LABEL]) {
    let after = '';
    for (;;) {
      const ids = (
        await runner.read<{ id: string }>(
          'Aggregates.recountPage',
          `MATCH (n:${label}) WHERE n.id > $after RETURN n.id AS id ORDER BY n.id LIMIT $limit`,
          { after, limit: int(RECOUNT_BATCH) },
        )
      ).map((r) => r.id);
      if (ids.length === 0) break;
      await runner.writeTransaction('Aggregates.recount', async (tx) => {
        await lockAggregates(tx);
        await applyAggregateDelta(tx, { nodes: label === ENTITY_LABEL ? ids : [], pairs: [], whole: [], starts: ids }, 1);
      });
      after = ids.at(-1)!;
    }
  }
  const [counted] = await runner.writeTransaction('Aggregates.markVersion', (tx) =>
    tx.run<{ facts: number; counters: number }>(
      'Aggregates.markVersion',
      `MERGE (s:${AGGREGATE_LABEL}:AggregateState {id: 'aggregates'}) SET s.version = $version
       WITH s
       CALL () { MATCH (t:FactsBySource) RETURN sum(t.count) AS facts }
       CALL () { MATCH (t:${AGGREGATE_LABEL}) RETURN count(t) - 1 AS counters }
       RETURN facts, counters`,
      { version: int(AGGREGATES_VERSION) },
    ),
  );
  return counted ?? { facts: 0, counters: 0 };
}
