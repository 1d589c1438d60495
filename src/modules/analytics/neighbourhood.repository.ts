/**
 * Cypher for neighbourhoods: the nodes within a few hops of a centre and the relationships among
 * them, capped in nodes and edges; and the single breadth-first step the export walks with.
 */
import { ENTITY_LABEL, type NodeLabel, type RelationshipType } from '../../domain/model.js';
import type { QueryRunner } from '../../db/query.js';
import { int } from '../../db/query.js';
import { NODE_LABEL_PARAM, entityProjection, relationshipPattern, type EntityRow } from '../entity/entity.repository.js';
import { relationshipProjection, type RelationshipRow } from './analytics.repository.js';

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
