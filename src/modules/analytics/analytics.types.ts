/**
 * Exploration and dashboard fields: paths between nodes, neighbourhoods shaped for graph
 * drawing libraries, common connections, side-by-side comparison, rankings, group-by counts,
 * timelines and evidence coverage. Every relationship returned carries its evidence.
 */
import { builder, type SchemaTypes } from '../../builder.js';
import type { Context } from '../../context.js';
import type { QueryRunner } from '../../db/query.js';
import { NODE_LABELS, RELATIONSHIP_PROPERTY_KEYS, type NodeLabel, type RelationshipType } from '../../domain/model.js';
import { badInput, notFound } from '../../errors.js';
import { DEFAULT_LIMITS, type Limits } from '../../limits.js';
import {
  DirectionEnum,
  EntityKindEnum,
  EntityLabelEnum,
  Evidence,
  LanguageEnum,
  PartialDate,
  RelationshipTypeEnum,
  SourceRef,
} from '../common/common.types.js';
import { EntityRef } from '../entity/entity.refs.js';
import { resolveEntities, resolveEntity } from '../entity/entity.resolve.js';
import type { EntityRow } from '../entity/entity.repository.js';
import {
  GROUP_KEYS,
  commonConnections,
  evidenceCoverage,
  groupCount,
  mostConnected,
  neighbourhood,
  neighbourhoodsOf,
  shortestPaths,
  timeline,
  typesOrAll,
  type GroupKey,
  type RelationshipRow,
  type TimelineRow,
} from './analytics.repository.js';
import { countNodesByLabel } from '../graph/graph.repository.js';
import { LabelCountRef } from '../graph/graph.types.js';

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
const ANALYTICS_LIMITS = analyticsLimits(DEFAULT_LIMITS);

