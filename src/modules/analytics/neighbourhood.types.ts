/**
 * `neighbourhood`: the nodes within a few hops of a node and the relationships among them,
 * shaped for graph-drawing libraries and capped in size.
 */
import { builder } from '../../builder.js';
import type { NodeLabel, RelationshipType } from '../../domain/model.js';
import { notFound } from '../../errors.js';
import { EntityKindEnum, EntityLabelEnum, RelationshipTypeEnum } from '../common/common.types.js';
import { EntityRef } from '../entity/entity.refs.js';
import type { EntityRow } from '../entity/entity.repository.js';
import { mayBeSlug, resolveEntity } from '../entity/entity.resolve.js';
import { typesOrAll, type RelationshipRow } from './analytics.repository.js';
import { ANALYTICS_LIMITS, bounded, relationshipFields } from './analytics.fields.js';
import { neighbourhood } from './neighbourhood.repository.js';

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
      // One statement: the centre, every hop and the edges among the nodes found.
      const around = (centreId: string) =>
        neighbourhood(ctx.cypher, {
          centreId,
          depth,
          types: typesOrAll(args.relationshipTypes as RelationshipType[] | null),
          labels: (args.labels as NodeLabel[] | null) ?? null,
          maxNodes,
          edgeLimit: maxEdges + 1,
        });
      // A slug, the usual case, needs no lookup of its own: the statement finds the centre or
      // not. Otherwise (a global id, a name, a slug no node has) the reference is resolved, which
      // names what is wrong, and the statement runs on what it names.
      let found = mayBeSlug(args.slug) ? await around(args.slug.trim()) : null;
      if (!found) {
        const centre = await resolveEntity(ctx, 'slug', args.slug);
        found = await around(centre.id);
        if (!found) throw notFound('node', centre.id);
      }
      const { nodes, relationships } = found;
      const truncated = found.nodesCut || relationships.length > maxEdges;
      for (const n of nodes) ctx.loaders.primeEntity(n);
      return { nodes, edges: relationships.slice(0, maxEdges).map((rel) => ({ rel })), truncated, maxNodes, maxEdges };
    },
  }),
);
