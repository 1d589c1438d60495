/**
 * Relay cursor pagination done in the database: keyset cursors (the sort key values of the
 * last row seen), both directions, one extra row fetched to know whether another page exists.
 *
 * A cursor names what issued it: a short tag of the field and sort order (the page's `scope`)
 * comes first, so a cursor from `actors` sorted by name is refused by `treaties` or under a
 * date order (INVALID_CURSOR), and its values must be plain scalars: a crafted cursor can never
 * reach Neo4j as anything but the keys it was made of.
 */
import { createHash } from 'node:crypto';
import { ClientError, ErrorCode } from './errors.js';
import type { Limits } from './limits.js';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** What a repository needs: a direction, how many rows, and where to start (decoded cursor). */
export interface Page {
  backward: boolean;
  size: number;
  /** Sort-key values after (forward) or before (backward) which to read; null from the start. */
  cursor: unknown[] | null;
  /** What issues this page's cursors (field and order); their tag. */
  scope: string;
}

/** Longest cursor accepted (a real one is well under 1,000 characters). */
export const MAX_CURSOR_LENGTH = 2_000;

const scopeTag = (scope: string) => createHash('sha256').update(scope).digest('base64url').slice(0, 8);

export function encodeCursor(values: unknown[], scope = ''): string {
  return encodeTagged(values, scopeTag(scope));
}

const encodeTagged = (values: unknown[], tag: string) => Buffer.from(JSON.stringify([tag, ...values]), 'utf8').toString('base64url');

const isScalar = (v: unknown) =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

export function decodeCursor(cursor: string, argument: string, arity: number, scope = ''): unknown[] {
  if (cursor.length <= MAX_CURSOR_LENGTH) {
    try {
      const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      if (Array.isArray(decoded) && decoded.length === arity + 1 && decoded[0] === scopeTag(scope) && decoded.every(isScalar))
        return decoded.slice(1);
    } catch {
      // fall through
    }
  }
  throw new ClientError(ErrorCode.INVALID_CURSOR, `${argument} is not a cursor this field issued (with this order).`, { argument });
}

/**
 * Validates first/after/last/before and turns them into a Page. `scope` names the field and its
 * order (e.g. "actors:NAME:ASC"): cursors are only accepted by the scope that issued them.
 */
export function toPage(args: PageArgs, arity: number, scope: string, limits: Pick<Limits, 'maxPageSize' | 'defaultPageSize'>): Page {
  const { maxPageSize } = limits;
  const { first, after, last, before } = args;
  if (first != null && last != null) {
    throw new ClientError(ErrorCode.BAD_USER_INPUT, 'Use either first/after or last/before, not both.', { argument: 'first' });
  }
  for (const [name, value] of [
    ['first', first],
    ['last', last],
  ] as const) {
    if (value == null) continue;
    if (value < 0) throw new ClientError(ErrorCode.BAD_USER_INPUT, `${name} must not be negative.`, { argument: name });
    if (value > maxPageSize) {
      throw new ClientError(ErrorCode.PAGE_SIZE_EXCEEDED, `${name} is ${value}, above the maximum page size of ${maxPageSize}.`, {
        argument: name,
        maximum: maxPageSize,
      });
    }
  }
  const backward = last != null || (before != null && first == null);
  const size = (backward ? last : first) ?? Math.min(limits.defaultPageSize, maxPageSize);
  const cursorArg = backward ? before : after;
  return {
    backward,
    size,
    cursor: cursorArg ? decodeCursor(cursorArg, backward ? 'before' : 'after', arity, scope) : null,
    scope,
  };
}

export interface Connection<E> {
  edges: E[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/**
 * Builds a relay connection from rows read with `LIMIT size + 1` in the page's direction
 * (descending for backward pages; a query that selects no `pageInfo` may read just `size`).
 * `keyOf` gives each row's sort-key values for its cursor. Cursors are made when first read
 * (an edge's `cursor`, pageInfo's start and end): a query that selects none (most nested ones)
 * encodes none.
 */
export function toConnection<R, E extends object>(
  rows: R[],
  page: Page,
  keyOf: (row: R) => unknown[],
  toEdge: (row: R) => E,
): Connection<E & { cursor: string }> {
  const hasMore = rows.length > page.size;
  const kept = rows.slice(0, page.size);
  if (page.backward) kept.reverse();
  let tag: string | undefined;
  const tagOf = () => {
    tag ??= scopeTag(page.scope);
    return tag;
  };
  const edges = kept.map((row) => {
    let cursor: string | undefined;
    return Object.defineProperty(toEdge(row), 'cursor', {
      get: () => {
        cursor ??= encodeTagged(keyOf(row), tagOf());
        return cursor;
      },
      enumerable: true,
    }) as E & { cursor: string };
  });
  return {
    edges,
    pageInfo: {
      // Forward: more after this page is known; a previous page exists if we started from a cursor.
      hasNextPage: page.backward ? page.cursor !== null : hasMore,
      hasPreviousPage: page.backward ? hasMore : page.cursor !== null,
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges.at(-1)?.cursor ?? null;
      },
    },
  };
}

/**
 * The Cypher predicate "row comes after the cursor" for ascending keys k1, k2, ... (or before it,
 * for backward pages): (k1 > $c0) OR (k1 = $c0 AND k2 > $c1) OR ...
 * `keys` are Cypher expressions from code (never user text); cursor values are parameters.
 */
export function keysetPredicate(keys: readonly string[], param: string, page: Page, descending = false): string {
  if (!page.cursor) return 'true';
  // A backward page over ascending keys reads "before" the cursor, and vice versa.
  const op = page.backward !== descending ? '<' : '>';
  const clauses = keys.map((key, i) => {
    const equal = keys.slice(0, i).map((k, j) => `${k} = $${param}[${j}]`);
    return [...equal, `${key} ${op} $${param}[${i}]`].join(' AND ');
  });
  return `(${clauses.map((c) => `(${c})`).join(' OR ')})`;
}

/** ORDER BY for the keys in the page's reading direction. */
export function keysetOrder(keys: readonly string[], page: Page, descending = false): string {
  const dir = page.backward !== descending ? 'DESC' : 'ASC';
  return keys.map((k) => `${k} ${dir}`).join(', ');
}
