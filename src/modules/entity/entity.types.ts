/**
 * The domain node types (Actor, Treaty, Norm, Instrument, Programme, Event, Topic), the Entity
 * interface they share, and the root fields to find them: by global id, slug, name or alias,
 * and as filtered, sorted, paginated collections.
 */
import { builder } from '../../builder.js';
import { z } from 'zod';
import { NODE_LABELS, type NodeLabel, type RelationshipType } from '../../domain/model.js';
import { notFound } from '../../errors.js';
import { toConnection, toPage, type PageArgs } from '../../pagination.js';
import {
  DirectionEnum,
  EntityKindEnum,
  EntityLabelEnum,
  Fact,
  FactPropertyEnum,
  PartialDate,
  RelationshipTypeEnum,
  SortDirectionEnum,
  totalCountField,
} from '../common/common.types.js';
import { planConnectionNodes, planRootNode, primeChildren, selectsPageInfo } from '../relationship/relationship.plan.js';
import { findEntityPlanned, plannedProjection } from '../relationship/relationship.repository.js';
import { addGenericRelationshipsField, addRelationshipField } from '../relationship/relationship.types.js';
import { RELATIONSHIP_FIELDS } from '../relationship/relationship.fields.js';
import { kindsOf } from '../common/kinds.js';
import { EntityRef, EntityTypeRefs } from './entity.refs.js';
import {
  countEntities,
  findEntitiesByName,
  listEntities,
  type EntityFilter,
  type EntityRow,
  type EntitySort,
} from './entity.repository.js';

const LABEL_DESCRIPTIONS: Record<NodeLabel, string> = {
  Actor: 'A state, organisation, EU body, coalition, initiative, region or group, or a cited person.',
  Treaty: 'A treaty, convention or protocol (e.g. the Budapest Convention and its protocols).',
  Norm: 'A norm or principle of state behaviour in cyberspace (e.g. the UN GGE 2015 norms).',
  Instrument:
    'A policy instrument: sanctions regime, Council conclusions or decision, strategy, toolbox, resolution, report, funding instrument.',
  Programme: 'A programme, project or partnership through which actors work together (e.g. EU Cyber Direct).',
  Event: 'A meeting, session, dialogue or negotiation.',
  Topic: 'A topic, value or priority of cyber diplomacy (e.g. capacity building, rule of law).',
};

EntityRef.implement({
  description: 'Any node of the knowledge graph other than a Source. Every fact about it cites its evidence.',
  interfaces: [builder.nodeInterfaceRef()],
  resolveType: (row) => row.label,
  fields: (t) => ({
    id: t.globalID({
      description: 'Global id (relay): use with node(id:).',
      resolve: (row) => ({ type: row.label, id: row.id }),
    }),
    slug: t.exposeString('id', { description: 'The stable, readable id, e.g. "eu-cyber-direct".' }),
    name: t.exposeString('name', { description: 'The English name.' }),
    aliases: t.exposeStringList('aliases', {
      description: 'Every other spelling the sources use, in English and Indonesian (e.g. "Uni Eropa", "UE").',
    }),
    description: t.string({ nullable: true, description: 'A short English description.', resolve: (r) => r.description }),
    kind: t.field({ type: EntityKindEnum, description: 'The sub-kind within the type.', resolve: (r) => r.kind }),
    date: t.field({
      type: PartialDate,
      nullable: true,
      description:
        'The headline date (opened for signature, adopted, held, started, founded), the most precise any source gives. All claims are in `facts`.',
      resolve: (r) => r.date,
    }),
    facts: t.field({
      type: [Fact],
      description: 'Dated and counted properties, each as one source states it (conflicting claims are all listed).',
      args: { property: t.arg({ type: FactPropertyEnum, required: false, description: 'Only this property.' }) },
      resolve: async (row, args, ctx) => {
        const facts = await ctx.loaders.facts.load(row.id);
        return args.property ? facts.filter((f) => f.property === args.property) : facts;
      },
    }),
    degree: t.int({
      description: 'How many relationships this node has (of the given types and direction).',
      args: {
        types: t.arg({ type: [RelationshipTypeEnum], required: false, description: 'Count only these types.' }),
        direction: t.arg({ type: DirectionEnum, required: false, defaultValue: 'BOTH', description: 'Count only this direction.' }),
      },
      resolve: (row, args, ctx) =>
        ctx.loaders
          .degree((args.types as RelationshipType[] | null) ?? null, (args.direction ?? 'BOTH') as 'OUT' | 'IN' | 'BOTH')
          .load(row.id),
    }),
  }),
});