function bounded(argument: string, value: number, min: number, max: number): number {
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

interface HopShape {
  rel: RelationshipRow;
  /** Whether the hop walks the relationship from its start to its end. */
  forward: boolean;
}

const relationshipFields = <Hop extends { rel: RelationshipRow }>(t: PothosSchemaTypes.ObjectFieldBuilder<SchemaTypes, Hop>) => ({
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

const PathHop = builder.objectRef<HopShape>('PathHop').implement({
  description: 'One step of a path: the relationship walked, which way, and its evidence.',
  fields: (t) => ({
    ...relationshipFields(t),
    direction: t.field({
      type: DirectionEnum,
      description: "OUT when the relationship points along the path (from this hop's `from` to its `to`).",
      resolve: (h) => (h.forward ? 'OUT' : 'IN'),
    }),
    from: t.field({
      type: EntityRef,
      description: 'Where the hop starts (on the path).',
      resolve: (h, _a, ctx) => ctx.loaders.entity.load(h.forward ? h.rel.startId : h.rel.endId) as Promise<EntityRow>,
    }),
    to: t.field({
      type: EntityRef,
      description: 'Where the hop ends (on the path).',
      resolve: (h, _a, ctx) => ctx.loaders.entity.load(h.forward ? h.rel.endId : h.rel.startId) as Promise<EntityRow>,
    }),
  }),
});

const PathRef = builder.objectRef<{ nodes: EntityRow[]; hops: HopShape[] }>('Path').implement({
  description: 'A path between two nodes.',
  fields: (t) => ({
    length: t.int({ description: 'Number of hops.', resolve: (p) => p.hops.length }),
    nodes: t.field({ type: [EntityRef], description: 'The nodes in order, both ends included.', resolve: (p) => p.nodes }),
    hops: t.field({ type: [PathHop], description: 'The relationships walked, in order.', resolve: (p) => p.hops }),
  }),
});

builder.queryField('paths', (t) =>
  t.field({
    type: [PathRef],
    description:
      "Shortest path (or all shortest paths) between two nodes, with every hop's type, direction, properties and evidence. Empty when none exists within maxLength.",
    args: {
      from: t.arg.string({
        required: true,
        description: 'The first node: a slug, a global id, or an exact name or alias in either language ("Brazil", "Jepang").',
      }),
      to: t.arg.string({
        required: true,
        description: 'The second node: a slug, a global id, or an exact name or alias in either language.',
      }),
      maxLength: t.arg.int({
        required: false,
        defaultValue: 4,
        description: `Most hops to consider (1 to MAX_PATH_LENGTH, ${ANALYTICS_LIMITS.maxPathLength} unless configured).`,
      }),
      relationshipTypes: t.arg({ type: [RelationshipTypeEnum], required: false, description: 'Only walk these relationship types.' }),
      through: t.arg({
        type: [EntityLabelEnum],
        required: false,
        description: 'Only pass through nodes of these types (the ends may be anything).',
      }),
      all: t.arg.boolean({ required: false, defaultValue: false, description: 'Return all shortest paths, not just one.' }),
      limit: t.arg.int({ required: false, defaultValue: 10, description: `Most paths to return (1 to ${ANALYTICS_LIMITS.maxPaths}).` }),
    },
    resolve: async (_root, args, ctx) => {
      const maxLength = bounded('maxLength', args.maxLength ?? 4, 1, ctx.limits.maxPathLength);
      const limit = bounded('limit', args.limit ?? 10, 1, ANALYTICS_LIMITS.maxPaths);
      // Both ends in one batched lookup, not one after the other.
      const [from, to] = await Promise.all([resolveEntity(ctx, 'from', args.from), resolveEntity(ctx, 'to', args.to)]);
      if (from.id === to.id) throw badInput('to', 'must differ from `from`');
      const {
        fromFound,
        toFound,
        paths: rows,
      } = await shortestPaths(ctx.cypher, {
        fromId: from.id,
        toId: to.id,
        maxLength,
        types: (args.relationshipTypes as RelationshipType[] | null) ?? null,
        throughLabels: (args.through as NodeLabel[] | null) ?? null,
        all: args.all ?? false,
        limit,
      });
      if (!fromFound) throw notFound('node', from.id);
      if (!toFound) throw notFound('node', to.id);
      return rows.map((row) => {
        for (const n of row.nodes) ctx.loaders.primeEntity(n);
        return {
          nodes: row.nodes,
          hops: row.relationships.map((rel, i) => ({ rel, forward: rel.startId === row.nodes[i]?.id })),
        };
      });
    },
  }),
);

// ---- Neighbourhood ---------------------------------------------------------------------

const GraphNode = builder.objectRef<EntityRow>('GraphNode').implement({
  description: 'A node shaped for graph-drawing libraries (Cytoscape, Sigma, D3, vis-network).',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'The slug; edges refer to it in `source` and `target`.' }),
    label: t.field({ type: EntityLabelEnum, description: 'The node type.', resolve: (n) => n.label }),
    kind: t.field({ type: EntityKindEnum, description: 'The sub-kind.', resolve: (n) => n.kind }),
    name: t.exposeString('name', { description: 'Display name.' }),
    entity: t.field({ type: EntityRef, description: 'The full node, for any other field.', resolve: (n) => n }),
  }),
});

const GraphEdge = builder.objectRef<{ rel: RelationshipRow }>('GraphEdge').implement({
  description: 'An edge shaped for graph-drawing libraries: source and target are node ids (slugs).',
  fields: (t) => ({
    id: t.string({
      description: 'A stable id: type, ends and source.',
      resolve: (e) => `${e.rel.type}:${e.rel.startId}:${e.rel.endId}:${e.rel.props.source}`,
    }),
    source: t.string({ description: 'The slug of the start node.', resolve: (e) => e.rel.startId }),
    target: t.string({ description: 'The slug of the end node.', resolve: (e) => e.rel.endId }),
    ...relationshipFields(t),
  }),
});

const Subgraph = builder
  .objectRef<{ nodes: EntityRow[]; edges: Array<{ rel: RelationshipRow }>; truncated: boolean; maxNodes: number; maxEdges: number }>(
    'Subgraph',
  )
  .implement({
    description: 'Nodes and the relationships among them, capped in size.',
    fields: (t) => ({
      nodes: t.field({ type: [GraphNode], description: 'The nodes.', resolve: (s) => s.nodes }),
      edges: t.field({ type: [GraphEdge], description: 'Relationships among the nodes.', resolve: (s) => s.edges }),
      truncated: t.boolean({
        description: 'True when a cap cut the result: more nodes or edges exist within the requested depth.',
        resolve: (s) => s.truncated,
      }),
      maxNodes: t.int({ description: 'The node cap that applied.', resolve: (s) => s.maxNodes }),
      maxEdges: t.int({ description: 'The edge cap that applied.', resolve: (s) => s.maxEdges }),
    }),
  });

