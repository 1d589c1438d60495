/** The relationship module's per-request loaders: pages of edges per parent, and their counts. */
import type DataLoader from 'dataloader';
import type { LoaderKit } from '../../loaders.js';
import type { Page } from '../../pagination.js';
import type { EntityRow } from '../entity/entity.repository.js';
import { countEdgesOf, edgesOf, type EdgePage, type RelationshipFilter, type RelationshipSpec } from './relationship.repository.js';

/** `entity`: the request's entity loader, primed with the nodes each page brings along. */
export function relationshipLoaders({ cypher, keyed }: LoaderKit, { entity }: { entity: DataLoader<string, EntityRow | null> }) {
  return {
    /** A page of edges per parent; withCount also counts all of them in the same statement. */
    edges(spec: RelationshipSpec, filter: RelationshipFilter, page: Page, withCount = false) {
      return keyed<EdgePage>(`edges:${JSON.stringify([spec, filter, page, withCount])}`, async (ids) => {
        const found = await edgesOf(cypher, spec, filter, ids, page, withCount);
        return ids.map((id) => {
          const result = found.get(id) ?? { rows: [], total: withCount ? 0 : null };
          for (const row of result.rows) entity.prime(row.node.id, row.node);
          return result;
        });
      });
    },
    edgeCount(spec: RelationshipSpec, filter: RelationshipFilter) {
      return keyed<number>(`edgeCount:${JSON.stringify([spec, filter])}`, async (ids) => {
        const found = await countEdgesOf(cypher, spec, filter, ids);
        return ids.map((id) => found.get(id) ?? 0);
      });
    },
  };
}

export type RelationshipLoaders = ReturnType<typeof relationshipLoaders>;

declare module '../../loaders.js' {
  interface Loaders extends RelationshipLoaders {}
}
