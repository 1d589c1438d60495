/**
 * Cypher for the dashboard aggregates: counts kept in `:Aggregate` nodes so that a dashboard
 * reads a few hundred counters instead of scanning every relationship. Every write changes them
 * in its own transaction (aggregates.service.ts), by subtracting what the facts it is about to
 * change contributed, and adding what they contribute after the change. The sums are linear, so
 * only the facts a write touches are read, never the graph.
 *
 * | label            | one counter per                                               | serves                              |
 * |------------------|---------------------------------------------------------------|-------------------------------------|
 * | FactsByClass     | domain type, label and kind of both ends                      | group counts by type, label, kind   |
 * | FactsByEvidence  | domain type, source and year                                  | by type, source, language, year     |
 * | FactsByNode      | node and side (OUT/IN), type, own and other end's label, kind | group counts by node or region      |
 * | DegreeByNode     | node, side and type, over every relationship type             | largest page sizes (query cost)     |
 * | DatedByLabel     | node label and date, over dated nodes and dated facts         | timeline counts                     |
 * | FactsBySource    | source, over every relationship (facts, values, mentions)     | evidence coverage                   |
 *
 * Each counter has a unique `key` (its grouping values joined by "|"; values are whitelisted
 * labels, kinds, slugs and dates, none containing "|") and its values as properties (absent
 * for null). A counter at zero is deleted by a write that holds every lock, and skipped by
 * every read (see `bump`).
 */
import type { QueryRunner, TxRunner } from '../../db/query.js';
import { int } from '../../db/query.js';
import { AGGREGATE_LABEL, ENTITY_LABEL, NODE_LABELS, RELATIONSHIP_TYPE_NAMES, SOURCE_LABEL } from '../../domain/model.js';

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
  /**
   * Start and end slugs whose relationships (start to end) may be created, changed or deleted;
   * with a type and a source (each or null), only those relationships.
   */
  pairs: ReadonlyArray<readonly [string, string] | readonly [string, string, string | null, string | null]>;
  /** Nodes or sources all of whose relationships change class (a new kind) or go (a delete). */
  whole: readonly string[];
  /** Relationships by element id: what a bulk write reports it wrote, counted without a lookup by their ends. */
  relationships?: readonly string[];
  /**
   * Nodes and sources the write creates: they have no counters of their own yet, so counting
   * them in creates their counters without looking them up (most of a bulk import's counters).
   */
  fresh?: readonly string[];
}

/**
 * The locks: a write that changes counters first locks a stripe of every node whose facts it
 * changes (a link: both ends; facts on a node: the node), or every stripe (a bulk write, a new
 * kind or a delete, which move every fact of a node and so of its neighbours). Two writes of
 * the same facts so take the same stripe, one after the other, and what each reads before it
 * writes is what it changes; writes of other nodes go on side by side. The counters they share
 * (a class, a source, a date) take Neo4j's own write lock from their update to the commit.
 * Stripes are taken in ascending order, so waits for them form no cycle (a write that takes
 * more later, as an upsert that turns out to change a node's kind, may deadlock: Neo4j detects
 * it, and the transaction is retried).
 */
const LOCK_STRIPES = 64;
const ALL_STRIPES = Array.from({ length: LOCK_STRIPES }, (_, stripe) => stripe);

/** A slug's stripe: FNV-1a over its UTF-16 code units. */
function stripeOf(slug: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < slug.length; i++) hash = Math.imul(hash ^ slug.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % LOCK_STRIPES;
}

/** The stripes a write locks: those of the given slugs, or all of them. */
export const lockStripes = (slugs?: readonly string[]): number[] =>
  slugs ? [...new Set(slugs.map(stripeOf))].sort((a, b) => a - b) : ALL_STRIPES;

// Also creates the state node on the first write: on an empty graph the (no) counters are exact,
// so it is marked with this version; on a graph written before aggregates existed it is not
// (start-up recounts). Lock nodes are created as first needed.
const LOCK = `WITH EXISTS { MATCH (:${ENTITY_LABEL}) } OR EXISTS { MATCH (:${SOURCE_LABEL}) } AS populated
     MERGE (s:${AGGREGATE_LABEL}:AggregateState {id: 'aggregates'})
     ON CREATE SET s.version = CASE WHEN populated THEN null ELSE $aggregatesVersion END
     WITH s
     UNWIND $lockStripes AS stripe
     MERGE (lock:${AGGREGATE_LABEL}:AggregateLock {id: stripe})
     SET lock._lock = true REMOVE lock._lock`;

/** The aggregates' own nodes that are not counters: the state and the locks. */
const NOT_A_COUNTER = (t: string) => `NOT ${t}:AggregateState AND NOT ${t}:AggregateLock`;

