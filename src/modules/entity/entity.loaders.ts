/** The entity module's per-request loaders: nodes by id, their facts, their degrees. */
import type { RelationshipType } from '../../domain/model.js';
import type { LoaderKit } from '../../loaders.js';
import { degreesOf, factsOf, findEntitiesByIds, type Direction, type EntityRow, type FactRow } from './entity.repository.js';

export function entityLoaders({ cypher, loader, byId, keyed }: LoaderKit) {
  const entity = byId<EntityRow | null>('entity', (ids) => findEntitiesByIds(cypher, ids), null);
  return {
    entity,
    facts: loader<FactRow[]>('facts', async (ids) => {
      const rows = await factsOf(cypher, ids);
      return ids.map((id) => rows.filter((r) => r.nodeId === id));
    }),
    /** Remembers rows read by other queries so later id lookups need no statement. */
    primeEntity(row: EntityRow) {
      entity.prime(row.id, row);
      return row;
    },
    degree(types: RelationshipType[] | null, direction: Direction) {
      return keyed<number>(`degree:${JSON.stringify([types, direction])}`, async (ids) => {
        const found = await degreesOf(cypher, ids, types, direction);
        return ids.map((id) => found.get(id) ?? 0);
      });
    },
  };
}

export type EntityLoaders = ReturnType<typeof entityLoaders>;

declare module '../../loaders.js' {
  interface Loaders extends EntityLoaders {}
}
