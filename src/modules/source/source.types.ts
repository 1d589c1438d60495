/**
 * Sources as a type: the four documents and the named references that facts cite, what each
 * one supports, and which nodes it mentions (where, with a snippet).
 */
import { builder, type SchemaTypes } from '../../builder.js';
import type { Context } from '../../context.js';
import { notFound } from '../../errors.js';
import { toConnection, toPage, type Connection, type PageArgs } from '../../pagination.js';
import { EntityRef } from '../entity/entity.refs.js';
import type { EntityRow } from '../entity/entity.repository.js';
import { Evidence, LanguageEnum, PartialDate, SourceRef, totalCountField } from '../common/common.types.js';
import { connectionSpecExtension } from '../../query-cost.js';
import { locateExcerpt, type TextSpan as TextSpanShape } from './excerpt-span.js';
import {
  countSources,
  factsSupportedBy,
  listSources,
  type MentionRow,
  type SourceRow,
  type SupportedFactRow,
} from './source.repository.js';

const SourceKindEnum = builder.enumType('SourceKind', {
  description: 'What a source is.',
  values: {
    DOCUMENT: { value: 'document', description: 'A document read into the graph (its mentions are linked).' },
    REFERENCE: { value: 'reference', description: 'A named external reference (treaty office, official journal, ...).' },
  } as const,
});

builder.node(SourceRef, {
  description: 'A document or reference that facts cite. Every relationship names one.',
  id: { resolve: (s) => s.id },
  isTypeOf: (value) => typeof (value as SourceRow).title === 'string' && !('label' in (value as object)),
  loadMany: async (ids, ctx) => {
    const rows = await ctx.loaders.source.loadMany(ids);
    return rows.map((r) => (r instanceof Error ? null : r));
  },
  fields: (t) => ({
    slug: t.exposeString('id', { description: 'The stable id, e.g. "doc-002" or "coe-treaty-office-185".' }),
    title: t.exposeString('title', { description: 'The title.' }),
    kind: t.field({ type: SourceKindEnum, description: 'Document or reference.', resolve: (s) => s.kind as 'document' | 'reference' }),
    language: t.field({ type: LanguageEnum, description: 'The language it is written in.', resolve: (s) => s.language as 'en' | 'id' }),
    file: t.string({ nullable: true, description: 'For documents: the file it was read from.', resolve: (s) => s.file }),
    publisher: t.string({ nullable: true, description: 'Who published it.', resolve: (s) => s.publisher }),
    url: t.string({ nullable: true, description: 'Where to read it.', resolve: (s) => s.url }),
    published: t.field({ type: PartialDate, nullable: true, description: 'When it was published.', resolve: (s) => s.published }),
    description: t.string({ nullable: true, description: 'What it is.', resolve: (s) => s.description }),
    checksum: t.string({ nullable: true, description: 'SHA-256 of the cleaned text, for ingested documents.', resolve: (s) => s.checksum }),
    text: t.string({
      nullable: true,
      description:
        'The cleaned text of a document (encoding repaired), which mention offsets and `Evidence.excerptSpan` point into. Null for references.',
      resolve: (s, _args, ctx) => ctx.loaders.sourceText.load(s.id),
    }),
  }),
});

const TextSpan = builder.objectRef<TextSpanShape>('TextSpan').implement({
  description: 'A range of characters in a source’s cleaned text (`Source.text`): `text.slice(start, end)`.',
  fields: (t) => ({
    start: t.exposeInt('start', { description: 'Offset of the first character (UTF-16 code units, from 0).' }),
    end: t.exposeInt('end', { description: 'Offset just after the last character.' }),
  }),
});

builder.objectField(Evidence, 'excerptSpan', (t) =>
  t.field({
    type: TextSpan,
    nullable: true,
    description:
      'Where the excerpt is in its source’s cleaned text (`Source.text`), to highlight it. Null for references (no text) or when the excerpt is not found.',
    resolve: async (e, _args, ctx) => {
      const text = await ctx.loaders.sourceText.load(e.source);
      return text ? locateExcerpt(text, e.excerpt) : null;
    },
  }),
);

/** Where a mention is; an edge carries it beside its cursor and the node (or source) at the other end. */
type MentionPosition = Omit<MentionRow, 'node'>;

const mentionEdgeFields = <Edge extends MentionPosition>(e: PothosSchemaTypes.ObjectFieldBuilder<SchemaTypes, Edge>) => ({
  start: e.int({ description: 'Offset of the first character in the cleaned text.', resolve: (m) => m.start }),
  end: e.int({ description: 'Offset just after the last character.', resolve: (m) => m.end }),
  matched: e.string({ description: 'The text as it appears (a name or an alias).', resolve: (m) => m.matched }),
  excerpt: e.string({ description: 'The words around the mention.', resolve: (m) => m.excerpt }),
});

async function resolveMentions<Node>(
  side: 'source' | 'node',
  parentId: string,
  args: PageArgs,
  ctx: Context,
  toNode: (m: MentionRow) => Promise<Node | null>,
): Promise<Connection<MentionPosition & { cursor: string; node: Node }>> {
  const page = toPage(args, 3, `mentions:${side}`, ctx.limits);
  const rows: MentionRow[] = await ctx.loaders.mentions(side, page).load(parentId);
  // A mention joins a source to a node, so both exist; a row whose end is gone by now is left out.
  const nodes = await Promise.all(rows.map(toNode));
  const withNodes = rows.flatMap((m, i) => {
    const node = nodes[i];
    // Promise.all types its values as Awaited<Node>; Node is never a promise here.
    return node == null ? [] : [{ ...m, node: node as Node }];
  });
  return toConnection(
    withNodes,
    page,
    (m) => m.key,
    (m) => ({ ...m }),
  );
}

