/**
 * Cypher for dashboards: relationship counts grouped by keys, the timeline and its counts per
 * period, and evidence coverage. Every count is made in the database: only groups, periods and
 * sources travel, never the items counted.
 */
import { ENTITY_LABEL, type NodeLabel, type RelationshipType } from '../../domain/model.js';
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

export async function groupCount(
  cypher: QueryRunner,
  args: {
    types: readonly RelationshipType[] | null;
    groupBy: readonly GroupKey[];
    startLabels: readonly NodeLabel[] | null;
    endLabels: readonly NodeLabel[] | null;
    orderByCount: boolean;
    limit: number;
  },
): Promise<GroupCountRow[]> {
  const keyExprs = args.groupBy.map((k) => GROUP_KEYS[k]);
  const keyNames = args.groupBy.map((_k, i) => `k${i}`);
  const where = [
    ...(args.startLabels ? ['any(l IN labels(a) WHERE l IN $startLabels)'] : []),
    ...(args.endLabels ? ['any(l IN labels(b) WHERE l IN $endLabels)'] : []),
  ];
  return cypher.read<GroupCountRow>(
    'Analytics.groupCount',
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
export async function timelineCounts(
  cypher: QueryRunner,
  args: { labels: readonly NodeLabel[] | null; width: 4 | 7 },
): Promise<PeriodCountRow[]> {
  if (args.width !== 4 && args.width !== 7) throw new Error('invalid period width');
  return cypher.read<PeriodCountRow>(
    'Analytics.timelineCounts',
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
  const [row] = await cypher.read<CoverageRow>(
    'Analytics.evidenceCoverage',
    `MATCH ()-[r]->()
     WITH r.source AS source, count(*) AS count,
          sum(CASE WHEN r.source IS NOT NULL AND coalesce(r.excerpt, '') <> '' THEN 1 ELSE 0 END) AS withEvidence
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
