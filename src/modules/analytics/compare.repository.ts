/** Cypher for common connections and side-by-side comparison of a few nodes. */
import { ENTITY_LABEL, type NodeLabel, type RelationshipType } from '../../domain/model.js';
import type { QueryRunner } from '../../db/query.js';
import { int } from '../../db/query.js';
import { NODE_LABEL_PARAM, entityProjection, relationshipPattern, type EntityRow } from '../entity/entity.repository.js';
import { relationshipProjection, type RelationshipRow } from './analytics.repository.js';

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
