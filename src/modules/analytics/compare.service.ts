/**
 * Side-by-side comparison: every node related to any of the compared nodes becomes a row, with
 * one cell per compared node holding its relationships to the row's node. Shared rows first,
 * then by type and name. The database reads each compared node's relationships (capped per
 * node); this arranges them into the table the API returns.
 */
import { NODE_LABELS, type RelationshipType } from '../../domain/model.js';
import type { QueryRunner } from '../../db/query.js';
import type { EntityRow } from '../entity/entity.repository.js';
import type { RelationshipRow } from './analytics.repository.js';
import { neighbourhoodsOf } from './compare.repository.js';

/** How one compared node is related to a row's node. */
export interface ConnectionLinkShape {
  actorId: string;
  rel: RelationshipRow;
}

export interface ComparisonCellShape {
  actorId: string;
  links: ConnectionLinkShape[];
}

export interface ComparisonRowShape {
  node: EntityRow;
  /** One cell per compared node, in the order given. */
  cells: ComparisonCellShape[];
}

export interface ComparisonShape {
  slugs: string[];
  rows: ComparisonRowShape[];
  /** True when a compared node had more relationships than the per-node cap. */
  truncated: boolean;
}

/** Most relationships read per compared node. */
export const COMPARE_PER_NODE = 500;

/**
 * Compares the given nodes (distinct slugs, already resolved) over the given relationship types.
 * `seen` is told of every row's node (the request's entity loader primes itself with it).
 */
export async function compareNodes(
  cypher: QueryRunner,
  slugs: readonly string[],
  types: readonly RelationshipType[],
  seen: (node: EntityRow) => EntityRow,
): Promise<ComparisonShape> {
  const rows = await neighbourhoodsOf(cypher, slugs, types, COMPARE_PER_NODE + 1);
  const counts = new Map<string, number>();
  const byNode = new Map<string, ComparisonRowShape>();
  for (const row of rows) {
    const read = (counts.get(row.actorId) ?? 0) + 1;
    counts.set(row.actorId, read);
    if (read > COMPARE_PER_NODE) continue; // read only to learn that the cap cut this node
    if (slugs.includes(row.node.id)) continue; // a compared node related to another is not a row
    let entry = byNode.get(row.node.id);
    if (!entry) {
      entry = { node: seen(row.node), cells: slugs.map((actorId) => ({ actorId, links: [] })) };
      byNode.set(row.node.id, entry);
    }
    entry.cells[slugs.indexOf(row.actorId)]?.links.push({ actorId: row.actorId, rel: row.rel });
  }
  const shared = (r: ComparisonRowShape) => (r.cells.every((c) => c.links.length > 0) ? 0 : 1);
  const sorted = [...byNode.values()].sort(
    (a, b) =>
      shared(a) - shared(b) ||
      NODE_LABELS.indexOf(a.node.label) - NODE_LABELS.indexOf(b.node.label) ||
      a.node.name.localeCompare(b.node.name),
  );
  return { slugs: [...slugs], rows: sorted, truncated: [...counts.values()].some((n) => n > COMPARE_PER_NODE) };
}
