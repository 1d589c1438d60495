/**
 * Cypher for dashboards: relationship counts grouped by keys, the timeline and its counts per
 * period, and evidence coverage. Every count is made in the database: only groups, periods and
 * sources travel, never the items counted.
 *
 * Counts are read from the aggregates every write maintains (src/modules/aggregates), so they
 * cost in proportion to the groups, not to the graph. The `...ByScan` twins count the
 * relationships themselves: group-bys no aggregate holds (a node or region at both ends, or a
 * node with source or year) use them, and the tests compare both after writes.
 */
import { ENTITY_LABEL, type NodeLabel, RELATIONSHIP_TYPES, type RelationshipType } from '../../domain/model.js';
import type { QueryRunner } from '../../db/query.js';
import { int } from '../../db/query.js';
import { NODE_LABEL_PARAM, entityProjection, type EntityRow } from '../entity/entity.repository.js';
import { relationshipProjection, typesOrAll, type RelationshipRow } from './analytics.repository.js';

/**
 * Group-by keys for relationship counts. Each is a fixed Cypher expression over the
 * relationship `r` and its ends `a` (start) and `b` (end): clients choose keys, never text.
 */
export const GROUP_KEYS = {
  TYPE: 'type(r)',
  START_NODE: 'a.id',
  END_NODE: 'b.id',
  START_LABEL: `head([l IN labels(a) WHERE l IN $nodeLabels])`,
  END_LABEL: `head([l IN labels(b) WHERE l IN $nodeLabels])`,
  START_KIND: 'a.kind',
  END_KIND: 'b.kind',
  START_REGION: `head([(a)-[:PART_OF]->(g:Actor {kind: 'region'}) | g.id])`,
  END_REGION: `head([(b)-[:PART_OF]->(g:Actor {kind: 'region'}) | g.id])`,
  SOURCE: 'r.source',
  // A subquery, not a pattern comprehension: Neo4j refuses a comprehension over a lone node.
  SOURCE_LANGUAGE: 'COLLECT { MATCH (s:Source {id: r.source}) RETURN s.language LIMIT 1 }[0]',
  YEAR: 'left(coalesce(r.date, r.since, r.asOf), 4)',
} as const;
export type GroupKey = keyof typeof GROUP_KEYS;

export interface GroupCountRow {
  keys: Array<string | null>;
  count: number;
}

export interface GroupCountArgs {
  types: readonly RelationshipType[] | null;
  groupBy: readonly GroupKey[];
  startLabels: readonly NodeLabel[] | null;
  endLabels: readonly NodeLabel[] | null;
  orderByCount: boolean;
  limit: number;
}

/** Keys read from a node at one end (its slug, or its region through PART_OF). */
const START_NODE_KEYS: ReadonlySet<GroupKey> = new Set(['START_NODE', 'START_REGION']);
const END_NODE_KEYS: ReadonlySet<GroupKey> = new Set(['END_NODE', 'END_REGION']);
const EVIDENCE_KEYS: ReadonlySet<GroupKey> = new Set(['SOURCE', 'SOURCE_LANGUAGE', 'YEAR']);

const regionOf = (slug: string) =>
  `COLLECT { MATCH (:${ENTITY_LABEL} {id: ${slug}})-[:PART_OF]->(g:Actor {kind: 'region'}) RETURN g.id }[0]`;
const languageOf = (source: string) => `COLLECT { MATCH (s:Source {id: ${source}}) RETURN s.language LIMIT 1 }[0]`;

/**
 * Where a group-by is counted: which aggregate, and each key as an expression over its counter
 * `t`. `onePerGroup`: each counter is one whole group (no sum), so the largest groups come first
 * straight from the counters' (type, side, count) index.
 */
type CountPlan = { label: string; where: string[]; keys: Record<GroupKey, string | null>; onePerGroup: boolean } | null;

const CLASS_KEYS: ReadonlySet<GroupKey> = new Set(['START_LABEL', 'END_LABEL', 'START_KIND', 'END_KIND']);

