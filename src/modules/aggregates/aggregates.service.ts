/**
 * The dashboard aggregates' life (the Cypher is in aggregates.repository.ts): counted once at
 * start-up when the graph has none of this version, then kept by every write. Inside its own
 * transaction, after `lockAggregates`, a write wraps the statements that change the graph in
 * `withAggregates`, naming what they may change. The facts in that scope are uncounted before
 * and counted again after, so the counters move exactly as the graph did, or not at all when
 * the transaction rolls back.
 */
import type { Logger } from '../../logger.js';
import type { QueryRunner, TxRunner } from '../../db/query.js';
import {
  AGGREGATES_VERSION,
  type AggregateScope,
  aggregatesVersion,
  applyAggregateDelta,
  recountAggregates,
} from './aggregates.repository.js';

export { lockAggregates, type AggregateScope } from './aggregates.repository.js';

/**
 * Runs `work` with the scope uncounted before and counted after. A caller that knows the scope
 * holds nothing before (a new relationship) or after (a delete) says so, and that statement is
 * not sent; one that knows only part of it existed before (a bulk write of new nodes) names
 * that part. The scope counted after may be made from what `work` returns (a bulk write's
 * element ids of what it wrote).
 */
export async function withAggregates<T>(
  tx: TxRunner,
  scope: AggregateScope | ((result: T) => AggregateScope),
  work: () => Promise<T>,
  known: { emptyBefore?: boolean; emptyAfter?: boolean; before?: AggregateScope } = {},
): Promise<T> {
  if (!known.emptyBefore) {
    const before = known.before ?? (typeof scope === 'function' ? null : scope);
    if (!before) throw new Error('withAggregates: a scope made after the write needs the scope before it');
    applyAggregateDelta(tx, before, -1);
  }
  const result = await work();
  if (!known.emptyAfter) applyAggregateDelta(tx, typeof scope === 'function' ? scope(result) : scope, 1);
  return result;
}

/**
 * What a bulk write counts in after it wrote: the relationships it wrote (by element id), and
 * the pairs that existed before it, which may hold relationships it did not write (counted out
 * before, so counted in again). A pair with an end the write created holds only what it wrote.
 */
export const writtenScope = (scope: AggregateScope, before: AggregateScope, written: readonly string[]): AggregateScope => ({
  ...scope,
  pairs: before.pairs,
  relationships: written,
});

/**
 * The part of a scope that can hold counted facts before a write: the pairs whose ends both
 * exist, and the nodes that exist (what a write creates had nothing counted).
 */
export const existingPart = (scope: AggregateScope, existing: ReadonlySet<string>): AggregateScope => ({
  nodes: scope.nodes.filter((id) => existing.has(id)),
  pairs: scope.pairs.filter((p) => existing.has(p[0]) && existing.has(p[1])),
  whole: scope.whole,
});

/** A node given a new kind, or deleted: every relationship it has moves or goes. */
export const wholeNodeScope = (slug: string): AggregateScope => ({ nodes: [], pairs: [], whole: [slug] });

/** Attested values on a node: the ATTESTS from each of the sources to it, and the node's own date. */
export const attestsScope = (node: string, sources: readonly string[]): AggregateScope => ({
  nodes: [node],
  pairs: [...new Set(sources)].map((source) => [source, node, 'ATTESTS', source] as const),
  whole: [],
});

/**
 * At start-up, before the service takes writes: recounts the aggregates when the graph has none
 * of this version (a graph loaded by an earlier release, or around the API).
 */
export async function ensureAggregates(runner: QueryRunner, logger?: Pick<Logger, 'info'>): Promise<void> {
  const version = await aggregatesVersion(runner);
  if (version === AGGREGATES_VERSION) return;
  const started = Date.now();
  const counted = await recountAggregates(runner);
  logger?.info({ ...counted, previousVersion: version, ms: Date.now() - started }, 'dashboard aggregates recounted');
}
