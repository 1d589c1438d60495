/**
 * What a few nodes have in common: `commonConnections` (the nodes every one of them is directly
 * related to) and `compare` (a side-by-side table of everything any of them is related to; the
 * table is arranged in compare.service.ts).
 */
import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import type { NodeLabel, RelationshipType } from '../../domain/model.js';
import { badInput } from '../../errors.js';
import { DirectionEnum, EntityLabelEnum, RelationshipTypeEnum } from '../common/common.types.js';
import { EntityRef } from '../entity/entity.refs.js';
import type { EntityRow } from '../entity/entity.repository.js';
import { resolveEntities } from '../entity/entity.resolve.js';
import { typesOrAll } from './analytics.repository.js';
import { ANALYTICS_LIMITS, bounded, relationshipFields } from './analytics.fields.js';
import { commonConnections, type CommonConnectionRow } from './compare.repository.js';
import {
  compareNodes,
  type ComparisonCellShape,
  type ComparisonRowShape,
  type ComparisonShape,
  type ConnectionLinkShape,
} from './compare.service.js';

const LinkRef = builder.objectRef<ConnectionLinkShape>('ConnectionLink').implement({
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

const CommonConnection = builder.objectRef<CommonConnectionRow>('CommonConnection').implement({
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

const ComparisonCell = builder.objectRef<ComparisonCellShape>('ComparisonCell').implement({
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

const Comparison = builder.objectRef<ComparisonShape>('Comparison').implement({
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
      return compareNodes(ctx.cypher, slugs, typesOrAll(args.relationshipTypes as RelationshipType[] | null), (node) =>
        ctx.loaders.primeEntity(node),
      );
    },
  }),
);
