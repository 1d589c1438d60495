/**
 * The audit trail: every write records who (token subject), when, what changed (the touched
 * properties before and after) and why (an optional comment), in the same transaction as the
 * write itself. Changes name their target by slug, not by a relationship, so deleting a node
 * keeps its history.
 */
import { randomUUID } from 'node:crypto';
import type { QueryRunner, TxRunner } from '../../db/query.js';
import { int } from '../../db/query.js';
import { keysetOrder, keysetPredicate, type Page } from '../../pagination.js';

export const CHANGE_ACTIONS = ['create', 'update', 'delete', 'link', 'unlink', 'fact', 'unfact', 'source', 'import'] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

export interface ChangeInput {
  action: ChangeAction;
  /** What kind of thing changed: node, relationship, fact, source, or a whole import. */
  targetKind: 'node' | 'relationship' | 'fact' | 'source' | 'import';
  /** A slug for nodes and sources; "TYPE:from->to@source" for relationships. */
  target: string;
  /** Slugs of every node the change touches, for `changes(node:)`. */
  nodes: string[];
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  comment?: string | null;
}

export interface ChangeRow {
  id: string;
  at: string;
  by: string;
  action: ChangeAction;
  targetKind: string;
  target: string;
  nodes: string[];
  before: string | null;
  after: string | null;
  comment: string | null;
}

/**
 * An audit record's CREATE from `change`, a map from changeParams (a parameter or a variable),
 * for a statement that records its own change: the one place the record's shape is written.
 */
export const createChange = (change: string) =>
  `CREATE (:Change {id: ${change}.id, at: toString(datetime()), by: ${change}.by, action: ${change}.action,
                    targetKind: ${change}.targetKind, target: ${change}.target, nodes: ${change}.nodes,
                    before: ${change}.before, after: ${change}.after, comment: ${change}.comment})`;

/** What createChange records of a change by `by`: its before and after as JSON. */
export function changeParams(by: string, change: ChangeInput): Record<string, unknown> {
  return {
    id: randomUUID(),
    by,
    action: change.action,
    targetKind: change.targetKind,
    target: change.target,
    nodes: change.nodes,
    before: change.before === null ? null : JSON.stringify(change.before),
    after: change.after === null ? null : JSON.stringify(change.after),
    comment: change.comment ?? null,
  };
}

/** Records changes inside the caller's write transaction, in one statement sent with the rest: nothing waits for it. */
export function recordChanges(tx: TxRunner, by: string, changes: readonly ChangeInput[]): void {
  if (changes.length === 0) return;
  tx.send('Audit.recordChanges', `UNWIND $changes AS change ${createChange('change')}`, {
    changes: changes.map((change) => changeParams(by, change)),
  });
}

/** Records one change inside the caller's write transaction (sent with the rest: nothing waits for it). */
export function recordChange(tx: TxRunner, by: string, change: ChangeInput): void {
  recordChanges(tx, by, [change]);
}

export interface ChangeFilter {
  since?: string | null;
  by?: string | null;
  node?: string | null;
}

/** Newest first, keyset-paginated on (at, id). */
export async function listChanges(cypher: QueryRunner, filter: ChangeFilter, page: Page): Promise<ChangeRow[]> {
  const keys = ['c.at', 'c.id'];
  return cypher
    .read<ChangeRow>(
      'Audit.listChanges',
      `MATCH (c:Change)
     WHERE ($since IS NULL OR c.at >= $since) AND ($by IS NULL OR c.by = $by) AND ($node IS NULL OR $node IN c.nodes)
       AND ${keysetPredicate(keys, 'cursor', page, true)}
     RETURN c {.id, .at, .by, .action, .targetKind, .target, .nodes, .before, .after, .comment} AS change
     ORDER BY ${keysetOrder(keys, page, true)} LIMIT $limit`,
      { since: filter.since ?? null, by: filter.by ?? null, node: filter.node ?? null, cursor: page.cursor, limit: int(page.size + 1) },
    )
    .then((rows) => rows.map((r) => (r as unknown as { change: ChangeRow }).change));
}
