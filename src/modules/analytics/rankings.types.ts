/** `mostConnected`: nodes ranked by number of relationships. */
import { builder } from '../../builder.js';
import type { NodeLabel, RelationshipType } from '../../domain/model.js';
import { DirectionEnum, EntityLabelEnum, RelationshipTypeEnum } from '../common/common.types.js';
import { EntityRef } from '../entity/entity.refs.js';
import { bounded } from './analytics.fields.js';
import { mostConnected, type RankedRow } from './rankings.repository.js';

const RankedNode = builder.objectRef<RankedRow>('RankedNode').implement({
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