builder.queryField('neighbourhood', (t) =>
  t.field({
    type: Subgraph,
    description:
      'The nodes within `depth` hops of a node and the relationships among them, capped at maxNodes and maxEdges (`truncated` says when a cap cut it).',
    args: {
      slug: t.arg.string({
        required: true,
        description: 'The centre node: a slug, a global id, or an exact name or alias in either language.',
      }),
      depth: t.arg.int({ required: false, defaultValue: 1, description: `Hops from the centre (1 to ${ANALYTICS_LIMITS.maxDepth}).` }),
      relationshipTypes: t.arg({ type: [RelationshipTypeEnum], required: false, description: 'Only follow these types.' }),
      labels: t.arg({ type: [EntityLabelEnum], required: false, description: 'Only include nodes of these types (besides the centre).' }),
      maxNodes: t.arg.int({
        required: false,
        defaultValue: 150,
        description: `Node cap, centre included (1 to MAX_NEIGHBOURHOOD_NODES, ${ANALYTICS_LIMITS.maxNodes} unless configured).`,
      }),
      maxEdges: t.arg.int({ required: false, defaultValue: 1000, description: `Edge cap (1 to ${ANALYTICS_LIMITS.maxEdges}).` }),
    },
    resolve: async (_root, args, ctx) => {
      const depth = bounded('depth', args.depth ?? 1, 1, ctx.limits.maxNeighbourhoodDepth);
      const maxNodes = bounded('maxNodes', args.maxNodes ?? 150, 1, ctx.limits.maxNeighbourhoodNodes);
      const maxEdges = bounded('maxEdges', args.maxEdges ?? 1000, 1, ANALYTICS_LIMITS.maxEdges);
      const centre = await resolveEntity(ctx, 'slug', args.slug);
      // One statement: the centre, every hop and the edges among the nodes found.
      const found = await neighbourhood(ctx.cypher, {
        centreId: centre.id,
        depth,
        types: typesOrAll(args.relationshipTypes as RelationshipType[] | null),
        labels: (args.labels as NodeLabel[] | null) ?? null,
        maxNodes,
        edgeLimit: maxEdges + 1,
      });
      if (!found) throw notFound('node', centre.id);
      const { nodes, relationships } = found;
      const truncated = found.nodesCut || relationships.length > maxEdges;
      for (const n of nodes) ctx.loaders.primeEntity(n);
      return { nodes, edges: relationships.slice(0, maxEdges).map((rel) => ({ rel })), truncated, maxNodes, maxEdges };
    },
  }),
);

// ---- Common connections and comparison ------------------------------------------------------

const LinkRef = builder.objectRef<{ actorId: string; rel: RelationshipRow }>('ConnectionLink').implement({
  description: 'How one of the compared nodes is related to a shared node.',
  fields: (t) => ({
    of: t.field({
      type: EntityRef,
      description: 'The compared node this link belongs to.',
      resolve: (l, _a, ctx) => ctx.loaders.entity.load(l.actorId) as Promise<EntityRow>,
    }),
    direction: t.field({
      type: DirectionEnum,
      description: 'OUT when the compared node is the start of the relationship.',
      resolve: (l) => (l.rel.startId === l.actorId ? 'OUT' : 'IN'),
    }),
    ...relationshipFields(t),
  }),
});

const CommonConnection = builder
  .objectRef<{ node: EntityRow; links: Array<{ actorId: string; rel: RelationshipRow }> }>('CommonConnection')
  .implement({
    description: 'A node that every one of the given nodes is directly related to, with each of those relationships.',
    fields: (t) => ({
      node: t.field({
        type: EntityRef,
        description: 'The shared node (a programme, treaty, organisation, norm, ...).',
        resolve: (c) => c.node,
      }),
      category: t.field({ type: EntityLabelEnum, description: 'Its type, for grouping.', resolve: (c) => c.node.label }),
      links: t.field({
        type: [LinkRef],
        description: 'How each given node relates to it (with status, role, dates and evidence).',
        resolve: (c) => c.links,
      }),
    }),
  });

