/**
 * What a relationship page can really hold on this graph, for the query-cost estimate
 * (src/builder.ts). A relationship field asked without `first`/`last` returns at most the
 * default page size, and never more items than the busiest node has relationships of those
 * types: that smaller figure is its multiplier, so ordinary nested queries at default page sizes
 * cost what they can really return. Pages asked for explicitly count as asked.
 *
 * Each app holds its own DegreeStatistics (built in createApp, carried on the request context):
 * read from Neo4j on the first request and refreshed in the background at most once a minute
 * (and at most every 5 s after writes, which the read cache's generation reveals); until they
 * are known, defaults count at the full page size. Which relationships a field walks is part of
 * the schema: the field's `connectionSpec` extension (see connectionSpecOf).
 */
import type { GraphQLField } from 'graphql';
import type { QueryRunner } from './db/query.js';
import { maxDegreesByType } from './modules/graph/graph.repository.js';

type Direction = 'OUT' | 'IN' | 'BOTH';
export interface ConnectionSpec {
  types: readonly string[];
  direction: Direction;
}

const REFRESH_MS = 60_000;
/**
 * After a write, the soonest the statistics are read again: reading them scans the graph, so a
 * stream of writes must not turn into a stream of scans.
 */
const AFTER_WRITE_REFRESH_MS = 5_000;
/** How long a request waits for the first statistics before it is costed without them. */
const FIRST_LOAD_WAIT_MS = 2_000;

export type ConnectionSpecOf = (args: Record<string, unknown>) => ConnectionSpec;

/** The extension a connection field carries to say which relationships it walks. */
export const connectionSpecExtension = (specOf: ConnectionSpecOf) => ({ connectionSpec: specOf });

/** The relationships a connection field walks, from its `connectionSpec` extension (null: none). */
export function connectionSpecOf(field: Pick<GraphQLField<unknown, unknown>, 'extensions'> | undefined): ConnectionSpecOf | null {
  const specOf = (field?.extensions as { connectionSpec?: unknown } | undefined)?.connectionSpec;
  return typeof specOf === 'function' ? (specOf as ConnectionSpecOf) : null;
}

/** The busiest node's degree per relationship type and direction, for one app's database. */
export class DegreeStatistics {
  private maxDegree: Map<string, number> | null = null;
  private loadedAt = 0;
  private loading: Promise<void> | null = null;
  private stale = false;
  private generationSeen: string | null = null;

  constructor(private readonly runner: QueryRunner) {}

  set(rows: ReadonlyArray<{ type: string; direction: 'OUT' | 'IN'; maxDegree: number }> | null): void {
    this.maxDegree = rows ? new Map(rows.map((r) => [`${r.type}:${r.direction}`, r.maxDegree])) : null;
    this.loadedAt = Date.now();
    this.stale = false;
  }

  /**
   * Makes sure statistics exist before a request is costed: waits (briefly) only for the first
   * load; later refreshes run in the background. A failing database leaves the defaults in force.
   */
  async ensure(writeGeneration: string): Promise<void> {
    // Writes bump the read cache's generation: degrees may have grown since the last load.
    if (this.generationSeen !== null && this.generationSeen !== writeGeneration) this.stale = true;
    this.generationSeen = writeGeneration;
    const age = Date.now() - this.loadedAt;
    const due = age > REFRESH_MS || (this.stale && age > AFTER_WRITE_REFRESH_MS);
    if (due && !this.loading) {
      this.loading = maxDegreesByType(this.runner)
        .then((rows) => this.set(rows))
        .catch(() => {
          this.loadedAt = Date.now() - REFRESH_MS + 5_000; // retry in 5 s
        })
        .finally(() => {
          this.loading = null;
        });
    }
    if (this.maxDegree === null && this.loading) {
      await Promise.race([this.loading, new Promise((resolve) => setTimeout(resolve, FIRST_LOAD_WAIT_MS).unref())]);
    }
  }

  /**
   * The most items a connection field can return on this graph, or null when unknown (not a
   * relationship field, or no statistics yet).
   */
  bound(specOf: ConnectionSpecOf | null, args: Record<string, unknown>): number | null {
    if (!this.maxDegree || !specOf) return null;
    const { types, direction } = specOf(args);
    let bound = 0;
    for (const type of types) {
      if (direction !== 'IN') bound += this.maxDegree.get(`${type}:OUT`) ?? 0;
      if (direction !== 'OUT') bound += this.maxDegree.get(`${type}:IN`) ?? 0;
    }
    return bound;
  }
}
