/**
 * Cypher for exploration and dashboards: paths, neighbourhoods, common connections, side-by-side
 * comparison, rankings, group-by counts, timelines and evidence coverage. Every traversal has a
 * length or size bound enforced here, so no request can make Neo4j expand without limit.
 */
import { ENTITY_LABEL, RELATIONSHIP_TYPE_NAMES, type NodeLabel, type RelationshipType } from '../../domain/model.js';
import type { QueryRunner } from '../../db/query.js';
import { int } from '../../db/query.js';
import { NODE_LABEL_PARAM, entityProjection, relationshipPattern, type Direction, type EntityRow } from '../entity/entity.repository.js';

/** A relationship as returned by analytics queries: its ends by slug, its type and properties. */
export interface RelationshipRow {
  type: RelationshipType;
  startId: string;
  endId: string;
  props: Record<string, unknown> & { source: string; excerpt: string; asOf?: string | null };
}

const relationshipProjection = (r: string) =>
  `{type: type(${r}), startId: startNode(${r}).id, endId: endNode(${r}).id, props: properties(${r})}`;

/** The domain relationship types (never MENTIONS/ATTESTS, whose start is a Source). */
export const typesOrAll = (types: readonly RelationshipType[] | null | undefined) =>
  types && types.length > 0 ? [...types] : [...RELATIONSHIP_TYPE_NAMES];

export interface PathRow {
  nodes: EntityRow[];
  relationships: RelationshipRow[];
}

/**
 * Shortest path(s) between two nodes, at most `maxLength` hops, optionally only through the
 * given relationship types and only through intermediate nodes of the given labels.
 */
export async function shortestPaths(
  cypher: QueryRunner,
  args: {
    fromId: string;
    toId: string;
    maxLength: number;
    types: readonly RelationshipType[] | null;
    throughLabels: readonly NodeLabel[] | null;
    all: boolean;
    limit: number;
  },
): Promise<PathRow[]> {
  // maxLength is a validated integer (1..10): the only non-parameter in the pattern besides
  // whitelisted types, because Cypher does not take a parameter for a length bound.
  if (!Number.isInteger(args.maxLength) || args.maxLength < 1 || args.maxLength > 10) throw new Error('invalid maxLength');
  if (args.fromId === args.toId) throw new Error('a path needs two different ends');
  // The GQL SHORTEST form checks the `through` predicate on each step while it searches. The
  // older shortestPath() with a WHERE on nodes(p) fell back to an exhaustive search of every
  // path up to maxLength whenever no shortest path qualified (or none existed): on a hub of a
  // few thousand nodes that ran until the transaction timeout.
  const selector = args.all ? 'ALL SHORTEST' : 'SHORTEST 1';
  return cypher.read<PathRow>(
    'Analytics.shortestPaths',
    `MATCH (a:${ENTITY_LABEL} {id: $fromId}), (b:${ENTITY_LABEL} {id: $toId})
     MATCH p = ${selector} (a) (()-[:${typesOrAll(args.types).join('|')}]-(x)
                                WHERE x = b OR $throughLabels IS NULL OR any(l IN labels(x) WHERE l IN $throughLabels)){1,${args.maxLength}} (b)
     WITH p LIMIT $limit
     RETURN [n IN nodes(p) | ${entityProjection('n')}] AS nodes,
            [r IN relationships(p) | ${relationshipProjection('r')}] AS relationships`,
    { fromId: args.fromId, toId: args.toId, throughLabels: args.throughLabels, limit: int(args.limit), ...NODE_LABEL_PARAM },
  );
}

/**
 * One breadth-first step: neighbours of the frontier not yet seen, at most `limit` of them.
 * Neo4j stops expanding as soon as it has them, however large a hub's degree.
 */
export async function expandFrontier(
  cypher: QueryRunner,
  frontier: readonly string[],
  seen: readonly string[],
  types: readonly RelationshipType[],
  labels: readonly NodeLabel[] | null,
  limit: number,
): Promise<string[]> {
  const rows = await cypher.read<{ id: string }>(
    'Analytics.expandFrontier',
    `UNWIND $frontier AS id
     MATCH ${relationshipPattern(`a:${ENTITY_LABEL} {id: id}`, types as RelationshipType[], 'BOTH', '', `b:${ENTITY_LABEL}`)}
     WHERE NOT b.id IN $seen AND ($labels IS NULL OR any(l IN labels(b) WHERE l IN $labels))
     WITH DISTINCT b LIMIT $limit
     RETURN b.id AS id`,
    { frontier, seen, labels, limit: int(limit) },
  );
  return rows.map((r) => r.id);
}