/** The slugs of the nodes the references name (see resolveEntities), each once, min to max of them. */
async function distinctNodes(ctx: Context, argument: string, refs: string[], min: number, max: number): Promise<string[]> {
  if (refs.length > max * 2) throw badInput(argument, `needs ${min} to ${max} different nodes; got ${refs.length} references`);
  const unique = [...new Set((await resolveEntities(ctx, argument, refs)).map((row) => row.id))];
  if (unique.length < min || unique.length > max) throw badInput(argument, `needs ${min} to ${max} different nodes; got ${unique.length}`);
  return unique;
}

builder.queryField('commonConnections', (t) =>
  t.field({
    type: [CommonConnection],
    description:
      'What two or more nodes share: the programmes, treaties, memberships, norms, instruments and topics each of them is directly related to.',
    args: {
      slugs: t.arg.stringList({
        required: true,
        description: `The nodes to compare (2 to ${ANALYTICS_LIMITS.maxCommon}), each a slug, a global id, or an exact name or alias in either language.`,
      }),
      relationshipTypes: t.arg({ type: [RelationshipTypeEnum], required: false, description: 'Only these relationship types.' }),
      labels: t.arg({ type: [EntityLabelEnum], required: false, description: 'Only shared nodes of these types.' }),
      limit: t.arg.int({ required: false, defaultValue: 100, description: 'Most shared nodes to return (1 to 1000).' }),
    },
    resolve: async (_root, args, ctx) => {
      const limit = bounded('limit', args.limit ?? 100, 1, 1000);
      const slugs = await distinctNodes(ctx, 'slugs', args.slugs, 2, ANALYTICS_LIMITS.maxCommon);
      const rows = await commonConnections(
        ctx.cypher,
        slugs,
        typesOrAll(args.relationshipTypes as RelationshipType[] | null),
        (args.labels as NodeLabel[] | null) ?? null,
        limit,
      );
      for (const r of rows) ctx.loaders.primeEntity(r.node);
      return rows;
    },
  }),
);

interface ComparisonRowShape {
  node: EntityRow;
  cells: Array<{ actorId: string; links: Array<{ actorId: string; rel: RelationshipRow }> }>;
}

const ComparisonCell = builder.objectRef<ComparisonRowShape['cells'][number]>('ComparisonCell').implement({
  description: "One compared node against one row: its relationships to the row's node (empty when none).",
  fields: (t) => ({
    of: t.field({
      type: EntityRef,
      description: 'The compared node.',
      resolve: (c, _a, ctx) => ctx.loaders.entity.load(c.actorId) as Promise<EntityRow>,
    }),
    present: t.boolean({ description: "Whether it is related to the row's node at all.", resolve: (c) => c.links.length > 0 }),
    links: t.field({ type: [LinkRef], description: "Its relationships to the row's node, with evidence.", resolve: (c) => c.links }),
  }),
});

const ComparisonRow = builder.objectRef<ComparisonRowShape>('ComparisonRow').implement({
  description: 'One related node (a programme, treaty, organisation, ...) and how each compared node relates to it.',
  fields: (t) => ({
    node: t.field({ type: EntityRef, description: 'The related node.', resolve: (r) => r.node }),
    category: t.field({ type: EntityLabelEnum, description: 'Its type, for grouping rows.', resolve: (r) => r.node.label }),
    shared: t.boolean({
      description: 'Whether every compared node is related to it.',
      resolve: (r) => r.cells.every((c) => c.links.length > 0),
    }),
    cells: t.field({ type: [ComparisonCell], description: 'One cell per compared node, in the order given.', resolve: (r) => r.cells }),
  }),
});

const Comparison = builder.objectRef<{ slugs: string[]; rows: ComparisonRowShape[]; truncated: boolean }>('Comparison').implement({
  description: 'A side-by-side comparison of up to three nodes.',
  fields: (t) => ({
    compared: t.field({
      type: [EntityRef],
      description: 'The compared nodes, in the order given.',
      resolve: async (c, _a, ctx) => (await ctx.loaders.entity.loadMany(c.slugs)) as EntityRow[],
    }),
    rows: t.field({
      type: [ComparisonRow],
      description: 'Every node related to any of them, shared ones first, then by type and name.',
      resolve: (c) => c.rows,
    }),
    truncated: t.boolean({
      description: 'True when a compared node had more relationships than the per-node cap.',
      resolve: (c) => c.truncated,
    }),
  }),
});

