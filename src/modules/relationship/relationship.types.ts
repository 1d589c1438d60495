/**
 * Relationships as relay connections with edge properties and evidence. One factory makes
 * every relationship field, typed per relationship (Programme.partners has `role` and `since`
 * on its edges; Norm.promoters has `forum`), and the generic `Entity.relationships` field.
 * Every field reads through the request's edge loader: one statement per query level.
 */
import {
  Kind,
  getArgumentValues,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import { builder, type SchemaTypes as Types } from '../../builder.js';
import type { Limits } from '../../limits.js';
import { type ConnectionSpecOf, connectionSpecExtension, connectionSpecOf } from '../../query-cost.js';
import {
  RELATIONSHIP_TYPE_NAMES,
  isRelationshipType,
  propertiesOfTypes,
  type NodeLabel,
  type RelationshipType,
} from '../../domain/model.js';
import type { ArgBuilder } from '@pothos/core';
import type { Context } from '../../context.js';
import { toConnection, toPage, type Connection, type Page, type PageArgs } from '../../pagination.js';
import { DirectionEnum, EntityKindEnum, Evidence, PartialDate, RelationshipTypeEnum, totalCountField } from '../common/common.types.js';
import type { Direction, EntityRow } from '../entity/entity.repository.js';
import { EntityRef, EntityTypeRefs, refFor } from '../entity/entity.refs.js';
import { kindsOf } from '../common/kinds.js';
import { EDGE_KEY_ARITY, type EdgePage, type EdgeRow, type RelationshipFilter, type RelationshipSpec } from './relationship.repository.js';

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

/** The arguments every relationship connection field may take (only some take status, types and direction). */
interface RelationshipArgs extends PageArgs {
  kinds?: string[] | null;
  withSlugs?: string[] | null;
  status?: 'SIGNED' | 'RATIFIED' | 'ANY' | null;
  types?: readonly string[] | null;
  direction?: Direction | null;
}

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

/** What one connection field asks of the edge loader, derived from its arguments alone. */
interface EdgeRequest {
  spec: RelationshipSpec;
  filter: RelationshipFilter;
  page: Page;
}

function edgeRequest(spec: RelationshipSpec, args: RelationshipArgs, limits: Limits): EdgeRequest {
  const page = toPage(args, EDGE_KEY_ARITY, `edges:${spec.types.join('|')}:${spec.direction}`, limits);
  // Kinds were validated with the arguments (connectionArgs); the prefetch checks them itself.
  const filter = { kinds: args.kinds ?? null, otherIds: args.withSlugs ?? null };
  return { spec, filter, page };
}

/** Whether a field's selection (fragments included) asks for `name`. */
function selects(nodes: readonly FieldNode[], name: string, fragments: Record<string, FragmentDefinitionNode>): boolean {
  const inSet = (set: SelectionSetNode | undefined): boolean =>
    !!set?.selections.some((s) =>
      s.kind === Kind.FIELD
        ? s.name.value === name
        : s.kind === Kind.INLINE_FRAGMENT
          ? inSet(s.selectionSet)
          : inSet(fragments[s.name.value]?.selectionSet),
    );
  return nodes.some((n) => inSet(n.selectionSet));
}

/** The connection fields that need a page read (totalCount alone needs only a count). */
const PAGE_FIELDS = ['edges', 'nodes', 'pageInfo'];

function loadEdges(ctx: Context, request: EdgeRequest, parentId: string, withCount: boolean): Promise<EdgePage> {
  return ctx.loaders.edges(request.spec, request.filter, request.page, withCount).load(parentId);
}

async function resolveEdges(
  parent: EntityRow,
  args: RelationshipArgs,
  ctx: Context,
  info: GraphQLResolveInfo,
  spec: RelationshipSpec,
): Promise<ConnectionShape> {
  const request = edgeRequest(spec, args, ctx.limits);
  const countOnly = !PAGE_FIELDS.some((f) => selects(info.fieldNodes, f, info.fragments));
  if (countOnly) {
    // Only totalCount (or nothing) asked: count, read no page.
    const connection = toConnection(
      [],
      request.page,
      () => [],
      (row: EdgeRow, cursor) => ({ ...row, cursor }),
    );
    return { ...connection, totalCount: () => ctx.loaders.edgeCount(request.spec, request.filter).load(parent.id) };
  }
  // totalCount is counted in the page's statement when the query asks for it.
  const withCount = selects(info.fieldNodes, 'totalCount', info.fragments);
  const { rows, total } = await loadEdges(ctx, request, parent.id, withCount);
  const connection = toConnection(
    rows,
    request.page,
    (r) => r.key,
    (row, cursor) => ({ ...row, cursor }),
  );
  return {
    ...connection,
    totalCount: async () => total ?? ctx.loaders.edgeCount(request.spec, request.filter).load(parent.id),
  };
}

/**
 * Starts the edge pages a query will ask of one node, before the node itself is loaded: called
 * by root fields that fetch a node by slug, so the lookup and its relationships' first level run
 * in parallel instead of one after the other. The loads go through the same per-request loaders
 * the connection resolvers use (same arguments, same cache key), so the resolvers later find
 * them in the loader's cache: no statement runs twice. Anything unusual (directives, bad
 * arguments) is left to the resolver.
 */
export function prefetchRelationships(typeName: string, parentId: string, info: GraphQLResolveInfo, ctx: Context): void {
  const type = info.schema.getType(typeName);
  if (!type || !('getFields' in type)) return;
  const fields = (type as GraphQLObjectType).getFields();
  const byKey = new Map<string, FieldNode[]>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (s.directives?.length) continue;
      if (s.kind === Kind.FIELD) {
        const key = s.alias?.value ?? s.name.value;
        byKey.set(key, [...(byKey.get(key) ?? []), s]);
      } else {
        const fragment = s.kind === Kind.INLINE_FRAGMENT ? s : info.fragments[s.name.value];
        const condition = fragment?.typeCondition?.name.value;
        if (fragment && (!condition || condition === typeName)) visit(fragment.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  for (const nodes of byKey.values()) {
    const first = nodes[0]!; // grouped, so never empty
    const name = first.name.value;
    const field = fields[name];
    // Each relationship field carries its spec in the schema (see addRelationshipField).
    const specOf = connectionSpecOf(field) as ((args: RelationshipArgs) => RelationshipSpec) | null;
    if (!specOf || !field || nodes.some((n) => n.name.value !== name)) continue;
    try {
      // Coerced by the schema: the field's own arguments.
      const args = getArgumentValues(field, first, info.variableValues) as RelationshipArgs;
      const spec = specOf(args);
      // Arguments the field's validation refuses are left to it (no load for them).
      if (args.kinds && spec.targetLabels && !kindsOf(spec.targetLabels).safeParse(args.kinds).success) continue;
      const request = edgeRequest(spec, args, ctx.limits);
      const countOnly = !PAGE_FIELDS.some((f) => selects(nodes, f, info.fragments));
      const load: Promise<unknown> = countOnly
        ? selects(nodes, 'totalCount', info.fragments)
          ? ctx.loaders.edgeCount(request.spec, request.filter).load(parentId)
          : Promise.resolve()
        : loadEdges(ctx, request, parentId, selects(nodes, 'totalCount', info.fragments));
      load.catch(() => {});
    } catch {
      // The resolver reports it.
    }
  }
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
      // The spec rides on the field, for prefetching and for the query-cost estimate.
      extensions: connectionSpecExtension(specOf as ConnectionSpecOf),
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
        extensions: connectionSpecExtension(specOf as ConnectionSpecOf),
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
