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

/** Paths found, and whether each end exists (a missing end is NOT_FOUND, not "no path"). */
export interface PathSearch {
  fromFound: boolean;
  toFound: boolean;
  paths: PathRow[];
}

/**
 * Shortest path(s) between two nodes, at most `maxLength` hops, optionally only through the
 * given relationship types and only through intermediate nodes of the given labels. One
 * statement: it also says which end is missing, so no lookup has to run before it.
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
): Promise<PathSearch> {
  // maxLength is a validated integer (1..10): the only non-parameter in the pattern besides
  // whitelisted types, because Cypher does not take a parameter for a length bound.
  if (!Number.isInteger(args.maxLength) || args.maxLength < 1 || args.maxLength > 10) throw new Error('invalid maxLength');
  if (args.fromId === args.toId) throw new Error('a path needs two different ends');
  // The GQL SHORTEST form checks the `through` predicate on each step while it searches. The
  // older shortestPath() with a WHERE on nodes(p) fell back to an exhaustive search of every
  // path up to maxLength whenever no shortest path qualified (or none existed): on a hub of a
  // few thousand nodes that ran until the transaction timeout.
  // Without a `through` condition there is nothing to check per step, and the older
  // shortestPath()/allShortestPaths() is the faster search (bidirectional breadth-first, bounded
  // by maxLength); the GQL form is kept for when a condition applies.
  const typeList = typesOrAll(args.types).join('|');
  const pathPattern = args.throughLabels
    ? `p = ${args.all ? 'ALL SHORTEST' : 'SHORTEST 1'} (a) (()-[:${typeList}]-(x)
                                  WHERE x = b OR any(l IN labels(x) WHERE l IN $throughLabels)){1,${args.maxLength}} (b)`
    : `p = ${args.all ? 'allShortestPaths' : 'shortestPath'}((a)-[:${typeList}*1..${args.maxLength}]-(b))`;
  const [row] = await cypher.read<PathSearch>(
    'Analytics.shortestPaths',
    `OPTIONAL MATCH (a:${ENTITY_LABEL} {id: $fromId})
     OPTIONAL MATCH (b:${ENTITY_LABEL} {id: $toId})
     CALL (a, b) {
       WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL
       MATCH ${pathPattern}
       WITH p LIMIT $limit
       RETURN collect({nodes: [n IN nodes(p) | ${entityProjection('n')}],
                       relationships: [r IN relationships(p) | ${relationshipProjection('r')}]}) AS paths
     }
     RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, paths`,
    { fromId: args.fromId, toId: args.toId, throughLabels: args.throughLabels, limit: int(args.limit), ...NODE_LABEL_PARAM },
  );
  return row ?? { fromFound: false, toFound: false, paths: [] };
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

export interface NeighbourhoodRow {
  nodes: EntityRow[];
  relationships: RelationshipRow[];
  /** True when the node cap cut a hop (more nodes exist within the depth). */
  nodesCut: boolean;
}

/**
 * The nodes within `depth` hops of a centre (breadth first, at most `maxNodes` including the
 * centre) and the relationships among them (at most `edgeLimit`), in ONE statement; null when
 * the centre does not exist. Each hop is a subquery that stops expanding once it has more
 * neighbours than there is room for, however large a hub's degree; once a hop is cut, later
 * hops add nothing (as the old step-by-step version did). Edges are found by comparing nodes,
 * not by reading every neighbour's id.
 */
export async function neighbourhood(
  cypher: QueryRunner,
  args: {
    centreId: string;
    depth: number;
    types: readonly RelationshipType[];
    labels: readonly NodeLabel[] | null;
    maxNodes: number;
    edgeLimit: number;
  },
): Promise<NeighbourhoodRow | null> {
  // depth is a validated integer (1..3): it only decides how many hop subqueries are written.
  if (!Number.isInteger(args.depth) || args.depth < 1 || args.depth > 5) throw new Error('invalid depth');
  const types = args.types.join('|');
  const hop = `
     CALL (seen, frontier, cut) {
       WITH seen, frontier WHERE NOT cut AND size(frontier) > 0
       UNWIND frontier AS a
       MATCH (a)-[:${types}]-(b:${ENTITY_LABEL})
       WHERE NOT b IN seen AND ($labels IS NULL OR any(l IN labels(b) WHERE l IN $labels))
       WITH DISTINCT b LIMIT $maxNodes
       RETURN collect(b) AS found
     }
     WITH seen, found[..($maxNodes - size(seen))] AS frontier, cut OR size(found) > $maxNodes - size(seen) AS cut
     WITH seen + frontier AS seen, frontier, cut`;
  const [row] = await cypher.read<NeighbourhoodRow>(
    'Analytics.neighbourhood',
    `MATCH (c:${ENTITY_LABEL} {id: $centreId})
     WITH [c] AS seen, [c] AS frontier, false AS cut
     ${Array.from({ length: args.depth }, () => hop).join('\n')}
     CALL (seen) {
       UNWIND seen AS a
       MATCH (a)-[r:${types}]->(b)
       WHERE b IN seen
       WITH r LIMIT $edgeLimit
       RETURN collect(${relationshipProjection('r')}) AS relationships
     }
     RETURN [n IN seen | ${entityProjection('n')}] AS nodes, relationships, cut AS nodesCut`,
    { centreId: args.centreId, labels: args.labels, maxNodes: int(args.maxNodes), edgeLimit: int(args.edgeLimit), ...NODE_LABEL_PARAM },
  );
  return row ?? null;
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
