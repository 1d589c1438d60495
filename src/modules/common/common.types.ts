/** Types shared by every module: enums from the model, the PartialDate scalar, Evidence, Fact. */
import { GraphQLError } from 'graphql';
import { builder, type SchemaTypes } from '../../builder.js';
import {
  COUNT_FACTS,
  DATE_FACTS,
  SOURCE_LANGUAGES,
  NODE_KINDS,
  NODE_LABELS,
  PARTIAL_DATE_PATTERN,
  RELATIONSHIP_TYPES,
  RELATIONSHIP_TYPE_NAMES,
} from '../../domain/model.js';
import type { FactRow } from '../entity/entity.repository.js';
import type { SourceRow } from '../source/source.repository.js';

export const PartialDate = builder.scalarType('PartialDate', {
  description: 'A date as precise as the source gives it: YYYY, YYYY-MM or YYYY-MM-DD. Sorts correctly as text.',
  serialize: (value) => String(value),
  parseValue: (value) => {
    if (typeof value !== 'string' || !PARTIAL_DATE_PATTERN.test(value)) {
      throw new GraphQLError(`PartialDate must be written YYYY, YYYY-MM or YYYY-MM-DD; got ${JSON.stringify(value)}.`, {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return value;
  },
});

export const EntityLabelEnum = builder.enumType('EntityLabel', {
  description: 'The kinds of node in the graph (each is also a GraphQL type).',
  values: Object.fromEntries(NODE_LABELS.map((l) => [l, { value: l }])) as Record<string, { value: string }>,
});

const ALL_KINDS = [...new Set(Object.values(NODE_KINDS).flat())] as string[];
export const EntityKindEnum = builder.enumType('EntityKind', {
  description: 'The sub-kind of a node. Which kinds a type uses is listed on each value.',
  values: Object.fromEntries(
    ALL_KINDS.map((kind) => {
      const labels = Object.entries(NODE_KINDS)
        .filter(([, kinds]) => (kinds as readonly string[]).includes(kind))
        .map(([label]) => label);
      return [kind.toUpperCase(), { value: kind, description: `Used by: ${labels.join(', ')}.` }];
    }),
  ) as Record<string, { value: string; description: string }>,
});

export const RelationshipTypeEnum = builder.enumType('RelationshipType', {
  description: 'Relationship types of the graph.',
  values: Object.fromEntries(
    RELATIONSHIP_TYPE_NAMES.map((t) => [t, { value: t, description: RELATIONSHIP_TYPES[t].description }]),
  ) as Record<string, { value: string; description: string }>,
});

export const DirectionEnum = builder.enumType('Direction', {
  description: 'Which way a relationship points, seen from the node asked about.',
  values: {
    OUT: { value: 'OUT', description: 'From this node to the other.' },
    IN: { value: 'IN', description: 'From the other node to this one.' },
    BOTH: { value: 'BOTH', description: 'Either way.' },
  } as const,
});

export const SortDirectionEnum = builder.enumType('SortDirection', {
  description: 'Ascending or descending.',
  values: { ASC: { value: 'ASC' }, DESC: { value: 'DESC' } } as const,
});

export const LanguageEnum = builder.enumType('Language', {
  description: 'Languages of sources: English and Indonesian.',
  values: Object.fromEntries(SOURCE_LANGUAGES.map((l) => [l.toUpperCase(), { value: l }])) as Record<string, { value: string }>,
});

export const FactPropertyEnum = builder.enumType('FactProperty', {
  description: 'Dated or counted properties that sources attest about a node.',
  values: Object.fromEntries([...DATE_FACTS, ...COUNT_FACTS].map((p) => [p, { value: p }])) as Record<string, { value: string }>,
});

export interface EvidenceShape {
  source: string;
  excerpt: string;
  asOf?: string | null;
}

export const SourceRef = builder.objectRef<SourceRow>('Source');

export const Evidence = builder.objectRef<EvidenceShape>('Evidence').implement({
  description: 'Why the graph holds a fact: the source that states it and a verbatim excerpt in its language.',
  fields: (t) => ({
    source: t.field({
      type: SourceRef,
      description: 'The document or reference that states the fact.',
      resolve: async (e, _args, ctx) => {
        const source = await ctx.loaders.source.load(e.source);
        if (!source) throw new Error(`Evidence cites a missing source ${e.source}`);
        return source;
      },
    }),
    sourceSlug: t.exposeString('source', { description: 'The stable id of the source (no lookup needed).' }),
    excerpt: t.exposeString('excerpt', { description: 'A short verbatim quotation from the source, at most a sentence.' }),
    asOf: t.field({
      type: PartialDate,
      nullable: true,
      description: 'When the fact was true according to the source, for facts that change (counts, status).',
      resolve: (e) => e.asOf ?? null,
    }),
  }),
});

export const Fact = builder.objectRef<FactRow>('Fact').implement({
  description: 'A dated or counted property of a node as one source states it. Conflicting claims are all kept.',
  fields: (t) => ({
    property: t.field({ type: FactPropertyEnum, description: 'What the fact is about.', resolve: (f) => f.property }),
    value: t.string({ description: 'The value as text (a partial date or a number).', resolve: (f) => String(f.value) }),
    date: t.field({
      type: PartialDate,
      nullable: true,
      description: 'The value, for dated facts.',
      resolve: (f) => (typeof f.value === 'string' ? f.value : null),
    }),
    count: t.int({
      nullable: true,
      description: 'The value, for counted facts.',
      resolve: (f) => (typeof f.value === 'number' ? f.value : null),
    }),
    evidence: t.field({ type: Evidence, description: 'The source and excerpt that state it.', resolve: (f) => f }),
  }),
});

/**
 * The `totalCount` field of a connection whose resolver returned `totalCount: () => Promise<number>`:
 * the count runs only when a client selects the field.
 */
export function totalCountField<Parent extends { totalCount: () => Promise<number> }>(
  c: PothosSchemaTypes.ObjectFieldBuilder<SchemaTypes, Parent>,
  description: string,
) {
  return {
    totalCount: c.int({ description, resolve: (conn) => conn.totalCount() }),
  };
}