function planGroupCount(args: GroupCountArgs): CountPlan {
  const keys = new Set(args.groupBy);
  const has = (key: GroupKey) => keys.has(key);
  const atStart = [...keys].some((k) => START_NODE_KEYS.has(k));
  const atEnd = [...keys].some((k) => END_NODE_KEYS.has(k));
  const byEvidence = [...keys].some((k) => EVIDENCE_KEYS.has(k));
  const none = Object.fromEntries(Object.keys(GROUP_KEYS).map((k) => [k, null])) as Record<GroupKey, string | null>;
  if (!atStart && !atEnd && !byEvidence) {
    return {
      label: 'FactsByClass',
      where: [...(args.startLabels ? ['t.startLabel IN $startLabels'] : []), ...(args.endLabels ? ['t.endLabel IN $endLabels'] : [])],
      keys: {
        ...none,
        TYPE: 't.type',
        START_LABEL: 't.startLabel',
        END_LABEL: 't.endLabel',
        START_KIND: 't.startKind',
        END_KIND: 't.endKind',
      },
      onePerGroup: false,
    };
  }
  if (!atStart && !atEnd) {
    // Source and year are counted per type only: with a label or kind too, the relationships are counted.
    if (args.startLabels || args.endLabels || [...keys].some((k) => CLASS_KEYS.has(k))) return null;
    return {
      label: 'FactsByEvidence',
      where: [],
      keys: { ...none, TYPE: 't.type', SOURCE: 't.source', SOURCE_LANGUAGE: languageOf('t.source'), YEAR: 't.year' },
      onePerGroup: false,
    };
  }
  if ((atStart && atEnd) || byEvidence) return null;
  // One end's node: its counters (side OUT for the start, IN for the end) hold the other end's class.
  const own = atStart ? 'START' : 'END';
  const other = atStart ? 'END' : 'START';
  const ownLabels = atStart ? args.startLabels : args.endLabels;
  const otherLabels = atStart ? args.endLabels : args.startLabels;
  // A counter is one group when the keys fix everything it is kept by: the node (its label and
  // kind follow), the type, and the other end's kind and label (or the types allow one label).
  const types = typesOrAll(args.types);
  const otherEndLabels = new Set(types.flatMap((t) => RELATIONSHIP_TYPES[t][atStart ? 'to' : 'from']));
  const onePerGroup =
    has(`${own}_NODE`) &&
    (has('TYPE') || types.length === 1) &&
    has(`${other}_KIND`) &&
    (has(`${other}_LABEL`) || otherEndLabels.size === 1 || otherLabels?.length === 1);
  return {
    label: 'FactsByNode',
    where: [
      `t.side = '${atStart ? 'OUT' : 'IN'}'`,
      ...(ownLabels ? [`t.label IN $${atStart ? 'startLabels' : 'endLabels'}`] : []),
      ...(otherLabels ? [`t.otherLabel IN $${atStart ? 'endLabels' : 'startLabels'}`] : []),
    ],
    keys: {
      ...none,
      TYPE: 't.type',
      [`${own}_NODE`]: 't.node',
      [`${own}_REGION`]: regionOf('t.node'),
      [`${own}_LABEL`]: 't.label',
      [`${own}_KIND`]: 't.kind',
      [`${other}_LABEL`]: 't.otherLabel',
      [`${other}_KIND`]: 't.otherKind',
    },
    onePerGroup,
  };
}

/** Relationship counts grouped by keys, from the aggregates when one holds the grouping. */
export async function groupCount(cypher: QueryRunner, args: GroupCountArgs): Promise<GroupCountRow[]> {
  const plan = planGroupCount(args);
  const keyExprs = plan ? args.groupBy.map((k) => plan.keys[k]) : [];
  if (!plan || keyExprs.some((e) => e === null)) return groupCountByScan(cypher, args);
  const keyNames = args.groupBy.map((_k, i) => `k${i}`);
  const params = { types: typesOrAll(args.types), startLabels: args.startLabels, endLabels: args.endLabels, limit: int(args.limit) };
  const planWhere = plan.where.map((w) => ` AND ${w}`).join('');
  const keyList = keyExprs.map((e, i) => `${e} AS ${keyNames[i]}`).join(', ');
  const orderBy = `${keyNames.map((k) => `${k} ASC`).join(', ')}`;
  if (plan.onePerGroup && args.orderByCount) {
    // Largest first from the (type, side, count) index, per type, reading only as far as the
    // limit (and the ties of the last); ordering by all three index keys lets Neo4j stop there.
    return cypher.read<GroupCountRow>(
      'Analytics.groupCountFromAggregates',
      `UNWIND $types AS type
       CALL (type) {
         MATCH (t:${plan.label}) WHERE t.type = type${planWhere} AND t.count > 0
         RETURN t ORDER BY t.type DESC, t.side DESC, t.count DESC, ${keyExprs.map((e) => `${e} ASC`).join(', ')}
         LIMIT $limit
       }
       WITH t.count AS count, ${keyList}
       RETURN [${keyNames.join(', ')}] AS keys, count
       ORDER BY count DESC, ${orderBy}
       LIMIT $limit`,
      params,
    );
  }
  return cypher.read<GroupCountRow>(
    'Analytics.groupCountFromAggregates',
    `MATCH (t:${plan.label}) WHERE t.type IN $types${planWhere} AND t.count > 0
     WITH ${keyList}, sum(t.count) AS count
     RETURN [${keyNames.join(', ')}] AS keys, count
     ORDER BY ${args.orderByCount ? 'count DESC, ' : ''}${orderBy}
     LIMIT $limit`,
    params,
  );
}