/**
 * Takes the aggregates' locks for the rest of the transaction: the stripes of `slugs`, or all.
 * Writes that change the same facts queue here, one at a time, so two never read and add the
 * same fact twice; reads never wait.
 */
export function lockAggregates(tx: TxRunner, slugs?: readonly string[]): void {
  tx.send('Aggregates.lock', LOCK, lockParams(slugs));
}

/**
 * The aggregates' locks as the first clause of a write's own statement (with the parameters
 * `lockParams(slugs)`), for a write that saves the lock a statement of its own (a link's).
 * Its transaction takes them there instead of `lockAggregates`, before it reads anything.
 */
export const LOCK_AGGREGATES = `CALL () {
       ${LOCK}
     }`;
export const lockParams = (slugs?: readonly string[]) => ({
  aggregatesVersion: int(AGGREGATES_VERSION),
  lockStripes: lockStripes(slugs).map((stripe) => int(stripe)),
});

const labelOf = (node: string) => `head([l IN labels(${node}) WHERE l IN $endLabels])`;
const kindOf = (node: string) => `CASE WHEN ${node}:${ENTITY_LABEL} THEN ${node}.kind END`;
const ANY_NODE = `${ENTITY_LABEL}|${SOURCE_LABEL}`;

/**
 * The relationships a delta counts, each once, collected as `rs`: those joining the scope's pairs,
 * every relationship of its whole nodes, and those named by element id. Found once and shared
 * by every counter's part (a part that matched them again would look every pair up once per
 * counter family).
 */
const DELTA_SHARED = `CALL () {
         UNWIND $pairs AS p
         MATCH (:${ANY_NODE} {id: p[0]})-[r]->(:${ENTITY_LABEL} {id: p[1]})
         WHERE (p[2] IS NULL OR type(r) = p[2]) AND (p[3] IS NULL OR r.source = p[3])
         RETURN r
         UNION
         UNWIND $whole AS id
         MATCH (:${ANY_NODE} {id: id})-[r]-()
         RETURN r
         UNION
         UNWIND $relationships AS id
         MATCH ()-[r]->() WHERE elementId(r) = id
         RETURN r
       }
     WITH collect(r) AS rs`;
/** Each of the delta's relationships (`r`). */
const DELTA_FACTS = 'UNWIND rs AS r';
/** Each of those seen from both ends: node `n`, `side` OUT or IN, relationship `r`, other end `m`. */
const DELTA_ENDS = `UNWIND rs AS r
       UNWIND [[startNode(r), 'OUT', endNode(r)], [endNode(r), 'IN', startNode(r)]] AS end
       WITH end[0] AS n, end[1] AS side, r, end[2] AS m`;
/** A recount's relationships: those starting at the batch's nodes (each relationship has one start). */
const RECOUNT_FACTS = `UNWIND $batch AS id
       MATCH (:${ANY_NODE} {id: id})-[r]->()`;
/** A recount's ends: every relationship of the batch's nodes, from their side (the other end's counters are its own batch's). */
const RECOUNT_ENDS = `UNWIND $batch AS id
       MATCH (n:${ANY_NODE} {id: id})
       CALL (n) {
         MATCH (n)-[r]->(m) RETURN 'OUT' AS side, r, m
         UNION ALL
         MATCH (n)<-[r]-(m) RETURN 'IN' AS side, r, m
       }`;

/** The clause that moves one family of counters by `delta * sign`, each found or made by `key` with `fields`. */
type CounterClause = (label: string, key: string, fields: Record<string, string>, sign: string, purge: string) => string;

/**
 * Adds `delta * sign` to a counter found by `key`, creating it with `fields`; deletes it at zero
 * when `purge` holds. Only a write that holds every lock may delete one: a counter deleted while
 * another writer's MERGE has found it takes that writer's update with it (Neo4j lets the SET on
 * the deleted node pass). Any other write leaves it at zero, and reads skip counters at zero.
 */
const bump: CounterClause = (label, key, fields, sign, purge) => `
       MERGE (t:${AGGREGATE_LABEL}&${label} {key: ${key}})
       ON CREATE SET ${Object.entries(fields)
         .map(([name, expr]) => `t.${name} = ${expr}`)
         .join(', ')}, t.count = 0
       SET t.count = t.count + ${sign} * delta
       WITH t WHERE t.count = 0 AND ${purge} DELETE t`;

/** Creates a counter that cannot exist yet (a recount's own counters of the batch's nodes): no lookup. */
const create: CounterClause = (label, key, fields) => `
       CREATE (t:${AGGREGATE_LABEL}&${label} {key: ${key}, ${Object.entries(fields)
         .map(([name, expr]) => `${name}: ${expr}`)
         .join(', ')}, count: delta})`;