builder.queryField('compare', (t) =>
  t.field({
    type: Comparison,
    description:
      'Side-by-side comparison of two or three nodes (usually actors): programmes, treaties with status, memberships, norms, instruments and topics, each cell with evidence.',
    args: {
      slugs: t.arg.stringList({
        required: true,
        description: `The nodes to compare (2 to ${ANALYTICS_LIMITS.maxCompared}), each a slug, a global id, or an exact name or alias in either language.`,
      }),
      relationshipTypes: t.arg({ type: [RelationshipTypeEnum], required: false, description: 'Only these relationship types.' }),
    },
    resolve: async (_root, args, ctx) => {
      const slugs = await distinctNodes(ctx, 'slugs', args.slugs, 2, ANALYTICS_LIMITS.maxCompared);
      const perNode = 500;
      const rows = await neighbourhoodsOf(ctx.cypher, slugs, typesOrAll(args.relationshipTypes as RelationshipType[] | null), perNode + 1);
      const counts = new Map<string, number>();
      const byNode = new Map<string, ComparisonRowShape>();
      for (const row of rows) {
        counts.set(row.actorId, (counts.get(row.actorId) ?? 0) + 1);
        if (slugs.includes(row.node.id)) continue; // a compared node related to another is not a row
        let entry = byNode.get(row.node.id);
        if (!entry) {
          entry = { node: ctx.loaders.primeEntity(row.node), cells: slugs.map((actorId) => ({ actorId, links: [] })) };
          byNode.set(row.node.id, entry);
        }
        entry.cells[slugs.indexOf(row.actorId)]?.links.push({ actorId: row.actorId, rel: row.rel });
      }
      const shared = (r: ComparisonRowShape) => (r.cells.every((c) => c.links.length > 0) ? 0 : 1);
      const sorted = [...byNode.values()].sort(
        (a, b) =>
          shared(a) - shared(b) ||
          NODE_LABELS.indexOf(a.node.label) - NODE_LABELS.indexOf(b.node.label) ||
          a.node.name.localeCompare(b.node.name),
      );
      return { slugs, rows: sorted, truncated: [...counts.values()].some((n) => n > perNode) };
    },
  }),
);

// ---- Rankings --------------------------------------------------------------------------

const RankedNode = builder.objectRef<{ node: EntityRow; degree: number }>('RankedNode').implement({
  description: 'A node and its number of relationships.',
  fields: (t) => ({
    node: t.field({ type: EntityRef, description: 'The node.', resolve: (r) => r.node }),
    degree: t.int({ description: 'Its number of relationships of the counted types.', resolve: (r) => r.degree }),
  }),
});

builder.queryField('mostConnected', (t) =>
  t.field({
    type: [RankedNode],
    description:
      'Nodes ranked by number of relationships, optionally per type of node and of relationship: e.g. programmes by partners (labels: [Programme], relationshipTypes: [PARTNER_IN]) or actors by programmes.',
    args: {
      labels: t.arg({ type: [EntityLabelEnum], required: false, description: 'Only rank these types of node.' }),
      relationshipTypes: t.arg({ type: [RelationshipTypeEnum], required: false, description: 'Count only these relationship types.' }),
      direction: t.arg({ type: DirectionEnum, required: false, defaultValue: 'BOTH', description: 'Count only this direction.' }),
      limit: t.arg.int({ required: false, defaultValue: 10, description: 'How many to return (1 to 100).' }),
    },
    resolve: async (_root, args, ctx) => {
      const rows = await mostConnected(
        ctx.cypher,
        (args.labels as NodeLabel[] | null) ?? null,
        (args.relationshipTypes as RelationshipType[] | null) ?? null,
        (args.direction ?? 'BOTH') as 'OUT' | 'IN' | 'BOTH',
        bounded('limit', args.limit ?? 10, 1, 100),
      );
      for (const r of rows) ctx.loaders.primeEntity(r.node);
      return rows;
    },
  }),
);

// ---- Dashboard ---------------------------------------------------------------------------

const GroupKeyEnum = builder.enumType('GroupKey', {
  description: 'What to group relationships by (start = the node the relationship points from).',
  values: Object.fromEntries(Object.keys(GROUP_KEYS).map((k) => [k, { value: k }])) as Record<string, { value: string }>,
});

