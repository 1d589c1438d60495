/**
 * Per-request DataLoaders: the shapes every module builds its loaders from. Resolvers hand ids
 * to loaders; each loader turns all the ids a query level asks for into ONE Cypher statement.
 * Loaders for paginated relationships are keyed by their arguments, so parents asking for the
 * same page shape share one batch.
 *
 * This file imports no module: each module declares its loaders in its own `*.loaders.ts`
 * (a factory over a LoaderKit) and adds them to the Loaders interface below
 * (`declare module '../../loaders.js'`); app.ts, the composition root, builds them per request.
 * So the context (context.ts) knows the loaders' types without importing any module.
 */
import DataLoader from 'dataloader';
import type { QueryRunner } from './db/query.js';

/**
 * The request's loaders, as every module adds them: entity.loaders.ts, source.loaders.ts,
 * relationship.loaders.ts.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging, one module at a time
export interface Loaders {}

/** Told the size of every batch (one statement each), for metrics. */
export type BatchObserver = (loader: string, size: number) => void;

/** What a module's loader factory builds with: the request's runner and loaders that report their batches. */
export interface LoaderKit {
  /** The request's query runner (it counts the request's statements). */
  cypher: QueryRunner;
  /** A loader whose batch returns one value per id, in the ids' order. */
  loader<V>(name: string, batch: (ids: readonly string[]) => Promise<V[]>): DataLoader<string, V>;
  /** A loader of rows by id: one statement per batch; an id not found gets `missing`. */
  byId<V>(name: string, fetch: (ids: readonly string[]) => Promise<Map<string, V>>, missing: V): DataLoader<string, V>;
  /** One loader per argument shape (`name:arguments`), created on first use within the request. */
  keyed<V>(key: string, batch: (ids: readonly string[]) => Promise<V[]>): DataLoader<string, V>;
}

const MAX_BATCH = 1000;

export function createLoaderKit(cypher: QueryRunner, onBatch: BatchObserver = () => {}): LoaderKit {
  const loader = <V>(name: string, batch: (ids: readonly string[]) => Promise<V[]>) =>
    new DataLoader<string, V>(
      (ids) => {
        onBatch(name, ids.length);
        return batch(ids);
      },
      { maxBatchSize: MAX_BATCH },
    );
  const keyed = new Map<string, DataLoader<string, unknown>>();
  return {
    cypher,
    loader,
    byId: (name, fetch, missing) =>
      loader(name, async (ids) => {
        const found = await fetch(ids);
        return ids.map((id) => found.get(id) ?? missing);
      }),
    keyed<V>(key: string, batch: (ids: readonly string[]) => Promise<V[]>) {
      let existing = keyed.get(key) as DataLoader<string, V> | undefined;
      if (!existing) {
        existing = loader(key.split(':')[0] ?? key, batch);
        keyed.set(key, existing as DataLoader<string, unknown>);
      }
      return existing;
    },
  };
}
