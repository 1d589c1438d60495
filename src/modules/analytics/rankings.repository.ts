/** Cypher for rankings: nodes by number of relationships. */
import { ENTITY_LABEL, type NodeLabel, type RelationshipType } from '../../domain/model.js';
import type { QueryRunner } from '../../db/query.js';
import { int } from '../../db/query.js';
import { NODE_LABEL_PARAM, entityProjection, relationshipPattern, type Direction, type EntityRow } from '../entity/entity.repository.js';

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