/**
 * A node's own counter in a delta: created when the node is one the write creates (`$fresh`,
 * nothing to look up), merged otherwise. Both run in unit subqueries, each keeping its rows.
 */
const bumpOrCreate: CounterClause = (label, key, fields, sign, purge) => `
       CALL (*) {
         WITH * WHERE node IN $fresh ${create(label, key, fields, sign, purge)}
       }
       CALL (*) {
         WITH * WHERE NOT node IN $fresh ${bump(label, key, fields, sign, purge)}
       }`;

const keyOf = (...parts: string[]) => parts.map((p) => `coalesce(${p}, '')`).join(" + '|' + ");

/** Where a count statement's relationships come from. */
interface CountedFacts {
  /** Runs once before the parts: what they share (the delta's relationships), or nothing. */
  shared: string;
  /** The shared variables each part imports: `()` when nothing is shared. */
  imports: string;
  /** Rows of relationships `r`, each once. */
  facts: string;
  /** Rows of relationship ends: node `n`, `side`, relationship `r`, other end `m`. */
  ends: string;
  /** How a node's own counters change: merged (a delta), created when fresh, or created (a recount's batch). */
  endCounter: CounterClause;
  /** Counted in (`1`, or `$sign` when it is 1) or out (`-1`, or `$sign` when it is -1). */
  sign: string;
  /** Whether counters that reach zero are deleted (`$purge`, or `false`): see `bump`. */
  purge: string;
  /** Whether the dated nodes of `$nodes` are counted too (their own dates). */
  datedNodes: boolean;
}

/**
 * Every counter's change for a set of relationships (`facts`, each once) and of relationship
 * ends (`ends`, each relationship from the side of the node whose counters it moves), as one
 * statement of streaming aggregations: beyond the delta's list of relationship references (a
 * hub's 100k relationships pass in the benchmark graph), memory grows with the counters touched.
 */
const countStatement = ({ shared, imports, facts, ends, endCounter, sign, purge, datedNodes }: CountedFacts) => `${shared}
     CALL ${imports} {
       ${facts}
       WITH r, startNode(r) AS a, endNode(r) AS b WHERE type(r) IN $domainTypes
       WITH type(r) AS type, ${labelOf('a')} AS la, ${kindOf('a')} AS ka, ${labelOf('b')} AS lb, ${kindOf('b')} AS kb, count(*) AS delta
       ${bump('FactsByClass', keyOf('type', 'la', 'ka', 'lb', 'kb'), { type: 'type', startLabel: 'la', startKind: 'ka', endLabel: 'lb', endKind: 'kb' }, sign, purge)}
     }
     CALL ${imports} {
       ${facts}
       WITH r, startNode(r) AS a, endNode(r) AS b WHERE type(r) IN $domainTypes
       WITH type(r) AS type, r.source AS source, left(coalesce(r.date, r.since, r.asOf), 4) AS year, count(*) AS delta
       ${bump('FactsByEvidence', keyOf('type', 'source', 'year'), { type: 'type', source: 'source', year: 'year' }, sign, purge)}
     }
     CALL ${imports} {
       ${facts}
       WITH r WHERE type(r) IN $domainTypes AND coalesce(r.date, r.since) IS NOT NULL
       WITH ${labelOf('endNode(r)')} AS label, coalesce(r.date, r.since) AS date, count(*) AS delta
       ${bump('DatedByLabel', keyOf('label', 'date'), { label: 'label', date: 'date' }, sign, purge)}
     }
     CALL ${imports} {
       ${facts}
       WITH r.source AS source, count(*) AS delta,
            sum(CASE WHEN r.source IS NOT NULL AND coalesce(r.excerpt, '') <> '' THEN 1 ELSE 0 END) AS withEvidence
       MERGE (t:${AGGREGATE_LABEL}&FactsBySource {key: coalesce(source, '')})
       ON CREATE SET t.source = source, t.count = 0, t.withEvidence = 0
       SET t.count = t.count + ${sign} * delta, t.withEvidence = t.withEvidence + ${sign} * withEvidence
       WITH t WHERE t.count = 0 AND ${purge} DELETE t
     }
     CALL ${imports} {
       ${ends}
       WITH n, side, r, m WHERE type(r) IN $domainTypes
       WITH n.id AS node, side, type(r) AS type, ${labelOf('n')} AS label, ${kindOf('n')} AS kind,
            ${labelOf('m')} AS otherLabel, ${kindOf('m')} AS otherKind, count(*) AS delta
       ${endCounter(
         'FactsByNode',
         keyOf('node', 'side', 'type', 'label', 'kind', 'otherLabel', 'otherKind'),
         {
           node: 'node',
           side: 'side',
           type: 'type',
           label: 'label',
           kind: 'kind',
           otherLabel: 'otherLabel',
           otherKind: 'otherKind',
         },
         sign,
         purge,
       )}
     }
     CALL ${imports} {
       ${ends}
       WITH n.id AS node, ${labelOf('n')} AS label, side, type(r) AS type, count(*) AS delta
       ${endCounter('DegreeByNode', keyOf('label', 'node', 'side', 'type'), { node: 'node', label: 'label', side: 'side', type: 'type' }, sign, purge)}
     }${
       datedNodes
         ? `
     CALL () {
       UNWIND $nodes AS id
       MATCH (n:${ENTITY_LABEL} {id: id}) WHERE n.date IS NOT NULL
       WITH ${labelOf('n')} AS label, n.date AS date, count(*) AS delta
       ${bump('DatedByLabel', keyOf('label', 'date'), { label: 'label', date: 'date' }, sign, purge)}
     }`
         : ''
     }`;

