/**
 * What the analytics repositories share: how a relationship comes back from Cypher (its ends by
 * slug, its type and properties) and the default set of relationship types to walk. The Cypher
 * itself lives by capability: paths.repository.ts, neighbourhood.repository.ts,
 * compare.repository.ts, rankings.repository.ts, dashboard.repository.ts. Every traversal has a
 * length or size bound enforced there, so no request can make Neo4j expand without limit.
 */
import { RELATIONSHIP_TYPE_NAMES, type RelationshipType } from '../../domain/model.js';

/** A relationship as returned by analytics queries: its ends by slug, its type and properties. */
export interface RelationshipRow {
  type: RelationshipType;
  startId: string;
  endId: string;
  props: Record<string, unknown> & { source: string; excerpt: string; asOf?: string | null };
}

/** The Cypher map projection of relationship variable `r` into a RelationshipRow. */
export const relationshipProjection = (r: string) =>
  `{type: type(${r}), startId: startNode(${r}).id, endId: endNode(${r}).id, props: properties(${r})}`;

/** The domain relationship types (never MENTIONS/ATTESTS, whose start is a Source). */
export const typesOrAll = (types: readonly RelationshipType[] | null | undefined) =>
  types && types.length > 0 ? [...types] : [...RELATIONSHIP_TYPE_NAMES];
