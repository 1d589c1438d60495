/**
 * Cypher for relationships seen from a node: one page of edges for MANY parent nodes in one
 * statement (the loaders batch every parent of a nested query level into it), with each edge's
 * properties and evidence, paginated per parent in the database.
 */
import { ENTITY_LABEL, RELATIONSHIP_TYPES, type NodeLabel, type RelationshipType } from '../../domain/model.js';
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

/**
 * Sort keys of an edge: the other node's name and id, then the relationship's type and source
 * (two edges to the same node differ by type, or by source when the type is the same). Every
 * cursor carries all four values, whatever the field.
 */
const EDGE_KEYS = ['toLower(n.name)', 'n.id', 'type(r)', 'r.source'] as const;
export const EDGE_KEY_ARITY = EDGE_KEYS.length;

/**
 * The keys a query sorts by, and the cursor values for them. With one relationship type,
 * type(r) is the same on every row: leaving it out saves an expression per candidate row
 * before the top-N sort, and the order (hence every cursor) is unchanged.
 */
function sortKeys(spec: RelationshipSpec, cursor: unknown[] | null): { keys: string[]; cursor: unknown[] | null } {
  if (spec.types.length !== 1) return { keys: [...EDGE_KEYS], cursor };
  return { keys: [EDGE_KEYS[0], EDGE_KEYS[1], EDGE_KEYS[3]], cursor: cursor && [cursor[0], cursor[1], cursor[3]] };
}

function targetCondition(spec: RelationshipSpec): string {
  return spec.targetLabels ? `(${spec.targetLabels.map((l) => `n:${l}`).join(' OR ')})` : 'true';
}

/** Conditions on the other node `n`, written only for the filters given. */
function filterConditions(spec: RelationshipSpec, filter: RelationshipFilter): string[] {
  return [
    ...(spec.targetLabels ? [targetCondition(spec)] : []),
    ...(filter.kinds ? ['n.kind IN $kinds'] : []),
    ...(filter.otherIds ? ['n.id IN $otherIds'] : []),
  ];
}

export interface EdgePage {
  rows: EdgeRow[];
  /** All matching edges of the parent, over all pages; null when not asked for. */
  total: number | null;
}

/**
 * For each parent id: up to page.size + 1 edges in the page's direction, and (withCount) how
 * many match in all, in the same statement.
 */
export async function edgesOf(
  cypher: QueryRunner,
  spec: RelationshipSpec,
  filter: RelationshipFilter,
  parentIds: readonly string[],
  page: Page,
  withCount = false,
): Promise<Map<string, EdgePage>> {
  // With target labels, `n:Actor` (say) already implies :Entity: one label test per row, not two.
  const pattern = relationshipPattern('p', spec.types, spec.direction, 'r', spec.targetLabels ? 'n' : `n:${ENTITY_LABEL}`);
  const conditions = filterConditions(spec, filter);
  const sort = sortKeys(spec, page.cursor);
  const where = [...conditions, ...(page.cursor ? [keysetPredicate(sort.keys, 'cursor', page)] : [])];
  const rows = await cypher.read<{ parentId: string; edges: EdgeRow[]; total: number | null }>(
    `Relationship.edgesOf${spec.types.join('_')}`,
    `UNWIND $parentIds AS parentId
     MATCH (p:${ENTITY_LABEL} {id: parentId})
     CALL (p) {
       MATCH ${pattern}
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       WITH r, n ORDER BY ${keysetOrder(sort.keys, page)}
       LIMIT $limit
       RETURN collect({type: type(r), outgoing: startNode(r) = p, props: properties(r), node: ${entityProjection('n')},
                       key: [${EDGE_KEYS.join(', ')}]}) AS edges
     }
     RETURN parentId, edges, ${withCount ? countExpression(spec, filter) : 'null'} AS total`,
    {
      parentIds,
      kinds: filter.kinds ?? null,
      otherIds: filter.otherIds ?? null,
      cursor: sort.cursor,
      limit: int(page.size + 1),
      ...NODE_LABEL_PARAM,
    },
  );
  return new Map(rows.map((r) => [r.parentId, { rows: r.edges, total: r.total }]));
}

/**
 * How many edges of `p` match. Without filters, and when the model says the types can only
 * reach the target labels anyway, this is a degree: Neo4j reads it from the node's degree
 * store instead of visiting each relationship and testing the other node's labels.
 */
function countExpression(spec: RelationshipSpec, filter: RelationshipFilter): string {
  const otherEnds = spec.types.flatMap((t) => [
    ...(spec.direction !== 'IN' ? RELATIONSHIP_TYPES[t].to : []),
    ...(spec.direction !== 'OUT' ? RELATIONSHIP_TYPES[t].from : []),
  ]);
  const implied = !spec.targetLabels || otherEnds.every((l) => spec.targetLabels!.includes(l as NodeLabel));
  if (implied && !filter.kinds && !filter.otherIds) return `COUNT { ${relationshipPattern('p', spec.types, spec.direction)} }`;
  const conditions = filterConditions(spec, filter);
  return `COUNT { MATCH ${relationshipPattern('p', spec.types, spec.direction, 'r', `n:${ENTITY_LABEL}`)} ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} }`;
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
     RETURN parentId, ${countExpression(spec, filter)} AS count`,
    { parentIds, kinds: filter.kinds ?? null, otherIds: filter.otherIds ?? null },
  );
  return new Map(rows.map((r) => [r.parentId, r.count]));
}