builder.objectField(SourceRef, 'mentions', (t) =>
  t.connection(
    {
      type: EntityRef,
      description: 'The nodes this document names, in order of appearance, with offsets and a snippet.',
      // For the query-cost estimate: a page of mentions holds at most the busiest document's count.
      extensions: connectionSpecExtension(() => ({ types: ['MENTIONS'], direction: 'OUT' })),
      resolve: (source, args, ctx) => resolveMentions('source', source.id, args, ctx, async (m) => ctx.loaders.primeEntity(m.node)),
    },
    { name: 'SourceMentionsConnection', description: 'A page of the nodes a document names, in order of appearance.' },
    {
      name: 'SourceMentionEdge',
      description: 'One mention of a node in a document: where it is and the words around it.',
      fields: (e) => mentionEdgeFields(e),
    },
  ),
);

builder.interfaceField(EntityRef, 'mentions', (t) =>
  t.connection(
    {
      type: SourceRef,
      description: 'Where documents name this node (by its name or any alias), with offsets and a snippet.',
      extensions: connectionSpecExtension(() => ({ types: ['MENTIONS'], direction: 'IN' })),
      resolve: (row: EntityRow, args, ctx) => resolveMentions('node', row.id, args, ctx, (m) => ctx.loaders.source.load(m.sourceId)),
    },
    { name: 'EntityMentionsConnection', description: 'A page of the places where documents name a node.' },
    {
      name: 'EntityMentionEdge',
      description: 'One mention of the node in a document: where it is and the words around it.',
      fields: (e) => mentionEdgeFields(e),
    },
  ),
);

const SupportedFact = builder.objectRef<SupportedFactRow>('SupportedFact').implement({
  description: 'A fact that cites a source: a relationship, or an attested value (type ATTESTS).',
  fields: (t) => ({
    type: t.exposeString('type', { description: 'The relationship type, or ATTESTS for a dated or counted value.' }),
    from: t.field({
      type: EntityRef,
      nullable: true,
      description: 'The start node (null for ATTESTS, whose start is the source itself).',
      resolve: (f, _a, ctx) => ctx.loaders.entity.load(f.fromId),
    }),
    to: t.field({
      type: EntityRef,
      nullable: true,
      description: 'The end node.',
      resolve: (f, _a, ctx) => ctx.loaders.entity.load(f.toId),
    }),
    property: t.string({
      nullable: true,
      description: 'For ATTESTS: the property attested.',
      resolve: (f) => (f.properties.property as string) ?? null,
    }),
    value: t.string({
      nullable: true,
      description: 'For ATTESTS: the value attested.',
      resolve: (f) => (f.properties.value == null ? null : String(f.properties.value)),
    }),
    excerpt: t.exposeString('excerpt', { description: 'The verbatim excerpt.' }),
    asOf: t.field({ type: PartialDate, nullable: true, description: 'As-of date, when set.', resolve: (f) => f.asOf }),
  }),
});

builder.objectField(SourceRef, 'facts', (t) =>
  t.connection(
    {
      type: SupportedFact,
      description: 'Every fact that cites this source (relationships and attested values, not mentions).',
      resolve: async (source, args, ctx) => {
        const page = toPage(args, 5, 'source.facts', ctx.limits);
        const rows = await factsSupportedBy(ctx.cypher, source.id, page);
        return toConnection(
          rows,
          page,
          (r) => r.key,
          (r) => ({ node: r }),
        );
      },
    },
    { name: 'SourceFactsConnection', description: 'A page of the facts that cite a source.' },
    { description: 'One fact that cites the source, with its cursor.' },
  ),
);

const SourceFilterInput = builder.inputType('SourceFilter', {
  description: 'Which sources to list.',
  fields: (t) => ({
    language: t.field({ type: LanguageEnum, required: false, description: 'Only sources in this language.' }),
    kind: t.field({ type: SourceKindEnum, required: false, description: 'Only documents, or only references.' }),
  }),
});

builder.queryField('sources', (t) =>
  t.connection(
    {
      type: SourceRef,
      description: 'The documents and references facts cite.',
      args: { filter: t.arg({ type: SourceFilterInput, required: false, description: 'Which sources.' }) },
      resolve: async (_root, args, ctx) => {
        const page = toPage(args, 1, 'sources', ctx.limits);
        const filter = { language: args.filter?.language ?? null, kind: args.filter?.kind ?? null };
        const rows = await listSources(ctx.cypher, filter, page);
        for (const r of rows) ctx.loaders.source.prime(r.id, r);
        const connection = toConnection(
          rows,
          page,
          (r) => [r.id],
          (r) => ({ node: r }),
        );
        return { ...connection, totalCount: () => countSources(ctx.cypher, filter) };
      },
    },
    {
      name: 'SourcesConnection',
      description: 'A page of sources.',
      fields: (c) => ({
        ...totalCountField(c, 'How many sources match, over all pages.'),
      }),
    },
    { description: 'One source in a page, with its cursor.' },
  ),
);

builder.queryField('source', (t) =>
  t.field({
    type: SourceRef,
    nullable: true,
    description: 'One source by its slug (e.g. "doc-000"). An unknown slug is a NOT_FOUND error.',
    args: { slug: t.arg.string({ required: true, description: 'The slug.' }) },
    resolve: async (_root, args, ctx) => {
      const row = await ctx.loaders.source.load(args.slug);
      if (!row) throw notFound('source', args.slug);
      return row;
    },
  }),
);
