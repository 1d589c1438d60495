import { builder } from '../../builder.js';
import { countNodesByLabel, type LabelCount } from './graph.repository.js';

export const LabelCountRef = builder.objectRef<LabelCount>('LabelCount').implement({
  description: 'How many nodes carry a label.',
  fields: (t) => ({
    label: t.exposeString('label', { description: 'The node label, e.g. Actor or Source.' }),
    count: t.exposeInt('count', { description: 'Number of nodes with this label.' }),
  }),
});

builder.queryField('nodeCounts', (t) =>
  t.field({
    type: [LabelCountRef],
    description: 'Number of nodes per label in the graph.',
    resolve: (_root, _args, ctx) => countNodesByLabel(ctx.cypher),
  }),
);