/** The same counts made from the relationships themselves (cost: every relationship of the types). */
export async function groupCountByScan(cypher: QueryRunner, args: GroupCountArgs): Promise<GroupCountRow[]> {
  const keyExprs = args.groupBy.map((k) => GROUP_KEYS[k]);
  const keyNames = args.groupBy.map((_k, i) => `k${i}`);
  const where = [
    ...(args.startLabels ? ['any(l IN labels(a) WHERE l IN $startLabels)'] : []),
    ...(args.endLabels ? ['any(l IN labels(b) WHERE l IN $endLabels)'] : []),
  ];
  return cypher.read<GroupCountRow>(
    'Analytics.groupCountByScan',
    // Domain relationship types only ever join two domain nodes, so the ends need no :Entity
    // check; label conditions are written only when asked for (one label test per row each).
    `MATCH (a)-[r:${typesOrAll(args.types).join('|')}]->(b)
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     WITH ${keyExprs.map((e, i) => `${e} AS ${keyNames[i]}`).join(', ')}, count(*) AS count
     RETURN [${keyNames.join(', ')}] AS keys, count
     ORDER BY ${args.orderByCount ? 'count DESC, ' : ''}${keyNames.map((k) => `${k} ASC`).join(', ')}
     LIMIT $limit`,
    { startLabels: args.startLabels, endLabels: args.endLabels, limit: int(args.limit), ...NODE_LABEL_PARAM },
  );
}

/**
 * The dated items, as one subquery returning `date, n, r, o`: nodes with a date of their own
 * (`r` and `o` null) and dated relationships `(o)-[r]->(n)` of the given types; `$labels`
 * (or null) keeps only items whose `n` has one of those labels. The timeline and its counts
 * share it, so each period counts exactly the items the timeline lists.
 */
const datedItems = (types: readonly RelationshipType[]) => `CALL () {
       MATCH (n:${ENTITY_LABEL}) WHERE n.date IS NOT NULL AND ($labels IS NULL OR any(l IN labels(n) WHERE l IN $labels))
       RETURN n.date AS date, n, null AS r, null AS o
       UNION ALL
       MATCH (o:${ENTITY_LABEL})-[r:${typesOrAll(types).join('|')}]->(n:${ENTITY_LABEL})
       WHERE coalesce(r.date, r.since) IS NOT NULL AND ($labels IS NULL OR any(l IN labels(n) WHERE l IN $labels))
       RETURN coalesce(r.date, r.since) AS date, n, r, o
     }`;

export interface TimelineRow {
  date: string;
  node: EntityRow;
  /** Null for a node's own date; else the dated relationship (signature, adoption, ...). */
  rel: RelationshipRow | null;
  other: EntityRow | null;
}

/** Dated nodes and dated relationships, in date order, optionally within [from, to]. */
export async function timeline(
  cypher: QueryRunner,
  args: { labels: readonly NodeLabel[] | null; types: readonly RelationshipType[]; from: string | null; to: string | null; limit: number },
): Promise<TimelineRow[]> {
  return cypher.read<TimelineRow>(
    'Analytics.timeline',
    `${datedItems(args.types)}
     WITH date, n, r, o WHERE ($from IS NULL OR date >= $from) AND ($to IS NULL OR date <= $to)
     RETURN date, ${entityProjection('n')} AS node,
            CASE WHEN r IS NULL THEN null ELSE ${relationshipProjection('r')} END AS rel,
            CASE WHEN o IS NULL THEN null ELSE ${entityProjection('o')} END AS other
     ORDER BY date ASC, n.id ASC, coalesce(o.id, '') ASC
     LIMIT $limit`,
    { labels: args.labels, from: args.from, to: args.to === null ? null : `${args.to}\uffff`, limit: int(args.limit), ...NODE_LABEL_PARAM },
  );
}

