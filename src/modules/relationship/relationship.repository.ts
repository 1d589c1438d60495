/**
 * Cypher for relationships seen from a node: one page of edges for MANY parent nodes in one
 * statement (the loaders batch every parent of a nested query level into it), with each edge's
 * properties and evidence, paginated per parent in the database.
 */
import { ENTITY_LABEL, type NodeLabel, type RelationshipType } from '../../domain/model.js';
import type { QueryRunner } from '../../db/query.js';
import { int } from '../../db/query.js';
import { keysetOrder, keysetPredicate, type Page } from '../../pagination.js';
import { NODE_LABEL_PARAM, entityProjection, relationshipPattern, type Direction, type EntityRow } from '../entity/entity.repository.js';

export interface RelationshipSpec {
  types: readonly RelationshipType[];
  direction: Direction;
  /** Labels the other node may have; null for any domain node. */
  targetLabels: readonly NodeLabel[] | null;
}

export interface RelationshipFilter {
  kinds?: string[] | null;
  otherIds?: string[] | null;
}

export interface EdgeRow {
  type: RelationshipType;
  /** True when the parent node is the start of the relationship. */
  outgoing: boolean;
  props: Record<string, unknown> & { source: string; excerpt: string; asOf?: string | null };
  node: EntityRow;
  key: unknown[];
}

/** Sort keys of an edge: the other node's name and id, then the relationship's type and source. */
const EDGE_KEYS = ['toLower(n.name)', 'n.id', 'type(r)', 'r.source'];
export const EDGE_KEY_ARITY = EDGE_KEYS.length;

function targetCondition(spec: RelationshipSpec): string {
  return spec.targetLabels ? `(${spec.targetLabels.map((l) => `n:${l}`).join(' OR ')})` : 'true';
}

/** For each parent id: up to page.size + 1 edges in the page's direction. */
export async function edgesOf(
  cypher: QueryRunner,
  spec: RelationshipSpec,
  filter: RelationshipFilter,
  parentIds: readonly string[],
  page: Page,
): Promise<Map<string, EdgeRow[]>> {
  const rows = await cypher.read<{ parentId: string; edges: EdgeRow[] }>(
    `Relationship.edgesOf${spec.types.join('_')}`,
    `UNWIND $parentIds AS parentId
     MATCH (p:${ENTITY_LABEL} {id: parentId})
     CALL (p) {
       MATCH ${relationshipPattern('p', spec.types, spec.direction, 'r', `n:${ENTITY_LABEL}`)}
       WHERE ${targetCondition(spec)}
         AND ($kinds IS NULL OR n.kind IN $kinds)
         AND ($otherIds IS NULL OR n.id IN $otherIds)
         AND ${keysetPredicate(EDGE_KEYS, 'cursor', page)}
       WITH r, n ORDER BY ${keysetOrder(EDGE_KEYS, page)}
       LIMIT $limit
       RETURN collect({type: type(r), outgoing: startNode(r) = p, props: properties(r), node: ${entityProjection('n')},
                       key: [${EDGE_KEYS.join(', ')}]}) AS edges
     }
     RETURN parentId, edges`,
    {
      parentIds,
      kinds: filter.kinds ?? null,
      otherIds: filter.otherIds ?? null,
      cursor: page.cursor,
      limit: int(page.size + 1),
      ...NODE_LABEL_PARAM,
    },
  );
  return new Map(rows.map((r) => [r.parentId, r.edges]));
}

export async function countEdgesOf(
  cypher: QueryRunner,
  spec: RelationshipSpec,
  filter: RelationshipFilter,
  parentIds: readonly string[],
): Promise<Map<string, number>> {
  const rows = await cypher.read<{ parentId: string; count: number }>(
    `Relationship.countEdgesOf${spec.types.join('_')}`,
    `UNWIND $parentIds AS parentId
     MATCH (p:${ENTITY_LABEL} {id: parentId})
     RETURN parentId, COUNT {
       MATCH ${relationshipPattern('p', spec.types, spec.direction, 'r', `n:${ENTITY_LABEL}`)}
       WHERE ${targetCondition(spec)} AND ($kinds IS NULL OR n.kind IN $kinds) AND ($otherIds IS NULL OR n.id IN $otherIds)
     } AS count`,
    { parentIds, kinds: filter.kinds ?? null, otherIds: filter.otherIds ?? null },
  );
  return new Map(rows.map((r) => [r.parentId, r.count]));
}
