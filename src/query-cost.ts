/**
 * What a relationship page can really hold on this graph, for the query-cost estimate
 * (src/builder.ts). A relationship field asked without `first`/`last` returns at most the
 * default page size, and never more items than the busiest node has relationships of those
 * types: that smaller figure is its multiplier, so ordinary nested queries at default page sizes
 * cost what they can really return. Pages asked for explicitly count as asked.
 *
 * The statistics are read from Neo4j once per process and refreshed in the background at most
 * once a minute (and at most every 5 s after writes, which the read cache's generation reveals);
 * until they are known, defaults count at the full page size.
 */
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

const specs = new Map<string, (args: Record<string, unknown>) => ConnectionSpec>();
let maxDegree: Map<string, number> | null = null;
let loadedAt = 0;
let loading: Promise<void> | null = null;
let stale = false;
let generationSeen: string | null = null;

/** Tells the estimate which relationships a connection field walks ("Actor.priorities"). */
export function registerConnectionSpec(key: string, specOf: (args: Record<string, unknown>) => ConnectionSpec): void {
  specs.set(key, specOf);
}

export function setDegreeStatistics(rows: ReadonlyArray<{ type: string; direction: 'OUT' | 'IN'; maxDegree: number }> | null): void {
  maxDegree = rows ? new Map(rows.map((r) => [`${r.type}:${r.direction}`, r.maxDegree])) : null;
  loadedAt = Date.now();
  stale = false;
}

/**
 * Makes sure statistics exist before a request is costed: waits (briefly) only for the first
 * load; later refreshes run in the background. A failing database leaves the defaults in force.
 */
export async function ensureDegreeStatistics(runner: QueryRunner, writeGeneration: string): Promise<void> {
  // Writes bump the read cache's generation: degrees may have grown since the last load.
  if (generationSeen !== null && generationSeen !== writeGeneration) stale = true;
  generationSeen = writeGeneration;
  const age = Date.now() - loadedAt;
  const due = age > REFRESH_MS || (stale && age > AFTER_WRITE_REFRESH_MS);
  if (due && !loading) {
    loading = maxDegreesByType(runner)
      .then((rows) => setDegreeStatistics(rows))
      .catch(() => {
        loadedAt = Date.now() - REFRESH_MS + 5_000; // retry in 5 s
      })
      .finally(() => {
        loading = null;
      });
  }
  if (maxDegree === null && loading) {
    await Promise.race([loading, new Promise((resolve) => setTimeout(resolve, FIRST_LOAD_WAIT_MS).unref())]);
  }
}

/**
 * The most items a connection field can return on this graph, or null when unknown (not a
 * relationship field, or no statistics yet). `parentTypes` are tried in order (the concrete
 * type, then the interface that defines the field).
 */
export function connectionBound(parentTypes: readonly string[], field: string, args: Record<string, unknown>): number | null {
  if (!maxDegree) return null;
  const specOf = parentTypes.map((p) => specs.get(`${p}.${field}`)).find(Boolean);
  if (!specOf) return null;
  const { types, direction } = specOf(args);
  let bound = 0;
  for (const type of types) {
    if (direction !== 'IN') bound += maxDegree.get(`${type}:OUT`) ?? 0;
    if (direction !== 'OUT') bound += maxDegree.get(`${type}:IN`) ?? 0;
  }
  return bound;
}