for (const label of NODE_LABELS) {
  builder.node(EntityTypeRefs[label], {
    description: LABEL_DESCRIPTIONS[label],
    interfaces: [EntityRef],
    isTypeOf: (value) => (value as EntityRow).label === label,
    id: { resolve: (row) => row.id },
    loadMany: async (ids, ctx) => {
      const rows = await ctx.loaders.entity.loadMany(ids);
      // A global id of one type carrying the slug of another resolves to nothing.
      return rows.map((row) => (row && !(row instanceof Error) && row.label === label ? row : null));
    },
    fields: (t) => ({
      ...(label === 'Actor'
        ? { countryCode: t.string({ nullable: true, description: 'ISO 3166-1 alpha-2 code, for states.', resolve: (r) => r.countryCode }) }
        : {}),
      ...(label === 'Treaty' || label === 'Instrument' || label === 'Norm'
        ? {
            code: t.string({
              nullable: true,
              description: 'The official reference (e.g. "ETS No. 185", "A/70/174").',
              resolve: (r) => r.code,
            }),
          }
        : {}),
      ...(label === 'Event'
        ? { location: t.string({ nullable: true, description: 'Where the event took place.', resolve: (r) => r.location }) }
        : {}),
    }),
  });
}

for (const [parentType, specs] of Object.entries(RELATIONSHIP_FIELDS)) {
  for (const spec of specs) addRelationshipField(parentType, spec);
}
addGenericRelationshipsField();

// ---- Root fields -------------------------------------------------------------------------

const RelationshipConditionInput = builder.inputType('RelationshipCondition', {
  description: 'Keep nodes that have a relationship of this type (optionally to a given node or type of node).',
  fields: (t) => ({
    type: t.field({ type: RelationshipTypeEnum, required: true, description: 'The relationship type.' }),
    direction: t.field({ type: DirectionEnum, required: false, defaultValue: 'OUT', description: 'Its direction from the node.' }),
    otherSlug: t.string({ required: false, description: 'The node at the other end, by slug.' }),
    otherLabel: t.field({ type: EntityLabelEnum, required: false, description: 'The type of node at the other end.' }),
  }),
});

const EntityFilterInput = builder.inputType('EntityFilter', {
  description: 'Conditions a node must meet; all given conditions apply together.',
  fields: (t) => ({
    slugs: t.stringList({ required: false, description: 'Only these nodes.' }),
    kinds: t.field({ type: [EntityKindEnum], required: false, description: 'Only these kinds.' }),
    nameContains: t.string({
      required: false,
      description: 'Name or an alias contains this text (any case, either language).',
      validate: z.string().trim().min(1, 'must not be empty'),
    }),
    dateFrom: t.field({ type: PartialDate, required: false, description: 'Headline date on or after this.' }),
    dateTo: t.field({
      type: PartialDate,
      required: false,
      description: 'Headline date on or before this (a year includes all its dates).',
    }),
    within: t.string({
      required: false,
      description: 'Part of or member of this node, by slug (e.g. "western-balkans", "eu").',
    }),
    mentionedIn: t.string({ required: false, description: 'Mentioned in this source, by slug.' }),
    hasRelationship: t.field({
      type: [RelationshipConditionInput],
      required: false,
      description: 'Has relationships like these (e.g. PARTNER_IN, OUT: partners in any programme).',
    }),
  }),
});