/** The nodes of a set and the relationships among them (at most `edgeLimit`). */
export async function subgraphOf(
  cypher: QueryRunner,
  ids: readonly string[],
  types: readonly RelationshipType[],
  edgeLimit: number,
): Promise<{ nodes: EntityRow[]; relationships: RelationshipRow[] }> {
  const [nodeRows, relRows] = [
    await cypher.read<{ node: EntityRow }>(
      'Analytics.subgraphNodes',
      `UNWIND $ids AS id MATCH (n:${ENTITY_LABEL} {id: id}) RETURN ${entityProjection('n')} AS node`,
      { ids, ...NODE_LABEL_PARAM },
    ),
    await cypher.read<{ rel: RelationshipRow }>(
      'Analytics.subgraphRelationships',
      `UNWIND $ids AS id
       MATCH ${relationshipPattern(`a:${ENTITY_LABEL} {id: id}`, types as RelationshipType[], 'OUT', 'r', `b:${ENTITY_LABEL}`)}
       WHERE b.id IN $ids
       WITH r LIMIT $limit
       RETURN ${relationshipProjection('r')} AS rel`,
      { ids, limit: int(edgeLimit) },
    ),
  ];
  return { nodes: nodeRows.map((r) => r.node), relationships: relRows.map((r) => r.rel) };
}

export interface CommonConnectionRow {
  node: EntityRow;
  links: Array<{ actorId: string; rel: RelationshipRow }>;
}

/** Nodes directly related to every one of the given nodes, with each of those relationships. */
export async function commonConnections(
  cypher: QueryRunner,
  ids: readonly string[],
  types: readonly RelationshipType[],
  labels: readonly NodeLabel[] | null,
  limit: number,
): Promise<CommonConnectionRow[]> {
  return cypher.read<CommonConnectionRow>(
    'Analytics.commonConnections',
    `UNWIND $ids AS id
     MATCH ${relationshipPattern(`a:${ENTITY_LABEL} {id: id}`, types as RelationshipType[], 'BOTH', 'r', `n:${ENTITY_LABEL}`)}
     WHERE NOT n.id IN $ids AND ($labels IS NULL OR any(l IN labels(n) WHERE l IN $labels))
     WITH n, collect({actorId: id, rel: ${relationshipProjection('r')}}) AS links, count(DISTINCT id) AS reached
     WHERE reached = size($ids)
     RETURN ${entityProjection('n')} AS node, links
     ORDER BY head([l IN labels(n) WHERE l IN $nodeLabels]), toLower(n.name), n.id
     LIMIT $limit`,
    { ids, labels, limit: int(limit), ...NODE_LABEL_PARAM },
  );
}

/** Every relationship of each given node to any other node (for side-by-side comparison). */
export async function neighbourhoodsOf(
  cypher: QueryRunner,
  ids: readonly string[],
  types: readonly RelationshipType[],
  limitPerNode: number,
): Promise<Array<{ actorId: string; node: EntityRow; rel: RelationshipRow }>> {
  return cypher.read(
    'Analytics.neighbourhoodsOf',
    `UNWIND $ids AS id
     CALL (id) {
       MATCH ${relationshipPattern(`a:${ENTITY_LABEL} {id: id}`, types as RelationshipType[], 'BOTH', 'r', `n:${ENTITY_LABEL}`)}
       WITH r, n LIMIT $limit
       RETURN n, r
     }
     RETURN id AS actorId, ${entityProjection('n')} AS node, ${relationshipProjection('r')} AS rel`,
    { ids, limit: int(limitPerNode), ...NODE_LABEL_PARAM },
  );
}

export interface RankedRow {
  node: EntityRow;
  degree: number;
}