const DELTA = { imports: '(rs)', facts: DELTA_FACTS, ends: DELTA_ENDS, endCounter: bump };
const DELTA_STATEMENT = countStatement({
  ...DELTA,
  shared: DELTA_SHARED,
  endCounter: bumpOrCreate,
  sign: '$sign',
  purge: '$purge',
  datedNodes: true,
});
// A recount creates each node's own counters once, in its batch: every other counter is merged.
const RECOUNT_STATEMENT = countStatement({
  shared: '',
  imports: '()',
  facts: RECOUNT_FACTS,
  ends: RECOUNT_ENDS,
  endCounter: create,
  sign: '1',
  purge: 'false',
  datedNodes: true,
});

/**
 * Counts the relationships of the list `rs` in (`sign` 1) or out (-1) of every counter, inside
 * the caller's own statement, which has `rs` in scope and the parameters FACT_COUNT_PARAMS. For a
 * write that changes one known relationship and so needs no statement of its own for the
 * counters (a link: `CALL (r) { WITH [r] AS rs ${countFacts(1)} }`).
 */
export const countFacts = (sign: 1 | -1) => countStatement({ ...DELTA, shared: '', sign: String(sign), purge: 'false', datedNodes: false });
export const FACT_COUNT_PARAMS = PARAMS;

/**
 * Adds (`sign` 1) or subtracts (-1) what the scope's facts and dated nodes contribute to every
 * counter. Called with -1 before a write and 1 after it, in its transaction (withAggregates).
 */
export function applyAggregateDelta(tx: TxRunner, scope: AggregateScope, sign: 1 | -1): void {
  const nodes = [...new Set([...scope.nodes, ...scope.whole])];
  const relationships = scope.relationships ?? [];
  if (nodes.length === 0 && scope.pairs.length === 0 && relationships.length === 0) return;
  tx.send('Aggregates.applyDelta', DELTA_STATEMENT, {
    pairs: scope.pairs.map((p) => [...p]),
    whole: [...scope.whole],
    relationships: [...relationships],
    nodes,
    // Only counted in: what a write creates had nothing to count out.
    fresh: sign === 1 ? [...(scope.fresh ?? [])] : [],
    // A write that moves every fact of a node (a new kind, a delete) holds every lock: see `bump`.
    purge: scope.whole.length > 0,
    sign: int(sign),
    ...PARAMS,
  });
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
 * Recounts every counter from the graph: deletes them, then counts batches of nodes and sources,
 * each in its own transaction (their outgoing relationships for the counters of facts, each
 * relationship once; all of theirs for their own counters), and marks the version. For start-up (before the service takes writes) and bulk loaders that write
 * around the API (the benchmark's): a write during the recount could be counted twice.
 */
export async function recountAggregates(runner: QueryRunner): Promise<{ facts: number; counters: number }> {
  for (;;) {
    const [row] = await runner.writeTransaction('Aggregates.clear', (tx) =>
      tx.run<{ deleted: number }>(
        'Aggregates.clear',
        `MATCH (t:${AGGREGATE_LABEL}) WHERE ${NOT_A_COUNTER('t')} WITH t LIMIT 20000 DELETE t RETURN count(*) AS deleted`,
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
        lockAggregates(tx);
        await tx.run('Aggregates.recountBatch', RECOUNT_STATEMENT, {
          batch: ids,
          nodes: label === ENTITY_LABEL ? ids : [],
          sign: int(1),
          ...PARAMS,
        });
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
       CALL () { MATCH (t:${AGGREGATE_LABEL}) WHERE ${NOT_A_COUNTER('t')} RETURN count(t) AS counters }
       RETURN facts, counters`,
      { version: int(AGGREGATES_VERSION) },
    ),
  );
  return counted ?? { facts: 0, counters: 0 };
}