export interface PeriodCountRow {
  /** The year (YYYY) or month (YYYY-MM). */
  period: string;
  count: number;
}

/**
 * How many dated items (every domain relationship type) fall in each year (`width` 4) or month
 * (`width` 7), counted in the database: one row per period that has items, in period order.
 * By month, items dated only by year are left out.
 */
export interface PeriodCountArgs {
  labels: readonly NodeLabel[] | null;
  /** 4: years, 7: months. */
  width: 4 | 7;
}

export async function timelineCounts(cypher: QueryRunner, args: PeriodCountArgs): Promise<PeriodCountRow[]> {
  if (args.width !== 4 && args.width !== 7) throw new Error('invalid period width');
  return cypher.read<PeriodCountRow>(
    'Analytics.timelineCountsFromAggregates',
    `MATCH (t:DatedByLabel) WHERE ($labels IS NULL OR t.label IN $labels) AND size(t.date) >= $width AND t.count > 0
     RETURN left(t.date, $width) AS period, sum(t.count) AS count
     ORDER BY period ASC`,
    { labels: args.labels, width: int(args.width) },
  );
}

/** The same counts made from the dated items themselves. */
export async function timelineCountsByScan(cypher: QueryRunner, args: PeriodCountArgs): Promise<PeriodCountRow[]> {
  if (args.width !== 4 && args.width !== 7) throw new Error('invalid period width');
  return cypher.read<PeriodCountRow>(
    'Analytics.timelineCountsByScan',
    `${datedItems(typesOrAll(null))}
     WITH date WHERE size(date) >= $width
     RETURN left(date, $width) AS period, count(*) AS count
     ORDER BY period ASC`,
    { labels: args.labels, width: int(args.width) },
  );
}

export interface CoverageRow {
  total: number;
  withEvidence: number;
  /** Facts per source, most first (then by source slug). */
  bySource: Array<{ source: string | null; language: string | null; count: number }>;
  /** Facts per source language, most first (then by language). */
  byLanguage: Array<{ language: string | null; count: number }>;
}

/** How many facts (all relationships, incl. attested values and mentions) carry evidence, per source and language. */
export async function evidenceCoverage(cypher: QueryRunner): Promise<CoverageRow> {
  return coverage(
    cypher,
    'Analytics.evidenceCoverageFromAggregates',
    'MATCH (t:FactsBySource) WHERE t.count > 0 WITH t.source AS source, t.count AS count, t.withEvidence AS withEvidence',
  );
}

/** The same figures counted over every relationship. */
export async function evidenceCoverageByScan(cypher: QueryRunner): Promise<CoverageRow> {
  return coverage(
    cypher,
    'Analytics.evidenceCoverageByScan',
    `MATCH ()-[r]->()
     WITH r.source AS source, count(*) AS count,
          sum(CASE WHEN r.source IS NOT NULL AND coalesce(r.excerpt, '') <> '' THEN 1 ELSE 0 END) AS withEvidence`,
  );
}

/** Coverage from rows of (source, count, withEvidence), one per source. */
async function coverage(cypher: QueryRunner, name: string, perSource: string): Promise<CoverageRow> {
  const [row] = await cypher.read<CoverageRow>(
    name,
    `${perSource}
     OPTIONAL MATCH (s:Source {id: source})
     WITH source, s.language AS language, count, withEvidence
     ORDER BY count DESC, source ASC
     WITH collect({source: source, language: language, count: count}) AS bySource, sum(count) AS total, sum(withEvidence) AS withEvidence
     RETURN total, withEvidence, bySource,
            COLLECT {
              UNWIND bySource AS s
              WITH s.language AS language, sum(s.count) AS count
              RETURN {language: language, count: count} AS byLanguage
              ORDER BY count DESC, language ASC
            } AS byLanguage`,
  );
  return row ?? { total: 0, withEvidence: 0, bySource: [], byLanguage: [] };
}
