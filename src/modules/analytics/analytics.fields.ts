/**
 * What the analytics fields share: the bounds on traversals, the check that refuses an argument
 * out of bounds, and how a relationship shows its type, properties and evidence (path hops,
 * neighbourhood edges, comparison links).
 */
import { builder, type SchemaTypes } from '../../builder.js';
import { RELATIONSHIP_PROPERTY_KEYS } from '../../domain/model.js';
import { badInput } from '../../errors.js';
import { DEFAULT_LIMITS, type Limits } from '../../limits.js';
import { Evidence, RelationshipTypeEnum } from '../common/common.types.js';
import type { RelationshipRow } from './analytics.repository.js';

/**
 * Bounds on traversals; requests above them are refused with BAD_USER_INPUT naming the bound.
 * Path length and neighbourhood size come from the app's limits (configurable); the printed
 * schema states their defaults.
 */
export const analyticsLimits = (limits: Readonly<Limits>) => ({
  maxPathLength: limits.maxPathLength,
  maxPaths: 50,
  maxDepth: limits.maxNeighbourhoodDepth,
  maxNodes: limits.maxNeighbourhoodNodes,
  maxEdges: 5000,
  maxCompared: 3,
  maxCommon: 5,
});

/** The bounds with the default limits: what argument descriptions state. */
export const ANALYTICS_LIMITS = analyticsLimits(DEFAULT_LIMITS);

export function bounded(argument: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badInput(argument, `must be between ${min} and ${max}; got ${value}`);
  }
  return value;
}

const RelationshipProperties = builder.objectRef<Record<string, unknown>>('RelationshipProperties').implement({
  description: 'The properties a relationship may carry besides its evidence; null where the type has none.',
  fields: (t) =>
    Object.fromEntries(
      RELATIONSHIP_PROPERTY_KEYS.map((key) => [
        key,
        t.string({
          nullable: true,
          description: `The relationship's ${key}${key === 'forum' ? ' (the slug of the forum node)' : ''}.`,
          resolve: (props) => (props[key] == null ? null : String(props[key])),
        }),
      ]),
    ),
});

/** The type, properties and evidence fields of any object that carries a relationship as `rel`. */
export const relationshipFields = <Hop extends { rel: RelationshipRow }>(t: PothosSchemaTypes.ObjectFieldBuilder<SchemaTypes, Hop>) => ({
  type: t.field({
    type: RelationshipTypeEnum,
    description: 'The relationship type.',
    resolve: (h) => h.rel.type,
  }),
  properties: t.field({
    type: RelationshipProperties,
    description: 'Its properties.',
    resolve: (h) => h.rel.props,
  }),
  evidence: t.field({
    type: Evidence,
    description: 'The source and excerpt that state it.',
    resolve: (h) => h.rel.props,
  }),
});
