/**
 * Relationships as relay connections with edge properties and evidence. One factory makes
 * every relationship field, typed per relationship (Programme.partners has `role` and `since`
 * on its edges; Norm.promoters has `forum`), and the generic `Entity.relationships` field.
 * Every field reads through the request's edge loaders, under the plan of its place in the query
 * (relationship.plan.ts): a root field's statement may have read the page already (primed), and
 * anything else is batched one statement per query level.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { builder, type SchemaTypes as Types } from '../../builder.js';
import { type ConnectionSpecOf, connectionSpecExtension } from '../../query-cost.js';
import {
  RELATIONSHIP_TYPE_NAMES,
  isRelationshipType,
  propertiesOfTypes,
  type NodeLabel,
  type RelationshipType,
} from '../../domain/model.js';
import type { ArgBuilder } from '@pothos/core';
import type { Context } from '../../context.js';
import { toConnection, type Connection } from '../../pagination.js';
import { DirectionEnum, EntityKindEnum, Evidence, PartialDate, RelationshipTypeEnum, totalCountField } from '../common/common.types.js';
import type { Direction, EntityRow } from '../entity/entity.repository.js';
import { EntityRef, EntityTypeRefs, refFor } from '../entity/entity.refs.js';
import { kindsOf } from '../common/kinds.js';
import { countOnly, planOf, primeChildren, relationshipSpecExtension, type RelationshipArgs } from './relationship.plan.js';
import type { EdgeRow, RelationshipSpec } from './relationship.repository.js';

export interface RelationshipFieldSpec {
  field: string;
  description: string;
  types: readonly RelationshipType[];
  direction: Direction;
  /** Labels of the node at the other end; null for any. */
  target: readonly NodeLabel[] | null;
  /** Adds a `status` argument choosing SIGNED, RATIFIED or both (treaty participation). */
  treatyStatus?: boolean;
}

type EdgeShape = EdgeRow & { cursor: string };
/** What a connection resolver returns: a page, and a count that runs only when selected. */
type ConnectionShape = Connection<EdgeShape> & { totalCount: () => Promise<number> };

export const TreatyStatusEnum = builder.enumType('TreatyStatus', {
  description: 'How a state takes part in a treaty.',
  values: {
    SIGNED: { value: 'SIGNED', description: 'Signed (whether or not ratified since).' },
    RATIFIED: { value: 'RATIFIED', description: 'Ratified or acceded.' },
    ANY: { value: 'ANY', description: 'Signed or ratified.' },
  } as const,
});

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Edge fields for the properties a set of relationship types may carry. */
function propertyFields(types: readonly RelationshipType[], e: PothosSchemaTypes.ObjectFieldBuilder<Types, EdgeShape>) {
  const fields: Record<string, unknown> = {};
  for (const [key, kind] of propertiesOfTypes(types)) {
    const read = (edge: EdgeShape) => (edge.props[key] as string | null | undefined) ?? null;
    if (kind === 'date') {
      fields[key] = e.field({
        type: PartialDate,
        nullable: true,
        description: `The relationship's ${key} date, if the source gives one.`,
        resolve: read,
      });
    } else if (kind === 'nodeId') {
      fields[key] = e.field({
        type: EntityRef,
        nullable: true,
        description: `The node named by the relationship's ${key} property (e.g. the forum used).`,
        resolve: async (edge, _args, ctx) => {
          const id = read(edge);
          return id ? ctx.loaders.entity.load(id) : null;
        },
      });
    } else {
      fields[key] = e.string({ nullable: true, description: `The relationship's ${key}, as the source states it.`, resolve: read });
    }
  }
  return fields;
}

function commonEdgeFields(e: PothosSchemaTypes.ObjectFieldBuilder<Types, EdgeShape>) {
  return {
    type: e.field({ type: RelationshipTypeEnum, description: 'The relationship type.', resolve: (edge: EdgeShape) => edge.type }),
    direction: e.field({
      type: DirectionEnum,
      description: 'OUT when the node asked about is the start of the relationship.',
      resolve: (edge: EdgeShape) => (edge.outgoing ? 'OUT' : 'IN'),
    }),
    evidence: e.field({
      type: Evidence,
      description: 'The source that states this relationship and a verbatim excerpt.',
      resolve: (edge: EdgeShape) => edge.props,
    }),
  };
}

/** The arguments every relationship connection takes; `kinds` must be kinds of the target labels. */
const connectionArgs = (arg: ArgBuilder<Types>, targetLabels: readonly NodeLabel[] | null) => ({
  kinds: arg({
    type: [EntityKindEnum],
    required: false,
    description: 'Only nodes of these kinds at the other end.',
    validate: targetLabels ? kindsOf(targetLabels) : undefined,
  }),
  withSlugs: arg.stringList({ required: false, description: 'Only these nodes (by slug) at the other end.' }),
});

