/**
 * Per-request DataLoaders. Resolvers hand ids to these; each loader turns all the ids a query
 * level asks for into ONE Cypher statement. Loaders for paginated relationships are keyed by
 * their arguments, so parents asking for the same page shape share one batch.
 */
import DataLoader from 'dataloader';
import type { RelationshipType } from './domain/model.js';
import type { QueryRunner } from './db/query.js';
import type { Page } from './pagination.js';
import { degreesOf, factsOf, findEntitiesByIds, type Direction, type EntityRow, type FactRow } from './modules/entity/entity.repository.js';
import {
  countEdgesOf,
  edgesOf,
  type EdgePage,
  type RelationshipFilter,
  type RelationshipSpec,
} from './modules/relationship/relationship.repository.js';
import { findSourceTexts, findSourcesByIds, mentionsOf, type MentionRow, type SourceRow } from './modules/source/source.repository.js';

function byIds<V>(fetch: (ids: readonly string[]) => Promise<Map<string, V>>, missing: V) {
  return async (ids: readonly string[]) => {
    const found = await fetch(ids);
    return ids.map((id) => found.get(id) ?? missing);
  };
}

/** Told the size of every batch (one statement each), for metrics. */
export type BatchObserver = (loader: string, size: number) => void;

export function createLoaders(cypher: QueryRunner, onBatch: BatchObserver = () => {}) {
  const observed =
    <V>(name: string, batch: (ids: readonly string[]) => Promise<V[]>) =>
    (ids: readonly string[]) => {
      onBatch(name, ids.length);
      return batch(ids);
    };
  const keyed = new Map<string, DataLoader<string, unknown>>();
  /** One loader per argument shape, created on first use within the request. */
  function loaderFor<V>(key: string, batch: (ids: readonly string[]) => Promise<V[]>): DataLoader<string, V> {
    let loader = keyed.get(key) as DataLoader<string, V> | undefined;
    if (!loader) {
      loader = new DataLoader<string, V>(observed(key.split(':')[0] ?? key, batch), { maxBatchSize: 1000 });
      keyed.set(key, loader as DataLoader<string, unknown>);
    }
    return loader;
  }

  const entity = new DataLoader<string, EntityRow | null>(
    observed(
      'entity',
      byIds((ids) => findEntitiesByIds(cypher, ids), null),
    ),
    {
      maxBatchSize: 1000,
    },
  );
  const source = new DataLoader<string, SourceRow | null>(
    observed(
      'source',
      byIds((ids) => findSourcesByIds(cypher, ids), null),
    ),
    {
      maxBatchSize: 1000,
    },
  );
  /** A source's cleaned text, read only when a client asks for it (or for an excerpt's span). */
  const sourceText = new DataLoader<string, string | null>(
    observed(
      'sourceText',
      byIds((ids) => findSourceTexts(cypher, ids), null),
    ),
    {
      maxBatchSize: 1000,
    },
  );
  const facts = new DataLoader<string, FactRow[]>(
    observed('facts', async (ids) => {
      const rows = await factsOf(cypher, ids);
      return ids.map((id) => rows.filter((r) => r.nodeId === id));
    }),
    { maxBatchSize: 1000 },
  );

  return {
    entity,
    source,
    sourceText,
    facts,
    /** Remembers rows read by other queries so later id lookups need no statement. */
    primeEntity(row: EntityRow) {
      entity.prime(row.id, row);
      return row;
    },
    /** A page of edges per parent; withCount also counts all of them in the same statement. */
    edges(spec: RelationshipSpec, filter: RelationshipFilter, page: Page, withCount = false) {
      return loaderFor<EdgePage>(`edges:${JSON.stringify([spec, filter, page, withCount])}`, async (ids) => {
        const found = await edgesOf(cypher, spec, filter, ids, page, withCount);
        return ids.map((id) => {
          const result = found.get(id) ?? { rows: [], total: withCount ? 0 : null };
          for (const row of result.rows) entity.prime(row.node.id, row.node);
          return result;
        });
      });
    },
    edgeCount(spec: RelationshipSpec, filter: RelationshipFilter) {
      return loaderFor<number>(
        `edgeCount:${JSON.stringify([spec, filter])}`,
        byIds((ids) => countEdgesOf(cypher, spec, filter, ids), 0),
      );
    },
    degree(types: RelationshipType[] | null, direction: Direction) {
      return loaderFor<number>(
        `degree:${JSON.stringify([types, direction])}`,
        byIds((ids) => degreesOf(cypher, ids, types, direction), 0),
      );
    },
    mentions(side: 'source' | 'node', page: Page) {
      return loaderFor<MentionRow[]>(`mentions:${side}:${JSON.stringify(page)}`, async (ids) => {
        const found = await mentionsOf(cypher, side, ids, page);
        return ids.map((id) => found.get(id) ?? []);
      });
    },
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
