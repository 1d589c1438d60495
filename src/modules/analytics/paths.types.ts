/**
 * `paths`: the shortest path (or all shortest paths) between two nodes, every hop with its type,
 * direction, properties and evidence.
 */
import { builder } from '../../builder.js';
import type { NodeLabel, RelationshipType } from '../../domain/model.js';
import { badInput, notFound } from '../../errors.js';
import { DirectionEnum, EntityLabelEnum, RelationshipTypeEnum } from '../common/common.types.js';
import { EntityRef } from '../entity/entity.refs.js';
import type { EntityRow } from '../entity/entity.repository.js';
import { mayBeSlug, resolveEntity } from '../entity/entity.resolve.js';
import type { RelationshipRow } from './analytics.repository.js';
import { ANALYTICS_LIMITS, bounded, relationshipFields } from './analytics.fields.js';
import { shortestPaths } from './paths.repository.js';

interface HopShape {
  rel: RelationshipRow;
  /** Whether the hop walks the relationship from its start to its end. */
  forward: boolean;
}

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
      const search = (fromId: string, toId: string) =>
        shortestPaths(ctx.cypher, {
          fromId,
          toId,
          maxLength,
          types: (args.relationshipTypes as RelationshipType[] | null) ?? null,
          throughLabels: (args.through as NodeLabel[] | null) ?? null,
          all: args.all ?? false,
          limit,
        });
      // Ends given by slug, the usual case, need no lookup of their own: the path statement says
      // whether each exists. Otherwise (a global id, a name, a slug no node has) both ends are
      // resolved in one batched lookup, which names what is wrong, and the path is looked for.
      const [fromRef, toRef] = [args.from.trim(), args.to.trim()];
      let found = mayBeSlug(fromRef) && mayBeSlug(toRef) && fromRef !== toRef ? await search(fromRef, toRef) : null;
      if (!found?.fromFound || !found.toFound) {
        const [from, to] = await Promise.all([resolveEntity(ctx, 'from', args.from), resolveEntity(ctx, 'to', args.to)]);
        if (from.id === to.id) throw badInput('to', 'must differ from `from`');
        found = await search(from.id, to.id);
        if (!found.fromFound) throw notFound('node', from.id);
        if (!found.toFound) throw notFound('node', to.id);
      }
      const rows = found.paths;
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
