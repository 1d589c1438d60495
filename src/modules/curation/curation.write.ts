/**
 * How every curation write runs: the write, its audit record and its checks in ONE transaction
 * (a failure anywhere leaves no trace), then cached reads are invalidated. Who may write is
 * decided before the resolver runs (the scope plugin, src/auth/scopes.ts); the principal is the
 * one recorded in the audit trail. The dashboard aggregates change in the same transaction: each
 * service wraps its graph changes in `withAggregates`.
 */
import { Neo4jError } from 'neo4j-driver';
import type { Principal } from '../../auth/auth.js';
import type { Context } from '../../context.js';
import type { TxRunner } from '../../db/query.js';
import { AppError, ErrorCode } from '../../errors.js';
import { lockAggregates } from '../aggregates/aggregates.service.js';

const WRITE_TIMEOUT_MS = 30_000;

/**
 * Runs `work` as one audited write. Its first statement takes all the aggregates' locks, unless
 * `locksFirst` says the work's own first statement takes those it needs (LOCK_AGGREGATES): then
 * the locks cost no statement of their own.
 */
export async function write<T>(
  ctx: Context,
  name: string,
  work: (tx: TxRunner, who: Principal) => Promise<T>,
  { locksFirst = false }: { locksFirst?: boolean } = {},
): Promise<T> {
  const who = ctx.principal;
  // The field's scope already refused anonymous writers; this keeps the audit trail honest.
  if (!who) throw new AppError(ErrorCode.UNAUTHENTICATED, 'Writes need a bearer token (an API key or a JWT).');
  const result = await ctx.cypher.writeTransaction(
    name,
    async (tx) => {
      // First, before any node lock: every writer takes the locks in this one order. Sent
      // without waiting: it shares the round trip of the write's first read.
      if (!locksFirst) lockAggregates(tx);
      return work(tx, who);
    },
    WRITE_TIMEOUT_MS,
  );
  ctx.cache.invalidateAll();
  return result;
}

export const isConstraintViolation = (error: unknown) =>
  error instanceof Neo4jError && error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed';

/** An evidence reference as every write takes it. */
export interface EvidenceInput {
  source: string;
  excerpt: string;
  asOf?: string | null;
}