const EntitySortFieldEnum = builder.enumType('EntitySortField', {
  description: 'What to sort nodes by.',
  values: {
    NAME: { value: 'NAME', description: 'The English name (any case).' },
    DATE: { value: 'DATE', description: 'The headline date; nodes without one come first ascending.' },
    DEGREE: { value: 'DEGREE', description: 'The number of relationships (of the given types), e.g. actors by number of programmes.' },
    SLUG: { value: 'ID', description: 'The slug.' },
  } as const,
});

const EntityOrderInput = builder.inputType('EntityOrder', {
  description: 'How to sort nodes. Ties are broken by slug.',
  fields: (t) => ({
    field: t.field({ type: EntitySortFieldEnum, required: true, description: 'What to sort by.' }),
    direction: t.field({ type: SortDirectionEnum, required: false, defaultValue: 'ASC', description: 'Ascending or descending.' }),
    relationshipTypes: t.field({
      type: [RelationshipTypeEnum],
      required: false,
      description: 'For DEGREE: the relationship types to count (all when omitted).',
    }),
    relationshipDirection: t.field({
      type: DirectionEnum,
      required: false,
      defaultValue: 'BOTH',
      description: 'For DEGREE: the direction to count.',
    }),
  }),
});

/**
 * The repository's filter from the validated input: the validation plugin has checked it (kinds
 * of the field's type, a non-blank name, trimmed) and the PartialDate scalar its dates.
 */
function toFilter(input: typeof EntityFilterInput.$inferInput | null | undefined): EntityFilter {
  if (!input) return {};
  return {
    ids: input.slugs ?? null,
    kinds: input.kinds ?? null,
    nameContains: input.nameContains ?? null,
    dateFrom: input.dateFrom ?? null,
    dateTo: input.dateTo ?? null,
    within: input.within ?? null,
    mentionedIn: input.mentionedIn ?? null,
    hasRelationship:
      // The RelationshipType and EntityLabel enums admit only the model's names (their values are built from it).
      input.hasRelationship?.map((c) => ({
        type: c.type as RelationshipType,
        direction: c.direction ?? 'OUT',
        otherId: c.otherSlug ?? null,
        otherLabel: (c.otherLabel as NodeLabel | null | undefined) ?? null,
      })) ?? null,
  };
}

function toSort(input: typeof EntityOrderInput.$inferInput | null | undefined): EntitySort {
  return {
    field: input?.field ?? 'NAME',
    descending: input?.direction === 'DESC',
    // The RelationshipType enum admits only the model's names (its values are built from it).
    relationshipTypes: (input?.relationshipTypes as RelationshipType[] | null | undefined) ?? null,
    relationshipDirection: input?.relationshipDirection ?? 'BOTH',
  };
}

function collectionField(fieldName: string, label: NodeLabel | null, description: string) {
  builder.queryField(fieldName, (t) =>
    t.connection(
      {
        type: label ? EntityTypeRefs[label] : EntityRef,
        description,
        args: {
          filter: t.arg({
            type: EntityFilterInput,
            required: false,
            description: 'Which nodes to include.',
            // Kinds must be kinds of this field's type (any kind on `entities`).
            validate: label ? z.looseObject({ kinds: kindsOf([label]).nullish() }) : undefined,
          }),
          orderBy: t.arg({ type: EntityOrderInput, required: false, description: 'How to sort them (default: by name).' }),
        },
        resolve: async (_root, args, ctx, info) => {
          const sort = toSort(args.orderBy);
          const scope = `${fieldName}:${sort.field}:${sort.descending ? 'DESC' : 'ASC'}:${sort.relationshipTypes?.join('|') ?? ''}:${sort.relationshipDirection}`;
          const page = toPage(args as PageArgs, 2, scope, ctx.limits);
          const filter = toFilter(args.filter);
          // Only what the query selects, and the relationship pages it asks of each node, in one statement.
          const plan = { ...planConnectionNodes(label ?? 'Entity', info, ctx.limits), label };
          const rows = await listEntities(ctx.cypher, label, filter, sort, page, plannedProjection(plan), selectsPageInfo(info));
          for (const r of rows) primeChildren(ctx, plan, r.node);
          // Only full rows may answer later id lookups; a planned row holds just what its query asked.
          const full = plan.properties === null;
          const connection = toConnection(
            rows,
            page,
            (r) => [r.sortKey, r.node.id],
            (r) => ({ node: full ? ctx.loaders.primeEntity(r.node) : r.node }),
          );
          return { ...connection, totalCount: () => countEntities(ctx.cypher, label, filter) };
        },
      },
      {
        name: `${fieldName.charAt(0).toUpperCase()}${fieldName.slice(1)}Connection`,
        description: `A page of ${fieldName}: ${description}`,
        fields: (c) => ({
          ...totalCountField(c, 'How many nodes match the filter, over all pages. Counted only when asked for.'),
        }),
      },
      { description: `One of the ${fieldName} in a page, with its cursor.` },
    ),
  );
}