async function resolveEdges(
  parent: EntityRow,
  args: RelationshipArgs,
  ctx: Context,
  info: GraphQLResolveInfo,
  spec: RelationshipSpec,
): Promise<ConnectionShape> {
  // Found in the loader when a parent's statement read it already (primed), else batched per level.
  const plan = planOf(info, ctx, spec, args);
  const { rows, total } = await ctx.loaders.edges(plan).load(parent.id);
  for (const row of rows) primeChildren(ctx, plan.node, row.node);
  const connection = toConnection(
    rows,
    plan.page,
    (r) => r.key,
    (row) => ({ ...row }),
  );
  return {
    ...connection,
    // Counted in the page's statement when the query asks for it.
    totalCount: async () => total ?? (await ctx.loaders.edges(countOnly(plan)).load(parent.id)).total ?? 0,
  };
}

/** The spec of a typed field: its types, narrowed by a `status` argument on treaty participation. */
function typedSpecOf(spec: RelationshipFieldSpec) {
  return (args: RelationshipArgs): RelationshipSpec => {
    const types: readonly RelationshipType[] = !spec.treatyStatus
      ? spec.types
      : args.status === 'SIGNED'
        ? ['SIGNED']
        : args.status === 'RATIFIED'
          ? ['RATIFIED']
          : spec.types;
    return { types, direction: spec.direction, targetLabels: spec.target };
  };
}

/** The connection field for one relationship spec, on a node type or on the Entity interface. */
function typedConnection(
  t: PothosSchemaTypes.FieldBuilder<Types, EntityRow, 'Object' | 'Interface'>,
  parentType: string,
  spec: RelationshipFieldSpec,
) {
  const name = `${parentType}${pascal(spec.field)}`;
  const specOf = typedSpecOf(spec);
  return t.connection(
    {
      type: refFor(spec.target),
      description: spec.description,
      args: {
        ...connectionArgs(t.arg, spec.target),
        ...(spec.treatyStatus
          ? { status: t.arg({ type: TreatyStatusEnum, required: false, defaultValue: 'ANY', description: 'Signed, ratified or either.' }) }
          : {}),
      },
      // The spec rides on the field, for the read planner and for the query-cost estimate.
      extensions: { ...connectionSpecExtension(specOf as ConnectionSpecOf), ...relationshipSpecExtension(specOf) },
      resolve: (parent, args, ctx, info) => resolveEdges(parent, args, ctx, info, specOf(args)),
    },
    {
      name: `${name}Connection`,
      description: `${spec.description} A page of relationships, each with its evidence.`,
      fields: (c) => totalCountField(c, 'How many relationships match, over all pages. Counted only when asked for.'),
    },
    {
      name: `${name}Edge`,
      description: `One relationship of ${parentType}.${spec.field}, with its properties and evidence.`,
      fields: (e) => ({ ...commonEdgeFields(e), ...propertyFields(spec.types, e) }),
    },
  );
}

/** Adds one typed relationship connection field to a node type (or to the Entity interface). */
export function addRelationshipField(parentType: string, spec: RelationshipFieldSpec) {
  if (parentType === 'Entity') builder.interfaceField(EntityRef, spec.field, (t) => typedConnection(t, parentType, spec));
  else builder.objectField(EntityTypeRefs[parentType as NodeLabel], spec.field, (t) => typedConnection(t, parentType, spec));
}

/** The generic field every node has: any relationship types, either direction, any target. */
export function addGenericRelationshipsField() {
  const specOf = (args: RelationshipArgs): RelationshipSpec => ({
    types: args.types?.length ? args.types.filter(isRelationshipType) : RELATIONSHIP_TYPE_NAMES,
    direction: args.direction ?? 'BOTH',
    targetLabels: null,
  });
  builder.interfaceField(EntityRef, 'relationships', (t) =>
    t.connection(
      {
        type: EntityRef,
        description: 'Relationships of any of the given types (all when omitted) in the given direction, with evidence.',
        args: {
          ...connectionArgs(t.arg, null),
          types: t.arg({ type: [RelationshipTypeEnum], required: false, description: 'Relationship types to follow; all when omitted.' }),
          direction: t.arg({ type: DirectionEnum, required: false, defaultValue: 'BOTH', description: 'Which way to follow them.' }),
        },
        extensions: { ...connectionSpecExtension(specOf as ConnectionSpecOf), ...relationshipSpecExtension(specOf) },
        resolve: (parent, args, ctx, info) => resolveEdges(parent, args, ctx, info, specOf(args)),
      },
      {
        name: 'RelationshipConnection',
        description: 'A page of relationships of a node, each with its evidence.',
        fields: (c) => totalCountField(c, 'How many relationships match, over all pages. Counted only when asked for.'),
      },
      {
        name: 'RelationshipEdge',
        description: 'One relationship, with every property it may carry and its evidence.',
        fields: (e) => ({ ...commonEdgeFields(e), ...propertyFields(RELATIONSHIP_TYPE_NAMES, e) }),
      },
    ),
  );
}
