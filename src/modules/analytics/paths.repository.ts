/** Cypher for paths between two nodes: shortest path(s), bounded in length. */
import { ENTITY_LABEL, type NodeLabel, type RelationshipType } from '../../domain/model.js';
import type { QueryRunner } from '../../db/query.js';
import { int } from '../../db/query.js';
import { NODE_LABEL_PARAM, entityProjection, type EntityRow } from '../entity/entity.repository.js';
import { relationshipProjection, typesOrAll, type RelationshipRow } from './analytics.repository.js';

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