/** Kinds and languages are stored lower case; clients see them as the enums spell them. */
const ENUM_CASED_KEYS = new Set<GroupKey>(['START_KIND', 'END_KIND', 'SOURCE_LANGUAGE']);

interface GroupCountShape {
  by: GroupKey[];
  keys: Array<string | null>;
  count: number;
}

const GroupKeyValue = builder.objectRef<{ key: GroupKey; value: string | null }>('GroupKeyValue').implement({
  description: 'One key of a group, by name: e.g. { key: START_KIND, value: "STATE" }.',
  fields: (t) => ({
    key: t.field({ type: GroupKeyEnum, description: 'Which key.', resolve: (k) => k.key }),
    value: t.string({ nullable: true, description: 'Its value (null when absent, e.g. no region).', resolve: (k) => k.value }),
  }),
});

const GroupCount = builder.objectRef<GroupCountShape>('GroupCount').implement({
  description:
    'One group and its number of relationships. Kinds, labels, types and languages are spelled as their enums (STATE, Actor, PARTNER_IN, EN), as in the CSV export.',
  fields: (t) => ({
    keys: t.field({
      type: ['String'],
      nullable: { list: false, items: true },
      description: "The group's key values, in groupBy order (null when absent, e.g. no region).",
      resolve: (g) => g.keys,
    }),
    values: t.field({
      type: [GroupKeyValue],
      description: 'The same values by name, so a client needs no positions.',
      resolve: (g) => g.by.map((key, i) => ({ key, value: g.keys[i] ?? null })),
    }),
    value: t.string({
      nullable: true,
      description: 'The value of one key (null when the group has no such key, or it is absent).',
      args: { key: t.arg({ type: GroupKeyEnum, required: true, description: 'Which key.' }) },
      resolve: (g, args) => {
        const i = g.by.indexOf(args.key as GroupKey);
        return i === -1 ? null : g.keys[i];
      },
    }),
    count: t.int({ description: 'Relationships in the group.', resolve: (g) => g.count }),
  }),
});

async function groupCounts(cypher: QueryRunner, args: Parameters<typeof groupCount>[1]): Promise<GroupCountShape[]> {
  const rows = await groupCount(cypher, args);
  const by = [...args.groupBy];
  return rows.map((r) => ({
    by,
    keys: r.keys.map((value, i) => (value !== null && ENUM_CASED_KEYS.has(by[i]!) ? value.toUpperCase() : value)),
    count: r.count,
  }));
}

const TimelineItem = builder.objectRef<TimelineRow>('TimelineItem').implement({
  description: "A dated item: a node's headline date, or a dated relationship (a signature, an adoption, a start).",
  fields: (t) => ({
    date: t.field({ type: PartialDate, description: 'The date, as precise as the source gives it.', resolve: (i) => i.date }),
    node: t.field({
      type: EntityRef,
      description: 'The dated node (the treaty signed, the instrument adopted, the event held).',
      resolve: (i) => i.node,
    }),
    relationshipType: t.field({
      type: RelationshipTypeEnum,
      nullable: true,
      description: 'For dated relationships: the type.',
      resolve: (i) => i.rel?.type ?? null,
    }),
    actor: t.field({
      type: EntityRef,
      nullable: true,
      description: 'For dated relationships: who (the start node).',
      resolve: (i) => i.other,
    }),
    evidence: t.field({
      type: Evidence,
      nullable: true,
      description: 'For dated relationships: the evidence.',
      resolve: (i) => i.rel?.props ?? null,
    }),
  }),
});

const PeriodCount = builder.objectRef<{ period: string; count: number }>('PeriodCount').implement({
  description: 'How many dated items fall in a period.',
  fields: (t) => ({
    period: t.exposeString('period', { description: 'The year (YYYY) or month (YYYY-MM).' }),
    count: t.exposeInt('count', { description: 'Items in it.' }),
  }),
});

/** Every year ("2015") or month ("2015-03") from `first` to `last`, both included. */
export function periodsBetween(first: string, last: string): string[] {
  const month = first.length === 7;
  const index = (p: string) => Number(p.slice(0, 4)) * 12 + (month ? Number(p.slice(5, 7)) - 1 : 0);
  const step = month ? 1 : 12;
  const out: string[] = [];
  for (let i = index(first); i <= index(last) && out.length < 10_000; i += step) {
    const year = String(Math.floor(i / 12)).padStart(4, '0');
    out.push(month ? `${year}-${String((i % 12) + 1).padStart(2, '0')}` : year);
  }
  return out;
}

