/**
 * Planning reads from a query's selection: what a root field's node (or page of nodes) and the
 * relationship fields below it read, so the repositories can read it all in one statement (only
 * the selected properties, each relationship page as a nested subquery, totalCount when asked).
 * The pages a plan brings are primed in the request's edge loaders under the plan as key, so
 * each connection resolver finds its page there; anything a plan does not cover is still batched
 * one statement per query level by the same loaders.
 *
 * Which fields are relationship fields, and the relationships each walks, comes from the schema:
 * every relationship field carries its spec as a field extension (relationshipSpecExtension).
 */
import {
  Kind,
  getArgumentValues,
  isInterfaceType,
  isObjectType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { Context } from '../../context.js';
import { propertiesOfTypes, type NodeLabel } from '../../domain/model.js';
import type { Limits } from '../../limits.js';
import { toPage, type Page, type PageArgs } from '../../pagination.js';
import { kindsOf } from '../common/kinds.js';
import type { Direction, EntityRow } from '../entity/entity.repository.js';
import {
  EDGE_KEY_ARITY,
  type EdgePlan,
  type EntityProperty,
  type NodePlan,
  type PlannedRow,
  type RelationshipFilter,
  type RelationshipSpec,
} from './relationship.repository.js';

/** The arguments every relationship connection field may take (only some take status, types and direction). */
export interface RelationshipArgs extends PageArgs {
  kinds?: string[] | null;
  withSlugs?: string[] | null;
  status?: 'SIGNED' | 'RATIFIED' | 'ANY' | null;
  types?: readonly string[] | null;
  direction?: Direction | null;
}

export type RelationshipSpecOf = (args: RelationshipArgs) => RelationshipSpec;

/** The extension a relationship field carries: how its arguments choose the relationships it reads. */
export const relationshipSpecExtension = (specOf: RelationshipSpecOf) => ({ relationshipSpec: specOf });

/** The spec function of a relationship field, from its `relationshipSpec` extension (null: not one). */
function relationshipSpecOf(field: Pick<GraphQLField<unknown, unknown>, 'extensions'> | undefined): RelationshipSpecOf | null {
  const specOf = (field?.extensions as { relationshipSpec?: unknown } | undefined)?.relationshipSpec;
  return typeof specOf === 'function' ? (specOf as RelationshipSpecOf) : null;
}

/**
 * Whether a field name is a relationship field wherever a node type (or the Entity interface)
 * has it: such a field reads only the node's id.
 */
function isRelationshipField(schema: GraphQLSchema, name: string): boolean {
  const entity = schema.getType('Entity');
  if (!isInterfaceType(entity)) return false;
  const fields = [entity, ...schema.getPossibleTypes(entity)].flatMap((type) => type.getFields()[name] ?? []);
  return fields.length > 0 && fields.every((field) => relationshipSpecOf(field) !== null);
}

/** What one connection field asks of the edge loader, derived from its arguments alone. */
export interface EdgeRequest {
  spec: RelationshipSpec;
  filter: RelationshipFilter;
  page: Page;
}

export function edgeRequest(spec: RelationshipSpec, args: RelationshipArgs, limits: Limits): EdgeRequest {
  const page = toPage(args, EDGE_KEY_ARITY, `edges:${spec.types.join('|')}:${spec.direction}`, limits);
  // Kinds are validated with the field's arguments (the validation plugin); planning checks them itself.
  const filter = { kinds: args.kinds ?? null, otherIds: args.withSlugs ?? null };
  return { spec, filter, page };
}

/**
 * Node fields and the node properties they read. A selection made only of these (and of
 * relationship fields, which read the id) projects just those properties; any other field makes
 * the plan read every property, so a field added later can never see a half-read row.
 */
const NODE_FIELD_PROPERTIES: Readonly<Record<string, readonly EntityProperty[]>> = {
  __typename: [],
  id: [],
  slug: [],
  name: ['name'],
  aliases: ['aliases'],
  description: ['description'],
  kind: ['kind'],
  date: ['date'],
  code: ['code'],
  countryCode: ['countryCode'],
  location: ['location'],
  version: ['version'],
  facts: [],
  degree: [],
  mentions: [],
  statusCounts: [],
  reportedCounts: [],
  states: [],
  statusSources: [],
};

/** Edge fields that read nothing beyond what every edge row holds (its type and sort key). */
const PLAIN_EDGE_FIELDS = new Set(['__typename', 'cursor', 'type']);

/** Nested relationship pages read in one statement, at most this many levels below a root field. */
const MAX_PLANNED_DEPTH = 6;

/** What planning needs besides the selection: the query's schema, fragments and variables, and the app's limits. */
interface Planning {
  info: GraphQLResolveInfo;
  limits: Limits;
}

/** The fields of some selection sets by response key: `applying` to a type, and every field node. */
function collectFields(
  sets: readonly (SelectionSetNode | undefined)[],
  typeName: string,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
): { applying: Map<string, FieldNode[]>; all: FieldNode[] } {
  const applying = new Map<string, FieldNode[]>();
  const all: FieldNode[] = [];
  const visit = (set: SelectionSetNode | undefined, applies: boolean, seen: ReadonlySet<string>) => {
    for (const s of set?.selections ?? []) {
      const sure = applies && !s.directives?.length;
      if (s.kind === Kind.FIELD) {
        all.push(s);
        if (sure) {
          const key = s.alias?.value ?? s.name.value;
          applying.set(key, [...(applying.get(key) ?? []), s]);
        }
      } else {
        if (s.kind === Kind.FRAGMENT_SPREAD && seen.has(s.name.value)) continue;
        const fragment = s.kind === Kind.INLINE_FRAGMENT ? s : fragments[s.name.value];
        const condition = fragment?.typeCondition?.name.value;
        const fits = !condition || condition === typeName || condition === 'Entity' || condition === 'Node';
        if (fragment) visit(fragment.selectionSet, sure && fits, s.kind === Kind.FRAGMENT_SPREAD ? new Set([...seen, s.name.value]) : seen);
      }
    }
  };
  for (const set of sets) visit(set, true, new Set());
  return { applying, all };
}

/** The fields selected inside the fields named `name` among `fields` (fragments included). */
function fieldsInside(fields: readonly FieldNode[], name: string, planning: Planning): FieldNode[] {
  return collectFields(
    fields.filter((f) => f.name.value === name).map((f) => f.selectionSet),
    '',
    planning.info.fragments,
  ).all;
}

/** What a query reads of nodes of `typeName` for these selection sets (their properties and child pages). */
function planNode(typeName: string, sets: readonly (SelectionSetNode | undefined)[], planning: Planning, depth: number): NodePlan {
  const { info } = planning;
  const { applying, all } = collectFields(sets, typeName, info.fragments);
  const properties = new Set<EntityProperty>();
  let everything = false;
  for (const field of all) {
    const needs = NODE_FIELD_PROPERTIES[field.name.value];
    if (needs) for (const p of needs) properties.add(p);
    else if (!isRelationshipField(info.schema, field.name.value)) everything = true;
  }
  const children: EdgePlan[] = [];
  const type = info.schema.getType(typeName);
  if (depth < MAX_PLANNED_DEPTH && (isObjectType(type) || isInterfaceType(type))) {
    const fields = type.getFields();
    for (const nodes of applying.values()) {
      const [first] = nodes;
      const field = first ? fields[first.name.value] : undefined;
      const specOf = relationshipSpecOf(field);
      if (!first || !field || !specOf || nodes.some((n) => n.name.value !== first.name.value)) continue;
      try {
        // Coerced by the schema: the field's own arguments.
        const args = getArgumentValues(field, first, info.variableValues) as RelationshipArgs;
        const spec = specOf(args);
        // Arguments the field's validation refuses are left to it (not planned, so no read for them).
        if (args.kinds && spec.targetLabels && !kindsOf(spec.targetLabels).safeParse(args.kinds).success) continue;
        children.push(planEdges(edgeRequest(spec, args, planning.limits), nodes, planning, depth + 1));
      } catch {
        // Bad arguments: the field's own resolver reports them.
      }
    }
  }
  return { properties: everything ? null : [...properties].sort(), label: null, children };
}

/** What a relationship connection field reads: its page, its count, edge properties, its nodes' plan. */
function planEdges(request: EdgeRequest, fieldNodes: readonly FieldNode[], planning: Planning, depth: number): EdgePlan {
  const connection = collectFields(
    fieldNodes.map((n) => n.selectionSet),
    '',
    planning.info.fragments,
  ).all;
  const has = (name: string) => connection.some((f) => f.name.value === name);
  const modelProperties = new Set<string>(propertiesOfTypes(request.spec.types).keys());
  const properties = new Set<string>();
  let everything = false;
  let direction = false;
  let evidence = false;
  const nodeSets = connection.filter((f) => f.name.value === 'nodes').map((f) => f.selectionSet);
  for (const field of fieldsInside(connection, 'edges', planning)) {
    const name = field.name.value;
    if (name === 'node') nodeSets.push(field.selectionSet);
    else if (name === 'direction') direction = true;
    else if (name === 'evidence') evidence = true;
    else if (modelProperties.has(name)) properties.add(name);
    else if (!PLAIN_EDGE_FIELDS.has(name)) everything = true;
  }
  const targets = request.spec.targetLabels;
  const single: NodeLabel | null = targets?.length === 1 ? (targets[0] ?? null) : null;
  const node = planNode(single ?? 'Entity', nodeSets, planning, depth);
  return {
    ...request,
    rows: has('edges') || has('nodes') || has('pageInfo'),
    withCount: has('totalCount'),
    more: has('pageInfo'),
    properties: everything ? null : [...properties].sort(),
    evidence,
    direction,
    node: { ...node, label: single },
  };
}

/**
 * The plan of a relationship field at its place in the query: the same for every parent there,
 * so it is made once per request (the request's edge loaders keep it).
 */
export function planOf(info: GraphQLResolveInfo, ctx: Context, spec: RelationshipSpec, args: RelationshipArgs): EdgePlan {
  return ctx.loaders.edgePlan(info.fieldNodes, () =>
    planEdges(edgeRequest(spec, args, ctx.limits), info.fieldNodes, { info, limits: ctx.limits }, 0),
  );
}

/** The same page's count alone (for a totalCount the plan did not count). */
export function countOnly(plan: EdgePlan): EdgePlan {
  return {
    ...plan,
    rows: false,
    withCount: true,
    more: false,
    properties: [],
    evidence: false,
    direction: false,
    node: { properties: [], label: null, children: [] },
  };
}

/**
 * Hands the child pages a planned row carries to the loaders the child fields will ask, so they
 * find them there and run no statement of their own.
 */
export function primeChildren(ctx: Context, plan: NodePlan, row: EntityRow): void {
  plan.children.forEach((child, i) => {
    const page = (row as PlannedRow)[`c${i}`];
    if (page) ctx.loaders.primeEdges(child, row.id, page);
  });
}

/**
 * The plan for a node a root field returns (its properties and the relationship pages asked of
 * it), or null when the selection asks no relationship page (a plain lookup serves it).
 */
export function planRootNode(typeName: string, info: GraphQLResolveInfo, limits: Limits): NodePlan | null {
  const plan = planNode(
    typeName,
    info.fieldNodes.map((n) => n.selectionSet),
    { info, limits },
    0,
  );
  return plan.children.length > 0 ? plan : null;
}

/**
 * Whether a root connection's selection asks for `pageInfo` (fragments and conditional fields
 * included): only then is one row past the page read, to tell whether more follow.
 */
export function selectsPageInfo(info: GraphQLResolveInfo): boolean {
  return collectFields(
    info.fieldNodes.map((n) => n.selectionSet),
    '',
    info.fragments,
  ).all.some((f) => f.name.value === 'pageInfo');
}

/** The plan for the nodes of a root connection (its `edges { node }` and `nodes` selections). */
export function planConnectionNodes(typeName: string, info: GraphQLResolveInfo, limits: Limits): NodePlan {
  const planning = { info, limits };
  const connection = collectFields(
    info.fieldNodes.map((n) => n.selectionSet),
    '',
    info.fragments,
  ).all;
  const sets = [
    ...connection.filter((f) => f.name.value === 'nodes').map((f) => f.selectionSet),
    ...fieldsInside(connection, 'edges', planning)
      .filter((f) => f.name.value === 'node')
      .map((f) => f.selectionSet),
  ];
  return planNode(typeName, sets, planning, 0);
}