collectionField('entities', null, 'All nodes of every type, filtered, sorted and paginated.');
collectionField('actors', 'Actor', 'States, organisations, EU bodies, coalitions, regions and cited people.');
collectionField('treaties', 'Treaty', 'Treaties, conventions and protocols.');
collectionField('norms', 'Norm', 'Norms and principles of responsible state behaviour.');
collectionField('instruments', 'Instrument', 'Sanctions regimes, conclusions, decisions, strategies, resolutions and reports.');
collectionField('programmes', 'Programme', 'Programmes, projects and partnerships.');
collectionField('events', 'Event', 'Sessions, dialogues and other events.');
collectionField('topics', 'Topic', 'Topics, values and priorities.');

builder.queryField('entity', (t) =>
  t.field({
    type: EntityRef,
    nullable: true,
    description: 'One node by its stable slug (e.g. "eu", "budapest-convention"). An unknown slug is a NOT_FOUND error.',
    args: { slug: t.arg.string({ required: true, description: 'The slug.' }) },
    resolve: async (_root, args, ctx) => {
      const row = await ctx.loaders.entity.load(args.slug);
      if (!row) throw notFound('node', args.slug);
      return row;
    },
  }),
);

for (const label of NODE_LABELS) {
  const field = label.charAt(0).toLowerCase() + label.slice(1);
  builder.queryField(field, (t) =>
    t.field({
      type: EntityTypeRefs[label],
      nullable: true,
      description: `One ${label} by its slug. An unknown slug, or one of another type, is a NOT_FOUND error.`,
      args: { slug: t.arg.string({ required: true, description: 'The slug.' }) },
      resolve: async (_root, args, ctx, info) => {
        // The node and the relationship pages the query asks of it (at every level the plan
        // reaches) in one statement; a plain lookup goes through the batched entity loader.
        const plan = planRootNode(label, info, ctx.limits);
        const row = plan ? await findEntityPlanned(ctx.cypher, args.slug, plan) : await ctx.loaders.entity.load(args.slug);
        if (!row || row.label !== label) throw notFound(label, args.slug);
        if (plan) primeChildren(ctx, plan, row);
        return row;
      },
    }),
  );
}

builder.queryField('lookup', (t) =>
  t.field({
    type: [EntityRef],
    description:
      'Nodes whose name or an alias is exactly this text, in either language and any case (e.g. "Uni Eropa", "Jepang", "PBB"). For partial or fuzzy matches use `search`.',
    args: {
      name: t.arg.string({
        required: true,
        description: 'The name or alias.',
        validate: z.string().refine((name) => name.trim() !== '', 'must not be empty'),
      }),
      labels: t.arg({ type: [EntityLabelEnum], required: false, description: 'Only these types.' }),
    },
    resolve: async (_root, args, ctx) => {
      const rows = await findEntitiesByName(ctx.cypher, args.name, (args.labels as NodeLabel[] | null) ?? null);
      return rows.map((r) => ctx.loaders.primeEntity(r));
    },
  }),
);