/** Nodes by number of relationships (of the given types and direction), highest first. */
export async function mostConnected(
  cypher: QueryRunner,
  labels: readonly NodeLabel[] | null,
  types: readonly RelationshipType[] | null,
  direction: Direction,
  limit: number,
): Promise<RankedRow[]> {
  return cypher.read<RankedRow>(
    'Analytics.mostConnected',
    `MATCH (n:${ENTITY_LABEL})
     WHERE $labels IS NULL OR any(l IN labels(n) WHERE l IN $labels)
     WITH n, COUNT { ${relationshipPattern('n', types as RelationshipType[] | null, direction)} } AS degree
     WHERE degree > 0
     RETURN ${entityProjection('n')} AS node, degree
     ORDER BY degree DESC, n.id ASC LIMIT $limit`,
    { labels, limit: int(limit), ...NODE_LABEL_PARAM },
  );
}

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
  SOURCE_LANGUAGE: 'head([(s:Source {id: r.source}) | s.language])',
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
  return cypher.read<GroupCountRow>(
    'Analytics.groupCount',
    `MATCH (a:${ENTITY_LABEL})-[r:${typesOrAll(args.types).join('|')}]->(b:${ENTITY_LABEL})
     WHERE ($startLabels IS NULL OR any(l IN labels(a) WHERE l IN $startLabels))
       AND ($endLabels IS NULL OR any(l IN labels(b) WHERE l IN $endLabels))
     WITH ${keyExprs.map((e, i) => `${e} AS ${keyNames[i]}`).join(', ')}, count(*) AS count
     RETURN [${keyNames.join(', ')}] AS keys, count
     ORDER BY ${args.orderByCount ? 'count DESC, ' : ''}${keyNames.map((k) => `${k} ASC`).join(', ')}
     LIMIT $limit`,
    { startLabels: args.startLabels, endLabels: args.endLabels, limit: int(args.limit), ...NODE_LABEL_PARAM },
  );
}

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
    `CALL () {
       MATCH (n:${ENTITY_LABEL}) WHERE n.date IS NOT NULL AND ($labels IS NULL OR any(l IN labels(n) WHERE l IN $labels))
       RETURN n.date AS date, n, null AS r, null AS o
       UNION ALL
       MATCH (o:${ENTITY_LABEL})-[r:${typesOrAll(args.types).join('|')}]->(n:${ENTITY_LABEL})
       WHERE coalesce(r.date, r.since) IS NOT NULL AND ($labels IS NULL OR any(l IN labels(n) WHERE l IN $labels))
       RETURN coalesce(r.date, r.since) AS date, n, r, o
     }
     WITH date, n, r, o WHERE ($from IS NULL OR date >= $from) AND ($to IS NULL OR date <= $to)
     RETURN date, ${entityProjection('n')} AS node,
            CASE WHEN r IS NULL THEN null ELSE ${relationshipProjection('r')} END AS rel,
            CASE WHEN o IS NULL THEN null ELSE ${entityProjection('o')} END AS other
     ORDER BY date ASC, n.id ASC, coalesce(o.id, '') ASC
     LIMIT $limit`,
    { labels: args.labels, from: args.from, to: args.to === null ? null : `${args.to}\uffff`, limit: int(args.limit), ...NODE_LABEL_PARAM },
  );
}

export interface CoverageRow {
  total: number;
  withEvidence: number;
  bySource: Array<{ source: string | null; language: string | null; count: number }>;
}

/** How many facts (all relationships, incl. attested values and mentions) carry evidence. */
export async function evidenceCoverage(cypher: QueryRunner): Promise<CoverageRow> {
  const [row] = await cypher.read<CoverageRow>(
    'Analytics.evidenceCoverage',
    `MATCH ()-[r]->()
     WITH r.source AS source, count(*) AS count,
          sum(CASE WHEN r.source IS NOT NULL AND coalesce(r.excerpt, '') <> '' THEN 1 ELSE 0 END) AS withEvidence
     OPTIONAL MATCH (s:Source {id: source})
     WITH collect({source: source, language: s.language, count: count}) AS bySource, sum(count) AS total, sum(withEvidence) AS withEvidence
     RETURN total, withEvidence, bySource`,
  );
  return row ?? { total: 0, withEvidence: 0, bySource: [] };
}