const GranularityEnum = builder.enumType('Granularity', {
  description: 'Period size for timeline counts.',
  values: { YEAR: { value: 4 }, MONTH: { value: 7 } } as const,
});

const SourceCount = builder.objectRef<{ source: string | null; language: string | null; count: number }>('SourceCount').implement({
  description: 'How many facts cite one source.',
  fields: (t) => ({
    source: t.field({
      type: SourceRef,
      nullable: true,
      description: 'The source (null for facts citing none: should never happen).',
      resolve: (s, _a, ctx) => (s.source ? ctx.loaders.source.load(s.source) : null),
    }),
    sourceSlug: t.string({ nullable: true, description: 'Its slug.', resolve: (s) => s.source }),
    count: t.exposeInt('count', { description: 'Facts citing it.' }),
  }),
});

const LanguageCount = builder.objectRef<{ language: string | null; count: number }>('LanguageCount').implement({
  description: 'How many facts cite sources in one language.',
  fields: (t) => ({
    language: t.field({
      type: LanguageEnum,
      nullable: true,
      description: 'The language.',
      resolve: (l) => l.language as 'en' | 'id' | null,
    }),
    count: t.exposeInt('count', { description: 'Facts.' }),
  }),
});

const EvidenceCoverage = builder
  .objectRef<{ total: number; withEvidence: number; bySource: Array<{ source: string | null; language: string | null; count: number }> }>(
    'EvidenceCoverage',
  )
  .implement({
    description: "How well the graph's facts are sourced.",
    fields: (t) => ({
      facts: t.exposeInt('total', { description: 'All relationships, attested values and mentions.' }),
      withEvidence: t.exposeInt('withEvidence', { description: 'Those with a source and an excerpt.' }),
      withoutEvidence: t.int({ description: 'Those missing either (should be zero).', resolve: (c) => c.total - c.withEvidence }),
      bySource: t.field({
        type: [SourceCount],
        description: 'Facts per source, most first.',
        resolve: (c) => [...c.bySource].sort((a, b) => b.count - a.count || String(a.source).localeCompare(String(b.source))),
      }),
      byLanguage: t.field({
        type: [LanguageCount],
        description: 'Facts per source language.',
        resolve: (c) => {
          const totals = new Map<string | null, number>();
          for (const s of c.bySource) totals.set(s.language, (totals.get(s.language) ?? 0) + s.count);
          return [...totals].map(([language, count]) => ({ language, count })).sort((a, b) => b.count - a.count);
        },
      }),
    }),
  });

const Dashboard = builder.objectRef<Record<string, never>>('Dashboard').implement({
  description: 'Summary figures for dashboards: counts, group-by breakdowns, timelines, evidence coverage.',
  fields: (t) => ({
    id: t.id({
      description: 'Always "dashboard": there is one, so client caches (Apollo, urql) can normalise it.',
      resolve: () => 'dashboard',
    }),
    nodeCounts: t.field({
      type: [LabelCountRef],
      description: 'Nodes per label.',
      resolve: (_d, _a, ctx) => countNodesByLabel(ctx.cypher),
    }),
    relationshipCounts: t.field({
      type: [GroupCount],
      description: 'Relationships per type, most first (keys: [type]).',
      resolve: (_d, _a, ctx) =>
        groupCounts(ctx.cypher, { types: null, groupBy: ['TYPE'], startLabels: null, endLabels: null, orderByCount: true, limit: 100 }),
    }),
    groupCount: t.field({
      type: [GroupCount],
      description:
        'Relationships grouped by any keys, sorted by count (or by keys): e.g. partners per programme by partner kind (PARTNER_IN by [END_NODE, START_KIND]), treaty status counts ([SIGNED, RATIFIED] by [END_NODE, TYPE]), facts per source ([SOURCE]).',
      args: {
        relationshipTypes: t.arg({
          type: [RelationshipTypeEnum],
          required: false,
          description: 'Only these types (all domain types when omitted).',
        }),
        groupBy: t.arg({ type: [GroupKeyEnum], required: true, description: 'One to four keys.' }),
        startLabels: t.arg({ type: [EntityLabelEnum], required: false, description: 'Only relationships starting at these types.' }),
        endLabels: t.arg({ type: [EntityLabelEnum], required: false, description: 'Only relationships ending at these types.' }),
        sortByCount: t.arg.boolean({ required: false, defaultValue: true, description: 'Largest groups first (else by keys).' }),
        limit: t.arg.int({ required: false, defaultValue: 100, description: 'Most groups to return (1 to 1000).' }),
      },
      resolve: (_d, args, ctx) => {
        if (args.groupBy.length < 1 || args.groupBy.length > 4) throw badInput('groupBy', 'needs one to four keys');
        return groupCounts(ctx.cypher, {
          types: (args.relationshipTypes as RelationshipType[] | null) ?? null,
          groupBy: args.groupBy as GroupKey[],
          startLabels: (args.startLabels as NodeLabel[] | null) ?? null,
          endLabels: (args.endLabels as NodeLabel[] | null) ?? null,
          orderByCount: args.sortByCount ?? true,
          limit: bounded('limit', args.limit ?? 100, 1, 1000),
        });
      },
    }),
    timeline: t.field({
      type: [TimelineItem],
      description:
        'Dated nodes (instruments, treaties, events, programmes) and dated relationships (signatures, adoptions, drafting), in date order.',
      args: {
        labels: t.arg({ type: [EntityLabelEnum], required: false, description: 'Only these types of dated node.' }),
        relationshipTypes: t.arg({
          type: [RelationshipTypeEnum],
          required: false,
          description: 'Dated relationships of these types (all when omitted).',
        }),
        from: t.arg({ type: PartialDate, required: false, description: 'On or after.' }),
        to: t.arg({ type: PartialDate, required: false, description: 'On or before (a year includes all its dates).' }),
        limit: t.arg.int({ required: false, defaultValue: 500, description: 'Most items (1 to 5000).' }),
      },
      resolve: async (_d, args, ctx) => {
        const rows = await timeline(ctx.cypher, {
          labels: (args.labels as NodeLabel[] | null) ?? null,
          types: typesOrAll(args.relationshipTypes as RelationshipType[] | null),
          from: args.from ?? null,
          to: args.to ?? null,
          limit: bounded('limit', args.limit ?? 500, 1, 5000),
        });
        rows.forEach((r) => {
          ctx.loaders.primeEntity(r.node);
          if (r.other) ctx.loaders.primeEntity(r.other);
        });
        return rows;
      },
    }),
    timelineCounts: t.field({
      type: [PeriodCount],
      description: 'How many dated items fall in each year (or month).',
      args: {
        granularity: t.arg({
          type: GranularityEnum,
          required: false,
          defaultValue: 4,
          description: 'Years or months. Every period has this one granularity: by MONTH, items dated only by year are left out.',
        }),
        labels: t.arg({ type: [EntityLabelEnum], required: false, description: 'Only these types of dated node.' }),
        fillEmpty: t.arg.boolean({
          required: false,
          defaultValue: false,
          description: 'List every period from the first to the last, those without items with count 0 (for charts).',
        }),
      },
      resolve: async (_d, args, ctx) => {
        const rows = await timeline(ctx.cypher, {
          labels: (args.labels as NodeLabel[] | null) ?? null,
          types: typesOrAll(null),
          from: null,
          to: null,
          limit: 100_000,
        });
        const width = (args.granularity as number | null) ?? 4;
        const counts = new Map<string, number>();
        for (const r of rows) {
          if (r.date.length < width) continue; // a year-only date has no month
          const period = r.date.slice(0, width);
          counts.set(period, (counts.get(period) ?? 0) + 1);
        }
        const periods = [...counts.keys()].sort();
        const all = args.fillEmpty && periods.length > 0 ? periodsBetween(periods[0]!, periods.at(-1)!) : periods;
        return all.map((period) => ({ period, count: counts.get(period) ?? 0 }));
      },
    }),
    evidenceCoverage: t.field({
      type: EvidenceCoverage,
      description: 'How many facts cite a source with an excerpt, per source and language.',
      resolve: (_d, _a, ctx) => evidenceCoverage(ctx.cypher),
    }),
  }),
});

builder.queryField('dashboard', (t) =>
  t.field({ type: Dashboard, description: 'Summary figures for dashboards (cheap to poll; cached briefly).', resolve: () => ({}) }),
);
